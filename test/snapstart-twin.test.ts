import { Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencySensitiveFunction, LatencySensitiveFunctionProps, Twin } from '../src';
import { MEASUREMENT_METADATA_TYPE, MeasurementRecord } from '../src/private/measurement/measurement-record';

const SNAPSTART_TWIN = () => Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', snapStart: true, name: 'python-snapstart' });

function synth(props: Partial<LatencySensitiveFunctionProps>): { stack: Stack; fn: LatencySensitiveFunction; template: Template } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, ...props });
  return { stack, fn, template: Template.fromStack(stack) };
}

function recordOf(fn: LatencySensitiveFunction): MeasurementRecord {
  return fn.node.metadata.find((m) => m.type === MEASUREMENT_METADATA_TYPE)!.data as MeasurementRecord;
}

describe('a Python twin with SnapStart', () => {
  test('publishes a version with SnapStart on and an alias, `measured`, that lsf compare invokes (the record says so)', () => {
    const { stack, fn, template } = synth({ twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' }), SNAPSTART_TWIN()] });
    const twin = fn.twins[1].lambdaFunction as lambda.Function;
    const twinId = stack.resolve((twin.node.defaultChild as lambda.CfnFunction).logicalId);
    expect(template.toJSON().Resources[twinId].Properties.SnapStart).toEqual({ ApplyOn: 'PublishedVersions' });
    // Only the SnapStart twin publishes: the plain twin and the Rust function stay on $LATEST.
    template.resourceCountIs('AWS::Lambda::Version', 1);
    template.hasResourceProperties('AWS::Lambda::Version', { FunctionName: { Ref: twinId } });
    template.resourceCountIs('AWS::Lambda::Alias', 1);
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'measured', FunctionName: { Ref: twinId } });
    expect(recordOf(fn).twins.map((t) => [t.name, t.kind === 'python' ? t.snapStart : 'not python'])).toEqual([
      ['python', undefined],
      ['python-snapstart', { alias: 'measured' }],
    ]);
    expect(fn.twins.map((t) => t.name)).toEqual(['python', 'python-snapstart']);
    expect(SNAPSTART_TWIN().snapStart).toBe(true);
    // aws-cdk-lib's reminder that only published versions restore is answered: this twin publishes.
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SnapStart only supports published'));
  });

  test('its metrics and dashboard count restores; the Rust function and the plain twin, which cannot restore, do not', () => {
    const { fn, template } = synth({ twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' }), SNAPSTART_TWIN()] });
    expect([fn.coldStartMetrics, ...fn.twins.map((t) => t.coldStartMetrics)].map((m) => m.mayRestore)).toEqual([false, false, true]);
    const restoreFilters = Object.values(template.findResources('AWS::Logs::MetricFilter'))
      .filter((f: any) => f.Properties.MetricTransformations[0].MetricName === 'RestoreDuration');
    expect(restoreFilters).toHaveLength(1);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('Validate python-snapstart twin: cold-start init or SnapStart restore duration (ms)');
    expect(body).toContain('cold starts (SnapStart restore)');
    expect(body).toContain('Validate python twin: cold-start init duration (ms)');
  });

  test('keeps a plain twin\'s template as it was: no SnapStart, no version, no alias', () => {
    const { template } = synth({ twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', snapStart: false })] });
    template.resourceCountIs('AWS::Lambda::Version', 0);
    template.resourceCountIs('AWS::Lambda::Alias', 0);
    for (const resource of Object.values(template.findResources('AWS::Lambda::Function'))) expect((resource as any).Properties.SnapStart).toBeUndefined();
  });
});

describe('SnapStart where Lambda does not offer it: our error, before the build, saying why', () => {
  test.each<[string, Partial<LatencySensitiveFunctionProps>, RegExp]>([
    ['a Python twin older than 3.12',
      { twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', runtime: lambda.Runtime.PYTHON_3_11, snapStart: true })] },
      /^Twin\.python for 'Test\/Validate': invalid `snapStart`: Lambda offers SnapStart for Python 3\.12 and newer only, and the twin's runtime is python3\.11 .*Use runtime: lambda\.Runtime\.PYTHON_3_12 or newer/],
    ['a Node twin (from JavaScript: NodeTwinOptions has no snapStart)',
      { twins: [Twin.node({ entry: FIXTURES.nodeTwinEntry, snapStart: true } as any)] },
      /^Twin\.node for 'Test\/Validate': invalid `snapStart`: Lambda offers no SnapStart for Node\.js runtimes.*Remove snapStart/],
    ['the Rust function itself (an inherited lambda.FunctionOptions prop)',
      { snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS } as any,
      /^LatencySensitiveFunction 'Test\/Validate': invalid `snapStart`: Lambda offers no SnapStart for OS-only runtimes such as provided\.al2023.*Twin\.python\(\{ \.\.\., snapStart: true \}\)/],
    ['a SnapStart twin of a function with more than 512 MB of ephemeral storage (which the twin copies)',
      { ephemeralStorageSize: Size.mebibytes(1024), twins: [SNAPSTART_TWIN()] },
      /^Twin\.python for 'Test\/Validate': invalid `snapStart`: Lambda does not offer SnapStart with more than 512 MB of ephemeral storage, and the twin copies the function's ephemeralStorageSize \(1024 MB\).*Lower the function's ephemeralStorageSize to 512 MB, or leave snapStart out/],
    ['a snapStart that is not a boolean (from JavaScript)',
      { twins: [Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', snapStart: 'yes' as any })] },
      /invalid `snapStart`: must be true or false, got 'yes'/],
  ])('%s', (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('a twin copies the function\'s ephemeral storage; 512 MB with SnapStart is allowed', () => {
    const { template } = synth({ ephemeralStorageSize: Size.mebibytes(512), twins: [SNAPSTART_TWIN()] });
    for (const resource of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect((resource as any).Properties.EphemeralStorage).toEqual({ Size: 512 });
    }
  });
});
