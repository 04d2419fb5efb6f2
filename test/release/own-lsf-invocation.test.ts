// This checkout's own scripts, tasks and workflows run lsf as `node .../lib/lsf/cli/lsf.js`,
// never as `npx lsf`: npm 11.21 and later answer `npx lsf` inside this repository by installing
// the repository itself into npx's cache, and an entry made before lib/ was compiled keeps no
// bin link, so that every later `npx lsf` fails with "lsf: not found" (CI's failure of
// 2026-11-30, on a machine whose npx cache outlives the checkout). Users' apps are not
// concerned: there lsf is a dependency's bin in node_modules/.bin.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

function filesThatRunCommands(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard',
    'scripts', '.ci', '.projen/tasks.json', '.github/workflows', 'test/consumers'], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\n').filter((file) => file && !file.endsWith('.md') && fs.existsSync(path.join(ROOT, file)));
}

test('the repository runs its own lsf from lib/, not through npx', () => {
  const files = filesThatRunCommands();
  expect(files).toEqual(expect.arrayContaining(['scripts/quickstart.sh', '.projen/tasks.json', '.github/workflows/build.yml']));
  const offenders = files.flatMap((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')
    .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
    .filter(({ line }) => /\bnpx\s+(--\S+\s+)*lsf\b/.test(line) && !/^\s*#/.test(line)));
  expect(offenders).toEqual([]);
});

test('the quick start and example:bench run the compiled lsf', () => {
  expect(fs.readFileSync(path.join(ROOT, 'scripts/quickstart.sh'), 'utf8')).toMatch(/node \.\.\/\.\.\/lib\/lsf\/cli\/lsf\.js bench /);
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen/tasks.json'), 'utf8')).tasks;
  expect(JSON.stringify(tasks['example:bench'].steps)).toContain('node ../../lib/lsf/cli/lsf.js bench');
});
