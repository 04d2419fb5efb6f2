import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_CACHE, synthApp } from './bench-apps';
import { processesInGroups } from './process-groups';
import { addFormValidationStacks } from '../../../examples/form-validation/app';
import { until } from '../../support/until';

const ROOT = path.join(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'form-validation');
// Builds are cached in .test-cache by the other tests; a first run builds them (minutes).
const FIRST_BUILD_MS = 20 * 60_000;

/**
 * Process groups led by children of `parent` that talk to a Runtime API: the runtimes the CLI
 * spawned (each detached), not its build steps (detached too, but without AWS_LAMBDA_RUNTIME_API).
 */
function runtimeGroupsOf(parent: number): number[] {
  const groups: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
      const runtime = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').some((v) => v.startsWith('AWS_LAMBDA_RUNTIME_API='));
      if (ppid === parent && pgrp === Number(entry) && runtime) groups.push(pgrp);
    } catch {
      // The process ended while we looked.
    }
  }
  return groups;
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-interrupt-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('lsf bench interrupted with Ctrl-C', () => {
  test('exits with 130 and leaves none of its runtimes running, and none of its cgroups', async () => {
    const assembly = synthApp(path.join(out, 'cdk.out'), addFormValidationStacks);
    const cli = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/lsf/cli/lsf.ts', 'bench', '--app', assembly,
      '--cases', path.join(EXAMPLE, 'cases.jsonl'), '--cache-dir', TEST_CACHE, '--no-arm64', '--cold', '500'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));

    const seen = new Set<number>();
    await until('the benchmark to spawn runtimes', FIRST_BUILD_MS, () => {
      runtimeGroupsOf(cli.pid!).forEach((pgid) => seen.add(pgid));
      return seen.size >= 3 ? true : undefined;
    });
    cli.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(stderr).not.toContain('unexpected error');
    // Killed runtimes are reaped by init, a moment after the CLI exits.
    const left = await until('the runtimes to be reaped', 5000, () => {
      const alive = processesInGroups([...seen]);
      return alive.length === 0 ? alive : undefined;
    }).catch(() => processesInGroups([...seen]));
    expect(left).toEqual([]);
    // Each runtime ran in a cgroup with its memory's CPU share: none outlives the run.
    expect(readdirSync('/sys/fs/cgroup/cpu').filter((name) => name.startsWith(`lsf-${cli.pid}-`))).toEqual([]);
  }, FIRST_BUILD_MS);
});
