/**
 * The asset hash and the measurement record cover what the bootstrap is built from, as cargo
 * metadata lists it: the crate, its path dependencies beside it and outside the workspace, the
 * workspace's Cargo.toml and Cargo.lock. Real builds of the path-deps-app fixture, copied.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { synthBuiltFunction } from './built-function';
import { stackWithoutBundling } from './fixtures';
import { LatencySensitiveFunction, LatencySensitiveFunctionProps } from '../src';
import { copyPathDepsApp, synthPathDepsApp } from './fixtures/path-deps-app/app';
import { readCargoProject } from '../src/private/build/cargo-manifest';
import { cargoSources } from '../src/private/build/cargo-sources';
import { MEASUREMENT_METADATA_TYPE, MeasurementRecord } from '../src/private/measurement/measurement-record';

jest.setTimeout(15 * 60 * 1000);

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} holds no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

function recordOf(fn: LatencySensitiveFunction): MeasurementRecord {
  return fn.node.metadata.find((m) => m.type === MEASUREMENT_METADATA_TYPE)!.data as MeasurementRecord;
}

describe('a crate with path dependencies outside its folder', () => {
  const root = tempDir('lsf-path-deps-');
  copyPathDepsApp(root);
  const props: LatencySensitiveFunctionProps = { manifestPath: path.join(root, 'handlers', 'orders'), architecture: lambda.Architecture.X86_64 };
  const outdir = tempDir('lsf-cdk-out-');

  test.each([
    ['a workspace member beside the crate (../pricing)', 'handlers/pricing/src/lib.rs', '* 125', '* 150'],
    ['a crate outside the workspace (../../shared/greeter)', 'shared/greeter/src/lib.rs', 'cannot connect to the Runtime API', 'no Runtime API'],
    ['the workspace\'s Cargo.toml', 'handlers/Cargo.toml', 'resolver = "2"', 'resolver = "2"\n# a comment'],
  ])('an edit in %s changes the asset hash and rebuilds at the next synth', (_, file, from, to) => {
    const before = synthBuiltFunction(outdir, props);
    const again = synthBuiltFunction(outdir, props);
    expect(again.assetHash).toBe(before.assetHash);
    expect(again.bundled).toBe(false);
    edit(path.join(root, file), from, to);
    const after = synthBuiltFunction(outdir, props);
    expect(after.assetHash).not.toBe(before.assetHash);
    expect(after.bundled).toBe(true);
  });

  test('a file under target/ changes nothing', () => {
    const before = synthBuiltFunction(outdir, props);
    fs.writeFileSync(path.join(root, 'handlers', 'target', 'stray.txt'), 'build output');
    fs.mkdirSync(path.join(root, 'handlers', 'orders', 'target'), { recursive: true });
    fs.writeFileSync(path.join(root, 'handlers', 'orders', 'target', 'stray.txt'), 'build output');
    expect(synthBuiltFunction(outdir, props).assetHash).toBe(before.assetHash);
  });

  test('the record holds every source file with its sha256, paths relative to the cloud assembly; twins\' too', () => {
    const { fn } = synthPathDepsApp(root, path.join(root, 'cdk.out'));
    const record = recordOf(fn);
    const rust = record.rust.sources!;
    expect(rust.folders).toEqual(['../handlers/orders', '../handlers/pricing', '../shared/greeter']);
    expect(Object.keys(rust.files)).toEqual(expect.arrayContaining([
      '../handlers/Cargo.lock', '../handlers/Cargo.toml', '../handlers/orders/Cargo.toml', '../handlers/orders/src/main.rs',
      '../handlers/pricing/src/lib.rs', '../shared/greeter/src/lib.rs',
    ]));
    expect(Object.keys(rust.files).filter((file) => file.includes('/target/'))).toEqual([]);
    expect(Object.values(rust.files).every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    const [python, node] = record.twins.map((twin) => ('sources' in twin ? twin.sources : undefined));
    expect(python).toMatchObject({ folders: ['../twins/python'], files: { '../twins/python/quote.py': expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(Object.keys(node!.files).sort()).toEqual(['../package-lock.json', '../package.json', '../twins/node/cents.mjs', '../twins/node/quote.mjs']);
  });

  test('with bundling skipped the record reads no source and holds no fingerprint', () => {
    const fn = new LatencySensitiveFunction(stackWithoutBundling(), 'Orders', props);
    expect(recordOf(fn).rust.sources).toBeUndefined();
  });
});

describe('when cargo cannot list the sources', () => {
  const root = tempDir('lsf-path-deps-bad-');
  copyPathDepsApp(root);
  const manifestPath = path.join(root, 'handlers', 'orders');

  test('a path dependency that does not exist: an error naming manifestPath with cargo\'s words', () => {
    const broken = tempDir('lsf-path-deps-broken-');
    copyPathDepsApp(broken);
    edit(path.join(broken, 'handlers', 'orders', 'Cargo.toml'), 'path = "../pricing"', 'path = "../pricing-gone"');
    expect(() => synthBuiltFunction(tempDir('lsf-cdk-out-'), { manifestPath: path.join(broken, 'handlers', 'orders') }))
      .toThrow(/invalid `manifestPath`: `cargo metadata --manifest-path .*orders\/Cargo.toml` failed, so the sources of binary 'orders' cannot be listed .*pricing-gone.*Fix what cargo says/s);
  });

  describe('with no cargo on PATH', () => {
    const pathBefore = process.env.PATH;
    beforeEach(() => {
      process.env.PATH = tempDir('lsf-no-cargo-');
    });
    afterEach(() => {
      process.env.PATH = pathBefore;
    });

    test('a local build: an error naming manifestPath and how to install Rust', () => {
      expect(() => synthBuiltFunction(tempDir('lsf-cdk-out-'), { manifestPath, architecture: lambda.Architecture.X86_64 }))
        .toThrow(/invalid `manifestPath`: cargo is not installed, so the sources of .*orders\/Cargo.toml .* cannot be listed for the asset hash\. Install Rust/);
    });

    test('a Docker build: the crate\'s folder only, and a sentence that says so', () => {
      const sources = cargoSources({
        owner: 'test',
        project: readCargoProject(manifestPath),
        binaryName: 'orders',
        architecture: lambda.Architecture.X86_64,
        build: { forceDockerBundling: true },
      });
      expect(sources.set.folders).toEqual([manifestPath]);
      expect(sources.incomplete).toMatch(/cargo is not installed here, so the asset hash covers .*orders only, not the crate's path dependencies outside it/);
    });
  });
});
