/**
 * The start-up choices app (test/fixtures/startup-choices), whose `lsf bench` figures the
 * README's start-up table quotes: each variant must deploy its own binary, built on its own
 * features. One synth with real arm64 builds; cargo's target/ in the fixture is kept between
 * runs, so only the first run on a machine compiles (about four minutes on 2 cores).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, AssetStaging } from 'aws-cdk-lib';
import { ELF_MACHINE, elfMachine } from './elf';
import { STARTUP_VARIANTS, addStartupChoices } from './fixtures/startup-choices/app';
import { RecordedFunction, readRecordedFunctions } from '../src/lsf/assembly/recorded-functions';

jest.setTimeout(15 * 60 * 1000);

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsf-startup-'));
let functions: RecordedFunction[];
let template: { Resources: { [id: string]: { Properties: { Code: { S3Key: string } } } } };

beforeAll(() => {
  AssetStaging.clearAssetHashCache();
  const app = new App({ outdir });
  addStartupChoices(app);
  const assembly = app.synth().directory;
  functions = readRecordedFunctions(assembly);
  template = JSON.parse(fs.readFileSync(path.join(assembly, 'StartupChoices.template.json'), 'utf8'));
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

test('each variant records its own binary and package, and deploys a bootstrap of its own', () => {
  const recorded = Object.fromEntries(functions.map((f) => [f.record.constructPath, f.record.rust]));
  expect(Object.keys(recorded)).toEqual(Object.keys(STARTUP_VARIANTS).map((id) => `StartupChoices/${id}`));
  for (const [id, binary] of Object.entries(STARTUP_VARIANTS)) {
    // --package keeps Cargo from unifying the other members' features into this binary.
    expect(recorded[`StartupChoices/${id}`]).toMatchObject({ binary, cargoLambdaFlags: ['--package', binary] });
  }

  const digests = functions.map((f) => {
    const hash = template.Resources[f.record.logicalId].Properties.Code.S3Key.replace(/\.zip$/, '');
    const bootstrap = path.join(outdir, `asset.${hash}`, 'bootstrap');
    expect(elfMachine(bootstrap)).toBe(ELF_MACHINE.aarch64);
    return crypto.createHash('sha256').update(fs.readFileSync(bootstrap)).digest('hex');
  });
  // Four different programs: no variant silently deployed another's (or the baseline's) build.
  expect(new Set(digests).size).toBe(functions.length);
});
