import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { jsonLoggingFunction, stackWithoutBundling } from './fixtures';
import { LatencyAlarms, ColdStartMetrics, LambdaCost, LatencyDashboard, LatencyDashboardProps, LatencyProfile, WatchedFunction } from '../src';

function watched(stack: Stack, id: string, runtime: lambda.Runtime, memorySize: number, profile: LatencyProfile): WatchedFunction {
  const fn = new lambda.Function(stack, id, {
    runtime,
    handler: 'index.handler',
    code: lambda.Code.fromInline('x'),
    architecture: lambda.Architecture.ARM_64,
    memorySize,
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup: new logs.LogGroup(stack, `${id}Logs`),
  });
  const metrics = new ColdStartMetrics(stack, `${id}Metrics`, { lambdaFunction: fn });
  return { metrics, alarms: new LatencyAlarms(stack, `${id}Alarms`, { metrics, profile }) };
}

/** The dashboard body as JSON, with each `Ref` written as `<<LogicalId>>`. */
function dashboardBody(stack: Stack): any {
  const [dashboard] = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: any) => (typeof part === 'string' ? part : `<<${part.Ref}>>`)).join('');
  return JSON.parse(text);
}

function setup(props: Partial<LatencyDashboardProps> = {}, withTwin = true): { stack: Stack; body: any; node: string; twin: string } {
  const stack = stackWithoutBundling();
  const node = watched(stack, 'Node', lambda.Runtime.NODEJS_22_X, 512, LatencyProfile.USER_FACING_VALIDATION);
  const python = watched(stack, 'Python', lambda.Runtime.PYTHON_3_13, 512, LatencyProfile.custom({ coldStartBudget: Duration.millis(400) }));
  new LatencyDashboard(stack, 'Dashboard', { primary: node, twins: withTwin ? [python] : undefined, ...props });
  const ref = (w: WatchedFunction) => `<<${stack.getLogicalId(w.metrics.lambdaFunction.node.defaultChild as lambda.CfnFunction)}>>`;
  return { stack, body: dashboardBody(stack), node: ref(node), twin: ref(python) };
}

function widgetTitled(body: any, title: string): any {
  const widget = body.widgets.find((w: any) => w.properties.title === title);
  if (!widget) throw new Error(`no widget titled '${title}' among: ${body.widgets.map((w: any) => w.properties.title).join(' | ')}`);
  return widget;
}

describe('LatencyDashboard', () => {
  test('puts the function and its twin side by side, each half the width', () => {
    const { body } = setup();
    const nodeInit = widgetTitled(body, 'Node: cold-start init duration (ms)');
    const python = widgetTitled(body, 'Python: cold-start init duration (ms)');
    expect([nodeInit.width, python.width]).toEqual([12, 12]);
    expect(nodeInit.y).toBe(python.y);
    expect([nodeInit.x, python.x]).toEqual([0, 12]);
  });

  test('graphs init p50/p95/p99 of each function with its own alarm threshold', () => {
    const { body, node, twin } = setup();
    const primaryInit = widgetTitled(body, 'Node: cold-start init duration (ms)').properties;
    expect(primaryInit.metrics).toEqual([
      [`ColdStartMetrics/${node}`, 'InitDuration', { label: 'init p50', stat: 'p50' }],
      [`ColdStartMetrics/${node}`, 'InitDuration', { label: 'init p95', stat: 'p95' }],
      [`ColdStartMetrics/${node}`, 'InitDuration', { label: 'init p99', stat: 'p99' }],
    ]);
    expect(primaryInit.annotations.horizontal).toEqual([expect.objectContaining({ value: 150, label: expect.stringMatching(/^cold-start-init: /) })]);
    const twinInit = widgetTitled(body, 'Python: cold-start init duration (ms)').properties;
    expect(twinInit.metrics[2]).toEqual([`ColdStartMetrics/${twin}`, 'InitDuration', { label: 'init p99', stat: 'p99' }]);
    expect(twinInit.annotations.horizontal).toEqual([expect.objectContaining({ value: 400 })]);
  });

  test('graphs cold starts with their rate and its threshold on the right axis', () => {
    const { body, node } = setup();
    const graph = widgetTitled(body, 'Node: cold starts (count, left) and rate (%, right)').properties;
    expect(graph.metrics).toEqual(expect.arrayContaining([
      [`ColdStartMetrics/${node}`, 'ColdStarts', { id: 'coldStarts', label: 'cold starts', stat: 'Sum' }],
      [{ expression: '100 * FILL(coldStarts, 0) / invocations', label: 'cold-start rate (%)', yAxis: 'right' }],
    ]));
    expect(graph.annotations.horizontal).toEqual([expect.objectContaining({ value: 5, yAxis: 'right', label: expect.stringMatching(/^cold-start-rate: /) })]);
  });

  test('graphs warm duration, memory used and errors/throttles of both functions', () => {
    const { body, node, twin } = setup();
    expect(widgetTitled(body, 'Node: duration, init excluded (ms)').properties.metrics[2])
      .toEqual(['AWS/Lambda', 'Duration', 'FunctionName', node, { label: 'duration p99', stat: 'p99' }]);
    expect(widgetTitled(body, 'Python: duration, init excluded (ms)').properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 25 })]);
    expect(widgetTitled(body, 'Python: max memory used (MB)').properties).toMatchObject({
      metrics: [[`ColdStartMetrics/${twin}`, 'MaxMemoryUsed', { label: 'max memory used', stat: 'Maximum' }]],
      annotations: { horizontal: [{ value: 512, label: 'configured 512 MB' }] },
    });
    expect(widgetTitled(body, 'Python: errors and throttles').properties.metrics).toEqual([
      ['AWS/Lambda', 'Errors', 'FunctionName', twin, { label: 'errors', stat: 'Sum' }],
      ['AWS/Lambda', 'Throttles', 'FunctionName', twin, { label: 'throttles', stat: 'Sum' }],
    ]);
  });

  test('estimates the cost per million invocations from live metrics at the function\'s memory and architecture', () => {
    const { body } = setup();
    const graph = widgetTitled(body, 'Node: estimated USD per million invocations (512 MB, arm64)').properties;
    // 0.5 GB x $0.0000133334 per GB-s / 1000 x 1e6 = $0.0066667 per ms of each invocation, + $0.20 requests.
    expect(graph.metrics[0]).toEqual([{ expression: '(duration + FILL(initTotal, 0) / invocations) * 0.0066667 + 0.2', label: 'Node USD per million invocations (estimate)' }]);
    expect(JSON.stringify(graph.metrics)).toContain('"InitDuration"');
  });

  test('prices the estimate with the cost model it is given', () => {
    const { body } = setup({ cost: new LambdaCost({ arm64PerGbSecond: 0.00002, perMillionRequests: 0.25 }) });
    const graph = widgetTitled(body, 'Node: estimated USD per million invocations (512 MB, arm64)').properties;
    expect(graph.metrics[0][0].expression).toBe('(duration + FILL(initTotal, 0) / invocations) * 0.01 + 0.25');
  });

  test('lists each cold invocation of both functions in one Logs Insights table', () => {
    const { body, stack } = setup();
    const table = body.widgets.find((w: any) => w.type === 'log').properties;
    expect(table.view).toBe('table');
    const [nodeLogs, pythonLogs] = Object.keys(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'));
    expect(table.query).toMatch(new RegExp(`^SOURCE '<<${nodeLogs}>>' \\| SOURCE '<<${pythonLogs}>>' \\| `));
    expect(table.query).toContain('filter type = "platform.report" and (ispresent(record.metrics.initDurationMs) or ispresent(record.metrics.restoreDurationMs))');
    expect(table.query).toContain('record.metrics.restoreDurationMs as restoreMs');
    expect(table.query).toContain('coalesce(record.metrics.initDurationMs, 0) + coalesce(record.metrics.restoreDurationMs, 0) + record.metrics.durationMs as totalMs');
  });

  test('a function without SnapStart shows no restore series: it can never restore', () => {
    const { body } = setup();
    expect(JSON.stringify(widgetTitled(body, 'Node: cold-start init duration (ms)'))).not.toContain('RestoreDuration');
    const counts = widgetTitled(body, 'Node: cold starts (count, left) and rate (%, right)').properties.metrics;
    expect(counts.filter((m: any[]) => m[1] === 'Restores')).toEqual([]);
  });

  test('a SnapStart function shows init or restore, labelled, and counts both kinds of cold start', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Twin', { logGroup: new logs.LogGroup(stack, 'TwinLogs'), snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS });
    new LatencyDashboard(stack, 'Dashboard', { primary: { metrics: new ColdStartMetrics(stack, 'TwinMetrics', { lambdaFunction: fn }) } });
    const body = dashboardBody(stack);
    const ns = `ColdStartMetrics/<<${stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}>>`;
    expect(widgetTitled(body, 'Twin: cold-start init or SnapStart restore duration (ms)').properties.metrics).toEqual([
      [ns, 'InitDuration', { label: 'init p50', stat: 'p50' }],
      [ns, 'InitDuration', { label: 'init p95', stat: 'p95' }],
      [ns, 'InitDuration', { label: 'init p99', stat: 'p99' }],
      [ns, 'RestoreDuration', { label: 'restore p50', stat: 'p50' }],
      [ns, 'RestoreDuration', { label: 'restore p95', stat: 'p95' }],
      [ns, 'RestoreDuration', { label: 'restore p99', stat: 'p99' }],
    ]);
    expect(widgetTitled(body, 'Twin: cold starts (count, left) and rate (%, right)').properties.metrics).toEqual(expect.arrayContaining([
      [ns, 'ColdStarts', { id: 'coldStarts', label: 'cold starts (init)', stat: 'Sum' }],
      [ns, 'Restores', { id: 'restores', label: 'cold starts (SnapStart restore)', stat: 'Sum' }],
    ]));
  });

  test('a SnapStart function\'s cost prices its restores: billed restore time as duration, and GB restored', () => {
    const stack = stackWithoutBundling();
    const fn = jsonLoggingFunction(stack, 'Twin', {
      memorySize: 1024, logGroup: new logs.LogGroup(stack, 'TwinLogs'), snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS,
    });
    new LatencyDashboard(stack, 'Dashboard', { primary: { metrics: new ColdStartMetrics(stack, 'TwinMetrics', { lambdaFunction: fn }) } });
    const graph = widgetTitled(dashboardBody(stack), 'Twin: estimated USD per million invocations (1024 MB, x86_64)').properties;
    // 1 GB x $0.0000166667 per GB-s / 1000 x 1e6 = $0.0166667 per ms; 1 GB x $0.0001397998 x 1e6 = $139.7998 per million restores.
    expect(graph.metrics[0]).toEqual([{
      expression: '(duration + (FILL(initTotal, 0) + FILL(billedRestoreTotal, 0)) / invocations) * 0.0166667 + FILL(restores, 0) / invocations * 139.7998 + 0.2',
      label: 'Twin USD per million invocations (estimate)',
    }]);
    const metrics = JSON.stringify(graph.metrics);
    expect(metrics).toContain('"BilledRestoreDuration"');
    expect(metrics).not.toContain('"RestoreDuration"');
    expect(metrics).toContain('"Restores"');
  });

  test('without a twin, shows the function alone at full width', () => {
    const { body, twin } = setup({}, false);
    expect(widgetTitled(body, 'Node: cold-start init duration (ms)').width).toBe(24);
    expect(JSON.stringify(body)).not.toContain(twin);
  });

  test('takes a valid name', () => {
    const { stack } = setup({ dashboardName: 'checkout-latency_v2' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'checkout-latency_v2' });
  });

  test.each(['checkout latency', 'checkout/latency', '', 'x'.repeat(256)])('rejects the name %j', (name) => {
    expect(() => setup({ dashboardName: name })).toThrow(
      `LatencyDashboard 'Test/Dashboard': invalid \`dashboardName\`: '${name}' is not 1-255 letters, digits, '-' or '_', which CloudWatch requires of a dashboard name. Use a name such as 'checkout-latency'`);
  });
});
