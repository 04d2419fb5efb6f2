/**
 * The `rustBuild` options and `architecture` reach cargo-lambda, observed in real builds.
 *
 * The fixture crate (test/fixtures/rust-build-options, std only) prints one JSON line that
 * says how it was built: the `loud` feature, the Cargo profile's opt-level (its
 * `lambda-small` profile has opt-level "s") and the GREETING variable its build script
 * compiles in. The builds are real `cargo lambda build` runs through the construct, for the
 * host's architecture so that the staged bootstrap can be run here (the other architecture's
 * is cross-compiled and checked by its ELF header); a few seconds each on 2 cores.
 *
 * What cannot be built here (Docker, a missing toolchain, cargo-zigbuild) is observed by
 * what would run: a fake `cargo` first on PATH and a fake `docker` (as CDK_DOCKER) record
 * their arguments and environment, then fail, and the synth error and the record are checked.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Bundling } from 'cargo-lambda-cdk/lib/bundling';
import { Built, synthBuiltFunction } from './built-function';
import { ELF_MACHINE, elfMachine } from './elf';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencySensitiveFunction, LatencySensitiveFunctionProps, RustToolchain } from '../src';

jest.setTimeout(10 * 60 * 1000);

const FIXTURE = path.join(__dirname, 'fixtures', 'rust-build-options');
const BINARY = 'build-options';

/** The host's architecture (its bootstrap runs here) and the other one (cross-compiled). */
const HOST = process.arch === 'arm64'
  ? { architecture: lambda.Architecture.ARM_64, elf: ELF_MACHINE.aarch64, flag: '--arm64' }
  : { architecture: lambda.Architecture.X86_64, elf: ELF_MACHINE.x86_64, flag: '--x86-64' };
const OTHER = process.arch === 'arm64'
  ? { architecture: lambda.Architecture.X86_64, elf: ELF_MACHINE.x86_64, flag: '--x86-64', gnuPrefix: 'x86_64-linux-gnu', triple: 'X86_64_UNKNOWN_LINUX_GNU' }
  : { architecture: lambda.Architecture.ARM_64, elf: ELF_MACHINE.aarch64, flag: '--arm64', gnuPrefix: 'aarch64-linux-gnu', triple: 'AARCH64_UNKNOWN_LINUX_GNU' };

/** The variables through which a toolchain points cargo-lambda at a compiler and linker. */
const TOOLCHAIN_VARIABLES = ['CARGO_LAMBDA_COMPILER', 'RUSTC', `CARGO_TARGET_${OTHER.triple}_LINKER`];

/** What the fixture's bootstrap prints. */
interface Answer {
  readonly message: string;
  readonly loud: boolean;
  readonly optLevel: string;
  readonly profile: string;
}

const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function synthFunction(outdir: string, props: Partial<LatencySensitiveFunctionProps>): Built {
  return synthBuiltFunction(outdir, { manifestPath: FIXTURE, architecture: HOST.architecture, ...props });
}

/** Runs a staged bootstrap of the host's architecture and reads its answer. */
function answerOf(bootstrap: string): Answer {
  return JSON.parse(execFileSync(bootstrap, { encoding: 'utf-8', env: {}, timeout: 30_000 }));
}

/** What a fake program recorded: one entry per run. */
interface Recorded {
  readonly args: string[];
  readonly env: { [key: string]: string | undefined };
}

/** Whether cargo-lambda-cdk finds `cargo lambda --version` working (it builds locally) or not (Docker). */
type CargoLambda = 'installed' | 'missing';

/** cargo-lambda-cdk's cache of its `cargo lambda --version` check (it has a public clear for tests only). */
const cargoLambdaCheck = Bundling as unknown as { runsLocally?: boolean; clearRunsLocallyCache(): void };

/** The cargo on PATH before any fake: it answers `cargo metadata` for the fake one. */
const REAL_CARGO = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '').map((dir) => path.join(dir, 'cargo')).find((file) => fs.existsSync(file));

/**
 * A folder of fake programs that record each run (arguments and environment) and fail:
 * `cargo` and `docker`. `bash` is linked in, so that the folder alone on PATH is enough for
 * cargo-lambda-cdk's `bash -c`. The fake cargo hands `cargo metadata` (how the construct lists
 * the crate's sources, before any build) to the real one, unrecorded.
 */
class FakePrograms {
  public readonly dir = tempDir('lsf-fake-bin-');

  constructor() {
    this.write('cargo', `
      if (args[0] === 'metadata') {
        // Without RUSTC: some tests give a compiler path that exists only for the fake build.
        const { RUSTC, ...env } = process.env;
        process.exit(require('node:child_process').spawnSync(${JSON.stringify(REAL_CARGO)}, args, { stdio: 'inherit', env }).status ?? 1);
      }
      record('cargo');
      console.error('fake cargo: recorded, not building');
      process.exit(3);`);
    this.write('docker', `
      record('docker');
      console.error('fake docker: Cannot connect to the Docker daemon');
      process.exit(1);`);
    fs.symlinkSync(fs.realpathSync('/bin/bash'), path.join(this.dir, 'bash'));
  }

  /** The runs of one program, oldest first. */
  public runs(program: 'cargo' | 'docker'): Recorded[] {
    const file = path.join(this.dir, `${program}.jsonl`);
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf-8').trim().split('\n').map((line) => JSON.parse(line));
  }

  /**
   * Runs `fn` with this folder first on PATH (before `pathRest`, PATH's folders by default).
   *
   * Under jest, a child process spawned without an explicit environment gets the worker's
   * real environment, not the test's `process.env`: cargo-lambda-cdk runs the local build
   * with `{ ...process.env }` (so the fake `cargo` on PATH is found), but CDK runs `docker`
   * and cargo-lambda-cdk checks `cargo lambda --version` with the worker's own. So Docker is
   * given by `CDK_DOCKER` (CDK's own setting for the Docker program), and the answer of the
   * cargo-lambda check is set in cargo-lambda-cdk's cache (cleared again afterwards).
   */
  public use<T>(fn: () => T, options: { pathRest?: string[]; cargoLambda?: CargoLambda } = {}): T {
    const pathRest = options.pathRest ?? (process.env.PATH ?? '').split(path.delimiter);
    const saved = { PATH: process.env.PATH, CDK_DOCKER: process.env.CDK_DOCKER };
    const scrubbed = Object.fromEntries(TOOLCHAIN_VARIABLES.map((name) => [name, process.env[name]]));
    process.env.PATH = [this.dir, ...pathRest].join(path.delimiter);
    process.env.CDK_DOCKER = path.join(this.dir, 'docker');
    // So that a variable a developer exported cannot pass for one the construct set.
    TOOLCHAIN_VARIABLES.forEach((name) => delete process.env[name]);
    cargoLambdaCheck.runsLocally = (options.cargoLambda ?? 'installed') === 'installed';
    try {
      return fn();
    } finally {
      for (const [name, value] of Object.entries({ ...saved, ...scrubbed })) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      cargoLambdaCheck.clearRunsLocallyCache();
    }
  }

  private write(program: string, body: string): void {
    const file = path.join(this.dir, program);
    fs.writeFileSync(file, `#!${process.execPath}
      const fs = require('node:fs');
      const args = process.argv.slice(2);
      function record(program) {
        fs.appendFileSync(${JSON.stringify(this.dir)} + '/' + program + '.jsonl', JSON.stringify({ args, env: process.env }) + '\\n');
      }
      ${body}
    `, { mode: 0o755 });
  }
}

/** Synthesizes with fake programs and returns the synth error (it must fail: the fakes do). */
function failedSynth(fakes: FakePrograms, props: Partial<LatencySensitiveFunctionProps>,
  options: { pathRest?: string[]; cargoLambda?: CargoLambda } = {}): Error {
  try {
    fakes.use(() => synthFunction(tempDir('lsf-cdk-out-'), props), options);
  } catch (e) {
    return e as Error;
  }
  throw new Error('the synth did not fail');
}

/** The folders of PATH that do not hold `program`. */
function pathWithout(program: string): string[] {
  return (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && !fs.existsSync(path.join(dir, program)));
}

describe('real builds in one outdir: each option changes the bootstrap and gets its own asset', () => {
  const outdir = tempDir('lsf-cdk-out-');
  let plain: Built;

  beforeAll(() => {
    plain = synthFunction(outdir, {});
  });

  test('without options: the release profile (opt-level 3), no feature, the default greeting', () => {
    expect(plain.bundled).toBe(true);
    expect(elfMachine(plain.bootstrap)).toBe(HOST.elf);
    expect(answerOf(plain.bootstrap)).toEqual({ message: 'hello', loud: false, optLevel: '3', profile: 'release' });
  });

  test('an unchanged second synth finds the staged bundle: same hash, cargo not run', () => {
    const before = fs.statSync(plain.bootstrap).mtimeMs;
    const second = synthFunction(outdir, {});
    expect(second.assetHash).toBe(plain.assetHash);
    expect(second.bundled).toBe(false);
    expect(fs.statSync(second.bootstrap).mtimeMs).toBe(before);
  });

  const variants: Array<{ name: string; props: Partial<LatencySensitiveFunctionProps>; answer?: Answer }> = [
    {
      name: "cargoLambdaFlags ['--features', 'loud'] builds the feature in",
      props: { rustBuild: { cargoLambdaFlags: ['--features', 'loud'] } },
      answer: { message: 'HELLO!', loud: true, optLevel: '3', profile: 'release' },
    },
    {
      name: "profile 'lambda-small' builds with the manifest's profile (opt-level \"s\")",
      props: { rustBuild: { cargoProfile: 'lambda-small' } },
      answer: { message: 'hello', loud: false, optLevel: 's', profile: 'release' },
    },
    {
      name: 'environment { GREETING } reaches the build script',
      props: { rustBuild: { environment: { GREETING: 'hola' } } },
      answer: { message: 'hola', loud: false, optLevel: '3', profile: 'release' },
    },
    {
      name: `architecture ${OTHER.architecture.name} cross-compiles for it`,
      props: { architecture: OTHER.architecture },
    },
  ];
  const builtVariants = new Map<string, Built>();

  test.each(variants)('$name: a new asset hash, rebuilt in the same outdir', ({ name, props, answer }) => {
    const built = synthFunction(outdir, props);
    builtVariants.set(name, built);
    expect(built.assetHash).not.toBe(plain.assetHash);
    expect(built.bundled).toBe(true);
    if (answer) {
      expect(answerOf(built.bootstrap)).toEqual(answer);
    } else {
      expect(elfMachine(built.bootstrap)).toBe(OTHER.elf);
    }
  });

  test('every variant has its own hash, and a second synth of each reuses its bundle without cargo', () => {
    expect(builtVariants.size).toBe(variants.length);
    const hashes = [plain.assetHash, ...[...builtVariants.values()].map((b) => b.assetHash)];
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const { name, props } of variants) {
      const first = builtVariants.get(name)!;
      const before = fs.statSync(first.bootstrap).mtimeMs;
      const again = synthFunction(outdir, props);
      expect({ name, hash: again.assetHash, bundled: again.bundled }).toEqual({ name, hash: first.assetHash, bundled: false });
      expect(fs.statSync(again.bootstrap).mtimeMs).toBe(before);
    }
    // The first build was not overwritten by any of the others.
    expect(answerOf(plain.bootstrap)).toEqual({ message: 'hello', loud: false, optLevel: '3', profile: 'release' });
  });
});

describe('a Cargo profile that the manifest does not declare', () => {
  test('is refused before the build, naming the manifest that declares profiles and those it has', () => {
    const outdir = tempDir('lsf-cdk-out-');
    expect(() => synthFunction(outdir, { rustBuild: { cargoProfile: 'no-such-profile' } }))
      .toThrow(/invalid `rustBuild\.cargoProfile`: 'no-such-profile' is not a profile of .*rust-build-options\/Cargo\.toml \(profiles: dev, release, test, bench, lambda-small\)\. Declare \[profile\.no-such-profile\] there/);
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith('asset.'))).toEqual([]);
  });

  test('a member crate\'s profiles are its workspace root\'s', () => {
    expect(() => new LatencySensitiveFunction(stackWithoutBundling(), 'Fn', {
      manifestPath: path.join(FIXTURES.workspace, 'crates', fs.readdirSync(path.join(FIXTURES.workspace, 'crates'))[0]),
      rustBuild: { cargoProfile: 'custom' },
    })).toThrow(new RegExp(`is not a profile of ${path.join(FIXTURES.workspace, 'Cargo.toml')} \\(profiles: dev, release, test, bench\\)`));
  });
});

describe('what reaches cargo-lambda (a recording fake cargo first on PATH)', () => {
  test(`DEBIAN_CROSS for ${OTHER.architecture.name}: Debian's compiler and the GNU cross linker, and the typed options as flags`, () => {
    const fakes = new FakePrograms();
    const error = failedSynth(fakes, {
      architecture: OTHER.architecture,
      rustBuild: { toolchain: RustToolchain.DEBIAN_CROSS, cargoProfile: 'lambda-small', cargoLambdaFlags: ['--features', 'loud'] },
    });
    expect(error.message).toMatch(/Failed to bundle asset Build\/Fn\/Code\/Stage.*bash exited with status 3/);
    const [run, ...more] = fakes.runs('cargo');
    expect(more).toEqual([]);
    expect(run.args).toEqual(['lambda', 'build', '--lambda-dir', expect.stringMatching(/-building$/), '--profile', 'lambda-small',
      OTHER.flag, '--bin', BINARY, '--flatten', BINARY, '--features', 'loud']);
    expect(run.env).toMatchObject({
      CARGO_LAMBDA_COMPILER: 'cargo',
      RUSTC: '/usr/bin/rustc',
      [`CARGO_TARGET_${OTHER.triple}_LINKER`]: `${OTHER.gnuPrefix}-gcc`,
    });
    expect(fakes.runs('docker')).toEqual([]);
  });

  test('rustBuild.environment wins over the toolchain\'s own variables', () => {
    const fakes = new FakePrograms();
    failedSynth(fakes, {
      architecture: OTHER.architecture,
      rustBuild: { toolchain: RustToolchain.DEBIAN_CROSS, environment: { RUSTC: '/opt/rust/bin/rustc', GREETING: 'hola' } },
    });
    expect(fakes.runs('cargo')[0].env).toMatchObject({ CARGO_LAMBDA_COMPILER: 'cargo', RUSTC: '/opt/rust/bin/rustc', GREETING: 'hola' });
  });

  test('CARGO_ZIGBUILD sets none of the Debian variables: cargo-lambda builds with its default compiler', () => {
    const fakes = new FakePrograms();
    failedSynth(fakes, { architecture: OTHER.architecture, rustBuild: { toolchain: RustToolchain.CARGO_ZIGBUILD } });
    const [run] = fakes.runs('cargo');
    expect(run.args).toEqual(['lambda', 'build', '--lambda-dir', expect.stringMatching(/-building$/), '--release',
      OTHER.flag, '--bin', BINARY, '--flatten', BINARY]);
    for (const name of TOOLCHAIN_VARIABLES) expect(run.env).not.toHaveProperty(name);
  });

  test(`AUTO without the ${OTHER.gnuPrefix} linker falls back to cargo-zigbuild (no Debian variables)`, () => {
    const fakes = new FakePrograms();
    failedSynth(fakes, { architecture: OTHER.architecture }, { pathRest: pathWithout(`${OTHER.gnuPrefix}-gcc`) });
    const [run] = fakes.runs('cargo');
    expect(run.args).toContain(OTHER.flag);
    for (const name of TOOLCHAIN_VARIABLES) expect(run.env).not.toHaveProperty(name);
  });
});

describe('RustToolchain.DEBIAN_CROSS with a missing piece', () => {
  test(`without the ${OTHER.gnuPrefix} linker on PATH: a synth error naming rustBuild.toolchain and the package, before any build`, () => {
    const fakes = new FakePrograms();
    const error = failedSynth(fakes, { architecture: OTHER.architecture, rustBuild: { toolchain: RustToolchain.DEBIAN_CROSS } },
      { pathRest: pathWithout(`${OTHER.gnuPrefix}-gcc`) });
    expect(error.message).toBe(
      "LatencySensitiveFunction 'Build/Fn': invalid `rustBuild.toolchain`: RustToolchain.DEBIAN_CROSS needs "
      + `the ${OTHER.gnuPrefix} linker (${OTHER.gnuPrefix}-gcc, package gcc-${OTHER.gnuPrefix}), which is not installed. `
      + 'Run scripts/setup-toolchain.sh from this package (Debian/Ubuntu), or choose RustToolchain.CARGO_ZIGBUILD or forceDockerBundling');
    expect(fakes.runs('cargo')).toEqual([]);
    expect(fakes.runs('docker')).toEqual([]);
  });

  test('forceDockerBundling needs no local toolchain: the same PATH goes to Docker instead of failing', () => {
    const fakes = new FakePrograms();
    const error = failedSynth(fakes, {
      architecture: OTHER.architecture,
      rustBuild: { toolchain: RustToolchain.DEBIAN_CROSS, forceDockerBundling: true },
    }, { pathRest: pathWithout(`${OTHER.gnuPrefix}-gcc`) });
    expect(error.message).toMatch(/docker exited with status 1/);
    expect(fakes.runs('docker')).toHaveLength(1);
  });
});

describe('Docker builds (a recording fake docker as CDK_DOCKER)', () => {
  /** The `docker run` arguments from the image on, and the `--env` values before it. */
  function dockerRun(fakes: FakePrograms): { env: string[]; imageAndCommand: string[] } {
    const runs = fakes.runs('docker');
    expect(runs).toHaveLength(1);
    const args = runs[0].args;
    expect(args.slice(0, 2)).toEqual(['run', '--rm']);
    const image = args.indexOf('ghcr.io/cargo-lambda/cargo-lambda');
    expect(image).toBeGreaterThan(0);
    return {
      env: args.slice(0, image).flatMap((arg, i) => (args[i - 1] === '--env' ? [arg] : [])),
      imageAndCommand: args.slice(image),
    };
  }

  test('forceDockerBundling runs cargo-lambda\'s image with the build command and the build environment, even with cargo-lambda installed', () => {
    const fakes = new FakePrograms();
    const error = failedSynth(fakes, {
      rustBuild: { forceDockerBundling: true, cargoProfile: 'lambda-small', cargoLambdaFlags: ['--features', 'loud'], environment: { GREETING: 'hola' } },
    });
    // CDK's own Docker error (the fake stands for a machine without a Docker engine), with the command.
    expect(error.message).toMatch(/^Failed to bundle asset Build\/Fn\/Code\/Stage, .*docker exited with status 1\n--> Command: .*docker run --rm /s);
    const run = dockerRun(fakes);
    expect(run.imageAndCommand).toEqual(['ghcr.io/cargo-lambda/cargo-lambda', 'bash', '-c',
      `cargo lambda build --lambda-dir /asset-output --profile lambda-small ${HOST.flag} --bin ${BINARY} --flatten ${BINARY} --features loud`]);
    // The build's own variables, and none of a local toolchain's: the image has its own.
    expect(run.env).toEqual(['GREETING=hola']);
    expect(fakes.runs('cargo')).toEqual([]);
  });

  test('without cargo-lambda installed, AUTO builds in Docker with none of the local toolchain\'s variables', () => {
    const fakes = new FakePrograms();
    const error = failedSynth(fakes, { architecture: OTHER.architecture, rustBuild: { environment: { GREETING: 'hola' } } }, { cargoLambda: 'missing' });
    expect(error.message).toMatch(/docker exited with status 1/);
    const run = dockerRun(fakes);
    expect(run.imageAndCommand.slice(0, 3)).toEqual(['ghcr.io/cargo-lambda/cargo-lambda', 'bash', '-c']);
    expect(run.imageAndCommand[3]).toContain(OTHER.flag);
    // Debian's /usr/bin/rustc and the host's cross linker do not exist in cargo-lambda's image.
    expect(run.env).toEqual(['GREETING=hola']);
    expect(fakes.runs('cargo')).toEqual([]);
  });
});
