import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { jsonLoggingFunction, stackWithoutBundling } from './fixtures';
import { ColdStartMetrics } from '../src';

const SNAP_START = lambda.SnapStartConf.ON_PUBLISHED_VERSIONS;

function namespaceOf(stack: Stack, fn: lambda.IFunction): unknown {
  return { 'Fn::Join': ['', ['ColdStartMetrics/', stack.resolve(fn.functionName)]] };
}

describe('ColdStartMetrics on any JSON-logging function', () => {
  test('filters cold-start platform.report records for init duration and count, restores for their duration and count, and every report for memory', () => {
    const stack = stackWithoutBundling();
    const logGroup = new logs.LogGroup(stack, 'Logs');
    const fn = jsonLoggingFunction(stack, 'Legacy', { logGroup, snapStart: SNAP_START });
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::Logs::MetricFilter', 6);
    const namespace = namespaceOf(stack, fn);
    const logGroupName = { Ref: stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup) };
    const INIT = '{ $.type = "platform.report" && $.record.metrics.initDurationMs = * }';
    const RESTORE = '{ $.type = "platform.report" && $.record.metrics.restoreDurationMs = * }';
    const filters: Array<[string, string, string, string]> = [
      [INIT, 'InitDuration', '$.record.metrics.initDurationMs', 'Milliseconds'],
      [INIT, 'ColdStarts', '1', 'Count'],
      ['{ $.type = "platform.report" && $.record.metrics.maxMemoryUsedMB = * }', 'MaxMemoryUsed', '$.record.metrics.maxMemoryUsedMB', 'Megabytes'],
      [RESTORE, 'RestoreDuration', '$.record.metrics.restoreDurationMs', 'Milliseconds'],
      [RESTORE, 'Restores', '1', 'Count'],
      [RESTORE, 'BilledRestoreDuration', '$.record.metrics.billedRestoreDurationMs', 'Milliseconds'],
    ];
    for (const [FilterPattern, MetricName, MetricValue, Unit] of filters) {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: logGroupName,
        FilterPattern,
        MetricTransformations: [{ MetricNamespace: namespace, MetricName, MetricValue, Unit, DefaultValue: Match.absent() }],
      });
    }
  });

  test('keeps the logical ids of the filters that existed before restores were counted', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy', { logGroup: new logs.LogGroup(stack, 'Logs'), snapStart: SNAP_START });
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter')).sort()).toEqual([
      // Logical ids are hashes of construct paths: these three are those the filters always had.
      'MetricsColdStartsFilterACDA8475', 'MetricsInitDurationFilter47805E07', 'MetricsMaxMemoryUsedFilter00631C74',
      'MetricsRestoreDurationFilter0FCB2981', 'MetricsRestoresFilterB2D1AA86', 'MetricsBilledRestoreDurationFilterDF07E254',
    ].sort());
  });

  test('gives two functions two namespaces, so they never share a metric', () => {
    const stack = stackWithoutBundling();
    const a = new ColdStartMetrics(stack, 'A', { lambdaFunction: jsonLoggingFunction(stack, 'FnA') });
    const b = new ColdStartMetrics(stack, 'B', { lambdaFunction: jsonLoggingFunction(stack, 'FnB') });
    expect(stack.resolve(a.metricNamespace)).not.toEqual(stack.resolve(b.metricNamespace));
    expect(stack.resolve(a.metricInitDuration().namespace)).toEqual({ 'Fn::Join': ['', ['ColdStartMetrics/', { Ref: stack.getLogicalId(a.lambdaFunction.node.defaultChild as lambda.CfnFunction) }]] });
  });

  test('without a log group, uses the function\'s own (CDK pre-creates /aws/lambda/<name>)', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy');
    const metrics = new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    expect(metrics.logGroup).toBe(fn.logGroup);
    Template.fromStack(stack).hasResourceProperties('Custom::LogRetention', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: Match.anyValue() }]] },
    });
  });

  test('watches an imported function through the log group it is given', () => {
    const stack = stackWithoutBundling();
    const fn = lambda.Function.fromFunctionName(stack, 'Imported', 'checkout-validate');
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'ImportedLogs', '/aws/lambda/checkout-validate');
    const metrics = new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn, logGroup, memorySize: 1024 });
    expect(JSON.stringify(stack.resolve(metrics.metricNamespace))).toMatch(/ColdStartMetrics\/.*checkout-validate/);
    expect(metrics.memorySize).toBe(1024);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', { LogGroupName: '/aws/lambda/checkout-validate' });
  });

  test('metric methods: init p99, cold-start sum, restore p99, restore sum, rate as percent of AWS/Lambda Invocations, memory maximum', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy', { memorySize: 256, snapStart: SNAP_START });
    const metrics = new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    expect(metrics.label).toBe('Legacy');
    expect(metrics.memorySize).toBe(256);
    expect(metrics.metricInitDuration()).toMatchObject({ metricName: 'InitDuration', statistic: 'p99' });
    expect(metrics.metricInitDuration({ statistic: 'p50' }).statistic).toBe('p50');
    expect(metrics.metricColdStarts()).toMatchObject({ metricName: 'ColdStarts', statistic: 'Sum' });
    expect(metrics.metricMaxMemoryUsed()).toMatchObject({ metricName: 'MaxMemoryUsed', statistic: 'Maximum' });
    expect(metrics.metricRestoreDuration()).toMatchObject({ metricName: 'RestoreDuration', statistic: 'p99', label: 'Legacy restore p99' });
    expect(metrics.metricRestoreDuration({ statistic: 'p50' }).statistic).toBe('p50');
    expect(metrics.metricRestores()).toMatchObject({ metricName: 'Restores', statistic: 'Sum', label: 'Legacy restores' });
    expect(metrics.metricBilledRestoreDuration()).toMatchObject({ metricName: 'BilledRestoreDuration', statistic: 'Sum', label: 'Legacy billed restore' });
    const rate = metrics.metricColdStartRate();
    // AWS counts a SnapStart cold start as restore + duration: a restore is a cold start.
    expect(rate.expression).toBe('100 * (FILL(coldStarts, 0) + FILL(restores, 0)) / invocations');
    expect(rate.usingMetrics.coldStarts).toMatchObject({ metricName: 'ColdStarts', statistic: 'Sum' });
    expect(rate.usingMetrics.restores).toMatchObject({ metricName: 'Restores', statistic: 'Sum' });
    expect(rate.usingMetrics.invocations).toMatchObject({ namespace: 'AWS/Lambda', metricName: 'Invocations', statistic: 'Sum' });
    expect(rate.period.toMinutes()).toBe(5);
  });

  test('a function without SnapStart, which can never restore: no restore filters, and a rate of inits alone', () => {
    const stack = stackWithoutBundling();
    const metrics = new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: jsonLoggingFunction(stack, 'Legacy') });
    expect(metrics.mayRestore).toBe(false);
    expect(metrics.restoreDurationFilter).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Logs::MetricFilter', 3);
    expect(metrics.metricColdStartRate().expression).toBe('100 * FILL(coldStarts, 0) / invocations');
    // The restore metrics still name their (empty) series, for a caller that graphs them anyway.
    expect(metrics.metricRestores()).toMatchObject({ metricName: 'Restores', statistic: 'Sum' });
  });

  test('an imported function may restore: its configuration is not known here', () => {
    const stack = stackWithoutBundling();
    const fn = lambda.Function.fromFunctionName(stack, 'Imported', 'checkout-validate');
    const metrics = new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn, logGroup: logs.LogGroup.fromLogGroupName(stack, 'L', '/aws/lambda/checkout-validate') });
    expect(metrics.mayRestore).toBe(true);
    Template.fromStack(stack).resourceCountIs('AWS::Logs::MetricFilter', 6);
  });

  test('reads the memory of a function that sets none as 128 MB', () => {
    const stack = stackWithoutBundling();
    expect(new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: jsonLoggingFunction(stack, 'Legacy') }).memorySize).toBe(128);
  });
});

describe('ColdStartMetrics on a function that never logs initDurationMs: a synth warning, stable id', () => {
  const provisionedWarning = (aliasPath: string, count: string) => expect.stringContaining(
    `'${aliasPath}' keeps ${count} execution environment(s) of 'Test/Legacy' initialized (provisioned concurrency): `
    + 'their init runs before any request and is reported in platform.initReport, never as initDurationMs in platform.report, '
    + 'so its InitDuration and ColdStarts metrics will stay empty unless invocations spill over the provisioned environments or reach an unprovisioned version');

  function warnings(stack: Stack, path = '*'): string[] {
    return Annotations.fromStack(stack).findWarning(path, Match.anyValue()).map((w) => String(w.entry.data));
  }

  test('provisioned concurrency on an alias, added after the metrics', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy');
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion, provisionedConcurrentExecutions: 3 });
    expect(warnings(stack, '/Test/Metrics')).toEqual([provisionedWarning('Test/Live', '3')]);
    expect(warnings(stack).join('\n')).toContain('[ack: cdk-latency-sensitive-function:coldStartMetricsProvisioned]');
    expect(ColdStartMetrics.PROVISIONED_CONCURRENCY_WARNING).toBe('cdk-latency-sensitive-function:coldStartMetricsProvisioned');
  });

  test('provisioned concurrency on a version (currentVersionOptions)', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy', { currentVersionOptions: { provisionedConcurrentExecutions: 2 } });
    fn.currentVersion;
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    expect(warnings(stack, '/Test/Metrics')).toEqual([provisionedWarning('Test/Legacy/CurrentVersion', '2')]);
  });

  test('provisioned concurrency written at the CloudFormation level, in another stack', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy');
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    const other = new Stack(stack.node.root as any, 'Other', { env: { account: '123456789012', region: 'us-east-1' } });
    new lambda.CfnAlias(other, 'HandAlias', {
      functionName: fn.functionName, functionVersion: '1', name: 'hand', provisionedConcurrencyConfig: { provisionedConcurrentExecutions: 1 },
    });
    expect(warnings(stack, '/Test/Metrics')).toEqual([provisionedWarning('Other/HandAlias', '1')]);
  });

  test('Lambda Managed Instances: a capacity provider (aws-cdk-lib 2.261 models one)', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy');
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const provider = new lambda.CapacityProvider(stack, 'Capacity', {
      subnets: vpc.isolatedSubnets.length ? vpc.isolatedSubnets : vpc.publicSubnets,
      securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc })],
    });
    provider.addFunction(fn);
    expect(warnings(stack, '/Test/Metrics')).toEqual([expect.stringContaining(
      '\'Test/Legacy\' runs on Lambda Managed Instances (a capacity provider), whose execution environments start ahead of traffic: '
      + 'its platform.report records never carry initDurationMs, so its InitDuration and ColdStarts metrics will stay empty. '
      + 'Watch it through the capacity provider\'s own CloudWatch metrics instead')]);
    expect(warnings(stack).join('\n')).toContain('[ack: cdk-latency-sensitive-function:coldStartMetricsManagedInstances]');
  });

  test('no warning for an on-demand function, an alias without provisioned concurrency, or another function\'s provisioned alias', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy');
    const other = jsonLoggingFunction(stack, 'Other');
    new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn });
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    new lambda.Alias(stack, 'OtherLive', { aliasName: 'live', version: other.currentVersion, provisionedConcurrentExecutions: 5 });
    expect(warnings(stack)).toEqual([]);
  });
});

describe('ColdStartMetrics bad input', () => {
  test('rejects a function that logs text', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy', { loggingFormat: lambda.LoggingFormat.TEXT });
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn })).toThrow(
      "ColdStartMetrics 'Test/Metrics': invalid `lambdaFunction`: 'Test/Legacy' logs in the Text format, where platform.report records are plain text that JSON metric filters never match. Set loggingFormat: lambda.LoggingFormat.JSON on the function");
  });

  test('rejects a function with no logging format (Lambda\'s default is text)', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy', { loggingFormat: undefined });
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn })).toThrow(/invalid `lambdaFunction`: 'Test\/Legacy' logs in the Text format/);
  });

  test('rejects a system log level that drops platform.report', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Legacy', { systemLogLevelV2: lambda.SystemLogLevel.WARN });
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn })).toThrow(
      "ColdStartMetrics 'Test/Metrics': invalid `lambdaFunction`: 'Test/Legacy' has system log level WARN, which drops the INFO-level platform.report records. Set systemLogLevelV2 to lambda.SystemLogLevel.INFO or DEBUG, or leave it out");
  });

  test('asks for the log group of an imported function', () => {
    const stack = stackWithoutBundling();
    const fn = lambda.Function.fromFunctionName(stack, 'Imported', 'checkout-validate');
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn })).toThrow(
      "ColdStartMetrics 'Test/Metrics': invalid `logGroup`: the log group of 'Test/Imported' cannot be found at synth time (it is not a lambda.Function defined in this app). Pass the function's log group, e.g. logs.LogGroup.fromLogGroupName(this, 'Logs', '/aws/lambda/my-function')");
  });

  test('rejects an alias, whose reports cannot be told from its function\'s', () => {
    const stack = stackWithoutBundling();
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: jsonLoggingFunction(stack, 'Legacy').currentVersion });
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: alias })).toThrow(
      "ColdStartMetrics 'Test/Metrics': invalid `lambdaFunction`: 'Test/Live' is an alias or version, whose platform.report records go to its function's log group unlabelled. Watch the function itself (alias.version.lambda or version.lambda)");
  });

  // Counter-examples of the property tests: wrong types from JavaScript, once TypeErrors or accepted.
  test.each<[string, object, RegExp]>([
    ['a function that is not a function', { lambdaFunction: {} }, /ColdStartMetrics 'Test\/Metrics': invalid `lambdaFunction`: must be a lambda\.IFunction, got an object/],
    ['a log group that is an array', { logGroup: [] }, /ColdStartMetrics 'Test\/Metrics': invalid `logGroup`: must be a logs\.ILogGroup, got an array/],
    ['a label that is not a string', { label: { name: 'arm64' } }, /ColdStartMetrics 'Test\/Metrics': invalid `label`: must be a string, got an object/],
  ])('rejects %s', (_, props, message) => {
    const stack = stackWithoutBundling();
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: jsonLoggingFunction(stack, 'Legacy'), ...props } as any)).toThrow(message);
  });

  test('rejects a memory size Lambda does not have', () => {
    const stack = stackWithoutBundling();
    expect(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: jsonLoggingFunction(stack, 'Legacy'), memorySize: 64 })).toThrow(
      /ColdStartMetrics 'Test\/Metrics': invalid `memorySize`: Lambda memory must be a whole number of MB from 128 to 10240, got 64/);
  });
});
