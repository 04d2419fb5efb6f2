import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

describe('the toolchain runs on Node 22 or newer (scripts/setup-node.sh where the machine\'s is older)', () => {
  test('the tests do', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  test('jsii, as the tasks run it, prints no end-of-life banner', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'jsii'), ['--version'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^5\.\d+\.\d+/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/end-of-life|not supported anymore/);
  });
});
