/**
 * What makes up the npm tarball (which the wheel and the jar each carry whole): the library's
 * and the lsf tool's own files and bundled dependencies, unpacked and gzip-compressed, for the
 * README's "Package sizes" table and issue 16's question whether lsf should be its own package.
 *
 *   ts-node --transpile-only build-tools/package-sizes.ts dist/js/<name>.jsii.tgz
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const LIBRARY_DEPS = ['cargo-lambda-cdk', 'smol-toml', '@aws-cdk/aws-lambda-python-alpha'];
const CLI_DEPS = ['@aws-sdk/client-lambda', '@aws-sdk/client-cloudformation', '@aws-sdk/client-cloudwatch-logs', 'commander', 'cli-progress', 'cli-table3', 'simple-statistics'];

/** The top-level node_modules packages that `roots` need, their own nested node_modules included. */
function closure(pkgDir: string, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const dir = path.join(pkgDir, 'node_modules', name);
    if (seen.has(name) || !fs.existsSync(dir)) return; // nested copies count with their parent
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    Object.keys(pkg.dependencies ?? {}).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

function files(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full, base) : [path.relative(base, full)];
  });
}

function measure(pkgDir: string, paths: string[]) {
  const bytes = paths.reduce((sum, p) => sum + fs.statSync(path.join(pkgDir, p)).size, 0);
  const list = path.join(os.tmpdir(), `sizes-${process.pid}.txt`);
  fs.writeFileSync(list, paths.join('\n'));
  const gzipped = execFileSync('sh', ['-c', `tar -cf - -C "${pkgDir}" -T "${list}" | gzip -9 | wc -c`], { encoding: 'utf8' });
  fs.rmSync(list);
  return { files: paths.length, bytes, gzipped: Number(gzipped.trim()) };
}

function main(tarball: string) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sizes-'));
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  const pkgDir = path.join(work, 'package');
  const library = closure(pkgDir, LIBRARY_DEPS);
  const cli = closure(pkgDir, CLI_DEPS);
  const all = files(pkgDir);
  const under = (names: Set<string>, shared: boolean) => all.filter((f) => {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    return m !== null && names.has(m[1]) && (library.has(m[1]) && cli.has(m[1])) === shared;
  });
  const groups: Record<string, string[]> = {
    'library code (lib/ without lib/lsf, .jsii, README, API.md, scripts/setup-toolchain.sh)': all.filter((f) => !f.startsWith('node_modules/') && !f.startsWith('lib/lsf/')),
    'lsf code (lib/lsf)': all.filter((f) => f.startsWith('lib/lsf/')),
    [`library dependencies (${LIBRARY_DEPS.join(', ')} and theirs)`]: under(library, false),
    [`lsf dependencies (${CLI_DEPS.join(', ')} and theirs)`]: under(cli, false),
    'shared by both': under(new Set([...library].filter((n) => cli.has(n))), true),
  };
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`${path.basename(tarball)}: ${kb(fs.statSync(tarball).size)} compressed, ${all.length} files\n`);
  console.log('| part | files | unpacked | gzip -9 alone |\n|---|---:|---:|---:|');
  for (const [name, paths] of Object.entries(groups)) {
    const m = measure(pkgDir, paths);
    console.log(`| ${name} | ${m.files} | ${kb(m.bytes)} | ${kb(m.gzipped)} |`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main(process.argv[2]);
