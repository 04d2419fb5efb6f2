import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FIXTURES, jsonLoggingFunction, stackWithoutBundling } from './fixtures';
import { LatencyProfile, LatencySensitiveFunction, LatencySensitiveFunctionProps, Twin } from '../src';

const PYTHON_TWIN = Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' });
const NODE_TWIN = Twin.node({ entry: FIXTURES.nodeTwinEntry });

function synth(props: Partial<LatencySensitiveFunctionProps>): { stack: Stack; fn: LatencySensitiveFunction; template: Template } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, ...props });
  return { stack, fn, template: Template.fromStack(stack) };
}

function functionsByRuntime(template: Template): { [runtime: string]: any } {
  return Object.fromEntries(Object.values(template.findResources('AWS::Lambda::Function'))
    .map((resource: any) => [resource.Properties.Runtime, resource.Properties]));
}

describe('LatencySensitiveFunction with a twin', () => {
  test.each([
    ['Python', PYTHON_TWIN, 'python3.13'],
    ['Node', NODE_TWIN, 'nodejs22.x'],
  ])('a %s twin gets the Rust function\'s architecture, memory, timeout, environment and JSON logging', (_, twin, runtime) => {
    const { template } = synth({
      twins: [twin],
      profile: LatencyProfile.REAL_TIME_API,
      timeout: Duration.seconds(4),
      environment: { MODE: 'strict' },
    });
    const functions = functionsByRuntime(template);
    const rust = functions['provided.al2023'];
    const other = functions[runtime];
    for (const key of ['Architectures', 'MemorySize', 'Timeout']) {
      expect(other[key]).toEqual(rust[key]);
    }
    expect(rust).toMatchObject({ Architectures: ['arm64'], MemorySize: 1769, Timeout: 4 });
    expect(other.Environment.Variables).toMatchObject(rust.Environment.Variables);
    expect(other.LoggingConfig.LogFormat).toBe('JSON');
    expect(other.LoggingConfig.LogGroup).not.toEqual(rust.LoggingConfig.LogGroup);
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
  });

  test('an x86_64 function gets an x86_64 twin', () => {
    const functions = functionsByRuntime(synth({ twins: [PYTHON_TWIN], architecture: lambda.Architecture.X86_64 }).template);
    expect(functions['python3.13'].Architectures).toEqual(['x86_64']);
  });

  test('the twin is measured by its own metric filters on its own log group', () => {
    const { fn, template } = synth({ twins: [PYTHON_TWIN] });
    const twinLogGroup = functionsByRuntime(template)['python3.13'].LoggingConfig.LogGroup;
    const rustLogGroup = functionsByRuntime(template)['provided.al2023'].LoggingConfig.LogGroup;
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')).map((r: any) => r.Properties);
    const initFilters = filters.filter((f) => f.MetricTransformations[0].MetricValue === '$.record.metrics.initDurationMs');
    expect(initFilters.map((f) => f.LogGroupName).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))))
      .toEqual([rustLogGroup, twinLogGroup].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(initFilters[0].FilterPattern).toBe(initFilters[1].FilterPattern);
    expect(fn.twins[0].coldStartMetrics?.lambdaFunction).toBe(fn.twins[0].lambdaFunction);
  });

  test('the twin gets no alarms: every alarm watches the Rust function', () => {
    const { template } = synth({ twins: [PYTHON_TWIN] });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBe(5);
    const twinName = JSON.stringify({ Ref: Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'python3.13' } }))[0] });
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm)).not.toContain(twinName);
    }
  });

  test('the twin is tagged and described as a comparison twin', () => {
    synth({ twins: [NODE_TWIN] }).template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Description: Match.stringLikeRegexp('^Comparison twin of Test/Validate'),
      Tags: Match.arrayWith([{ Key: 'cdk-latency-sensitive-function:role', Value: 'comparison-twin' }]),
    });
  });

  test('the dashboard shows both functions', () => {
    const { template } = synth({ twins: [PYTHON_TWIN] });
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards.length).toBe(1);
    const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
    const [rustId, twinId] = ['provided.al2023', 'python3.13'].map((runtime) =>
      Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: runtime } }))[0]);
    expect(body).toContain(rustId);
    expect(body).toContain(twinId);
    expect(body).toContain('Validate python twin');
  });

  test('an existing function is measured, not changed', () => {
    const stack = stackWithoutBundling();
    const legacyLogs = new logs.LogGroup(stack, 'LegacyLogs');
    const legacy = jsonLoggingFunction(stack, 'Legacy', { runtime: lambda.Runtime.PYTHON_3_12, memorySize: 256, logGroup: legacyLogs });
    const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, twins: [Twin.fromFunction(legacy)] });
    const template = Template.fromStack(stack);
    expect(fn.twins[0].lambdaFunction).toBe(legacy);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'python3.12', MemorySize: 256, Architectures: Match.absent() });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: stack.getLogicalId(legacyLogs.node.defaultChild as logs.CfnLogGroup) },
      MetricTransformations: [Match.objectLike({ MetricValue: '$.record.metrics.initDurationMs' })],
    });
  });

  test('an imported function with its log group is measured', () => {
    const stack = stackWithoutBundling();
    const legacy = lambda.Function.fromFunctionName(stack, 'Legacy', 'legacy-validate');
    const legacyLogs = logs.LogGroup.fromLogGroupName(stack, 'LegacyLogs', '/aws/lambda/legacy-validate');
    new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, twins: [Twin.fromFunction(legacy, legacyLogs)] });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: '/aws/lambda/legacy-validate',
      MetricTransformations: [Match.objectLike({ MetricValue: '$.record.metrics.initDurationMs' })],
    });
  });

  test('without a twin there is none', () => {
    const { fn, template } = synth({});
    expect(fn.twins).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });
});

describe('LatencySensitiveFunction with several twins', () => {
  test('a Python and a Node twin: each its own function, log group, metrics and dashboard column', () => {
    const { fn, template } = synth({ twins: [PYTHON_TWIN, NODE_TWIN] });
    const functions = functionsByRuntime(template);
    expect(Object.keys(functions).sort()).toEqual(['nodejs22.x', 'provided.al2023', 'python3.13']);
    expect(fn.twins.map((t) => [t.name, t.lambdaFunction.node.id, t.coldStartMetrics.node.id])).toEqual([
      ['python', 'Twin', 'TwinColdStartMetrics'],
      ['node', 'TwinNode', 'TwinNodeColdStartMetrics'],
    ]);
    // Three log groups: the function's and one per twin.
    template.resourceCountIs('AWS::Logs::LogGroup', 3);
    // One InitDuration filter per function.
    expect(Object.values(template.findResources('AWS::Logs::MetricFilter'))
      .filter((f: any) => f.Properties.MetricTransformations[0].MetricName === 'InitDuration')).toHaveLength(3);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('Validate python twin');
    expect(body).toContain('Validate node twin');
    // Three columns of 8 grid units.
    expect(body).toContain('\\"width\\":8');
  });

  test('adding a second twin keeps the first twin\'s logical IDs', () => {
    const logicalIds = (props: Partial<LatencySensitiveFunctionProps>) => {
      const { stack, fn } = synth(props);
      return stack.resolve((fn.twins[0].lambdaFunction.node.defaultChild as lambda.CfnFunction).logicalId);
    };
    expect(logicalIds({ twins: [PYTHON_TWIN, NODE_TWIN] })).toBe(logicalIds({ twins: [PYTHON_TWIN] }));
  });

  test('two twins of one kind, told apart by their names', () => {
    const { fn } = synth({ twins: [PYTHON_TWIN, Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', runtime: lambda.Runtime.PYTHON_3_12, name: 'python-3-12' })] });
    expect(fn.twins.map((t) => t.name)).toEqual(['python', 'python-3-12']);
    expect(fn.twins[1].lambdaFunction.node.id).toBe('TwinPython312');
  });

  test('two twins with one name, or a name that is not one: our error', () => {
    expect(() => synth({ twins: [PYTHON_TWIN, Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py' })] }))
      .toThrow("LatencySensitiveFunction 'Test/Validate': invalid `twins`: two twins are named 'python'. Give each twin its own name, e.g. Twin.python({ entry, name: 'python-3-12' })");
    expect(() => synth({ twins: [Twin.node({ entry: FIXTURES.nodeTwinEntry, name: 'Node 22' })] }))
      .toThrow(/Twin\.node for 'Test\/Validate': invalid `name`: 'Node 22' is not a twin name/);
  });
});

describe('descriptions', () => {
  test('the Rust function says it is latency-sensitive, with its profile and budgets; the twin which function it mirrors', () => {
    const { template } = synth({ profile: LatencyProfile.REAL_TIME_API, twins: [NODE_TWIN] });
    const functions = functionsByRuntime(template);
    expect(functions['provided.al2023'].Description).toBe("Latency-sensitive Rust handler 'hello-lambda' (arm64, 1769 MB), "
      + 'latency profile real-time-api: cold start p99 <= 100 ms, warm p99 <= 50 ms');
    expect(functions['nodejs22.x'].Description).toBe('Comparison twin of Test/Validate: measured beside it, not the production path');
  });

  test('a description given by the user wins', () => {
    expect(functionsByRuntime(synth({ description: 'mine' }).template)['provided.al2023'].Description).toBe('mine');
  });
});
