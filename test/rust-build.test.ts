/**
 * Real builds of real Rust code through the construct's own bundling: cargo-lambda with
 * the toolchain that `scripts/setup-toolchain.sh` installs (Debian's Rust, no Docker, no
 * rustup targets). Slow on a cold cache (about a minute and a half on 2 cores).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Built, synthBuiltFunction } from './built-function';
import { ELF_MACHINE, compareVersions, elfMachine, highestGlibcVersion } from './elf';
import { FIXTURES } from './fixtures';
import { LatencySensitiveFunctionProps } from '../src';

jest.setTimeout(15 * 60 * 1000);

/** Lambda's provided.al2023 ships glibc 2.34: the bootstrap must not need anything newer. */
const AL2023_GLIBC = '2.34';


function synthFunction(outdir: string, props: LatencySensitiveFunctionProps): Built {
  return synthBuiltFunction(outdir, props);
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('arm64 build of a lambda_runtime handler', () => {
  const outdir = tempDir('lsf-cdk-out-');
  let first: Built;

  beforeAll(() => {
    first = synthFunction(outdir, { manifestPath: FIXTURES.hello });
  });

  test('stages a bootstrap that is an aarch64 ELF needing at most GLIBC 2.34', () => {
    expect(first.bundled).toBe(true);
    expect(() => fs.accessSync(first.bootstrap, fs.constants.X_OK)).not.toThrow();
    expect(elfMachine(first.bootstrap)).toBe(ELF_MACHINE.aarch64);
    const glibc = highestGlibcVersion(first.bootstrap);
    expect(compareVersions(glibc, AL2023_GLIBC)).toBeLessThanOrEqual(0);
  });

  test('a second synth with unchanged sources finds the staged bundle and does not build', () => {
    const before = fs.statSync(first.bootstrap).mtimeMs;
    const second = synthFunction(outdir, { manifestPath: FIXTURES.hello });
    expect(second.assetHash).toBe(first.assetHash);
    expect(second.bundled).toBe(false);
    expect(fs.statSync(second.bootstrap).mtimeMs).toBe(before);
  });
});

describe('workspace builds', () => {
  const project = tempDir('lsf-workspace-');
  fs.cpSync(FIXTURES.workspace, project, { recursive: true, filter: (src) => path.basename(src) !== 'target' });
  const notifyMain = path.join(project, 'crates', 'signup-notify', 'src', 'main.rs');

  test('binaryName selects the workspace binary that becomes the bootstrap', () => {
    const built = synthFunction(tempDir('lsf-cdk-out-'), { manifestPath: project, binaryName: 'signup-notify' });
    const binary = fs.readFileSync(built.bootstrap, 'latin1');
    expect(binary).toContain('signup-notify');
    expect(binary).not.toContain('signup-api');
    expect(elfMachine(built.bootstrap)).toBe(ELF_MACHINE.aarch64);
  });

  test('a changed source changes the asset hash and rebuilds', () => {
    const outdir = tempDir('lsf-cdk-out-');
    const props = { manifestPath: project, binaryName: 'signup-notify' };
    const before = synthFunction(outdir, props);
    fs.writeFileSync(notifyMain, fs.readFileSync(notifyMain, 'utf-8').replace('"signup-notify"', '"signup-notify-v2"'));
    const after = synthFunction(outdir, props);
    expect(after.assetHash).not.toBe(before.assetHash);
    expect(after.bundled).toBe(true);
    expect(fs.readFileSync(after.bootstrap, 'latin1')).toContain('signup-notify-v2');
  });

  test('x86_64 on request builds an x86-64 bootstrap that needs at most GLIBC 2.34', () => {
    const built = synthFunction(tempDir('lsf-cdk-out-'), {
      manifestPath: project,
      binaryName: 'signup-api',
      architecture: lambda.Architecture.X86_64,
    });
    expect(elfMachine(built.bootstrap)).toBe(ELF_MACHINE.x86_64);
    expect(compareVersions(highestGlibcVersion(built.bootstrap), AL2023_GLIBC)).toBeLessThanOrEqual(0);
  });
});
