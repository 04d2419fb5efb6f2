// The generated files (the GitHub workflows among them) are what .projenrc.ts makes of them:
// projen's synth runs in a temporary copy of the repository, and every file it writes must
// equal the one here. A hand edit of a workflow fails, naming the file. (The build workflow's
// "Find mutations" step checks the same on GitHub; this runs in `npm test` and .ci/run.)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = ['.github/workflows/build.yml', '.github/workflows/release.yml'];

/** The repository's files as a clone would have them, with the uncommitted ones (not the ignored ones). */
function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return listed.split('\0').filter((file) => file && fs.lstatSync(path.join(ROOT, file), { throwIfNoEntry: false })?.isFile());
}

function copyTo(from: string, files: string[]): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'projen-sync-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
  // ts-node, projen and the .projenrc's imports: the project's own, not an install.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
  return to;
}

/** The files that projen's synth would write differently from the ones in `dir`. */
function outOfSync(dir: string, files: string[]): string[] {
  const copy = copyTo(dir, files);
  try {
    // Synth alone: PROJEN_DISABLE_POST skips the npm install that follows it.
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin', { paths: [ROOT] }), '--project', 'projenrc/tsconfig.json', '.projenrc.ts'], {
      cwd: copy,
      env: { ...process.env, PROJEN_DISABLE_POST: '1' },
      stdio: 'pipe',
    });
    const generated: string[] = JSON.parse(fs.readFileSync(path.join(copy, '.projen/files.json'), 'utf8')).files;
    return [...new Set([...generated, 'package.json'])].filter((file) => {
      const mine = path.join(dir, file);
      return !fs.existsSync(mine) || !fs.readFileSync(mine).equals(fs.readFileSync(path.join(copy, file)));
    });
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

function describeDrift(files: string[]): string {
  return files.map((file) => `${file} differs from what .projenrc.ts generates: edit .projenrc.ts (or projenrc/) and run \`npx projen\``).join('\n');
}

test('the workflows and the other generated files are in sync with .projenrc.ts', () => {
  const files = repositoryFiles();
  for (const workflow of WORKFLOWS) expect(files).toContain(workflow);
  expect(describeDrift(outOfSync(ROOT, files))).toBe('');
}, 120_000);

test('a workflow edited by hand is named', () => {
  const files = repositoryFiles();
  const edited = copyTo(ROOT, files);
  try {
    const workflow = path.join(edited, '.github/workflows/release.yml');
    fs.chmodSync(workflow, 0o644); // projen writes generated files read-only
    fs.appendFileSync(workflow, '# a step added by hand\n');
    expect(describeDrift(outOfSync(edited, files))).toBe(describeDrift(['.github/workflows/release.yml']));
  } finally {
    fs.rmSync(edited, { recursive: true, force: true });
  }
}, 120_000);
