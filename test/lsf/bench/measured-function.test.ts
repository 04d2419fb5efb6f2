import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Aws, Stack } from 'aws-cdk-lib';
import { synthApp } from './bench-apps';
import { LatencySensitiveFunction, Twin } from '../../../src';
import { readRecordedFunctions } from '../../../src/lsf/assembly/recorded-functions';
import { measuredFunctions } from '../../../src/lsf/bench/measured-function';
import { FIXTURES, jsonLoggingFunction } from '../../fixtures';

const PYTHON = { entry: FIXTURES.pythonTwin, index: 'handler.py' };
/** Another Python handler: the synth checks that its `def` is there, so a second twin needs a real one. */
const GREETING = { entry: path.join(__dirname, '..', '..', 'fixtures', 'bench-app', 'twins', 'py'), index: 'greeting.py', handler: 'main' };

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'lsf-measured-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

function measurementsOf(build: Parameters<typeof synthApp>[1]) {
  return measuredFunctions(readRecordedFunctions(synthApp(path.join(out, 'cdk.out'), build)));
}

describe('which functions are measured together', () => {
  test('one build deployed by several stacks is one measurement with every twin, Python first, the same twin once', () => {
    const [m, ...rest] = measurementsOf((app) => {
      new LatencySensitiveFunction(new Stack(app, 'A'), 'Fn', { manifestPath: FIXTURES.hello, twins: [Twin.node({ entry: FIXTURES.nodeTwinEntry })] });
      new LatencySensitiveFunction(new Stack(app, 'B'), 'Fn', { manifestPath: FIXTURES.hello, twins: [Twin.python(PYTHON)] });
      new LatencySensitiveFunction(new Stack(app, 'C'), 'Fn', { manifestPath: FIXTURES.hello, twins: [Twin.python(PYTHON)] });
    });
    expect(rest).toEqual([]);
    expect(m.name).toBe('Fn');
    expect(m.constructPaths).toEqual(['A/Fn', 'B/Fn', 'C/Fn']);
    expect(m.twins.map((t) => [t.name, t.kind])).toEqual([['python', 'python'], ['node', 'node']]);
  });

  test('a SnapStart twin is listed, not run: only Lambda restores a snapshot, so locally it would be the plain Python init again', () => {
    const [m] = measurementsOf((app) => {
      new LatencySensitiveFunction(new Stack(app, 'A'), 'Fn', {
        manifestPath: FIXTURES.hello, twins: [Twin.python(PYTHON), Twin.python({ ...PYTHON, snapStart: true, name: 'python-snapstart' })],
      });
    });
    expect(m.twins.map((t) => [t.name, t.kind])).toEqual([['python', 'python'], ['python-snapstart', 'existing']]);
    expect((m.twins[1] as { reason: string }).reason).toMatch(/runs with SnapStart.*measure it on AWS with `lsf compare` \(through its alias measured\)/);
  });

  test('another memory size or Cargo profile is another measurement; two different Python twins are python and python-2', () => {
    const measurements = measurementsOf((app) => {
      const stack = new Stack(app, 'S');
      new LatencySensitiveFunction(stack, 'Small', { manifestPath: FIXTURES.hello, twins: [Twin.python(PYTHON)] });
      new LatencySensitiveFunction(stack, 'Large', { manifestPath: FIXTURES.hello, memorySize: 2048 });
      new LatencySensitiveFunction(stack, 'Dev', { manifestPath: FIXTURES.hello, rustBuild: { cargoProfile: 'dev' } });
      new LatencySensitiveFunction(new Stack(app, 'T'), 'Small', { manifestPath: FIXTURES.hello, twins: [Twin.python(GREETING)] });
    });
    expect(measurements.map((m) => [m.name, m.memorySize, m.rust.cargoProfile])).toEqual([
      ['Small', 512, 'release'], ['Large', 2048, 'release'], ['Dev', 512, 'dev'],
    ]);
    expect(measurements[0].twins.map((t) => t.name)).toEqual(['python', 'python-2']);
    expect(new Set(measurements.map((m) => m.buildKey)).size).toBe(3);
  });

  test('an existing twin is listed with the reason; deploy-time environment values are named, not set', () => {
    const [m] = measurementsOf((app) => {
      const stack = new Stack(app, 'S');
      new LatencySensitiveFunction(stack, 'Fn', {
        manifestPath: FIXTURES.hello,
        environment: { MODE: 'fast', REGION_NAME: Aws.REGION },
        twins: [Twin.fromFunction(jsonLoggingFunction(stack, 'Legacy'))],
      });
    });
    expect(m.environment).toEqual({ MODE: 'fast' });
    expect(m.unresolvedEnvironment).toEqual(['REGION_NAME']);
    expect(m.twins).toEqual([{ name: 'existing-twin', kind: 'existing', reason: expect.stringContaining('S/Legacy is an existing function (Twin.fromFunction)') }]);
  });
});
