import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ColdStartMetrics, FleetDashboard, FleetDashboardProps, LambdaCost } from '../../src';
import { jsonLoggingFunction, stackWithoutBundling } from '../fixtures';
import { RECORDED_FLEET } from './recorded-fleet';
import { runLogsInsights } from '../../dev/local-logs/logs-insights';

function watched(stack: Stack, count: number): ColdStartMetrics[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `Fn${String(i).padStart(3, '0')}`;
    const logGroup = new logs.LogGroup(stack, `${id}Logs`);
    return new ColdStartMetrics(stack, `${id}Metrics`, { lambdaFunction: jsonLoggingFunction(stack, id, { logGroup }), logGroup });
  });
}

/** Functions of other stacks (imported): a stack of its own holds at most 500 resources, about 80 watched functions. */
function imported(stack: Stack, count: number): ColdStartMetrics[] {
  // Imported functions may use SnapStart: five metric filters each. Forty per stack keeps each
  // stack under CloudFormation's 500 resources; the dashboard's stack reads them by name.
  const stacks: Stack[] = [];
  const scopeOf = (i: number) => stacks[Math.floor(i / 40)] ??= new Stack(stack.node.scope as Construct, `${stack.node.id}Metrics${Math.floor(i / 40)}`);
  return Array.from({ length: count }, (_, i) => {
    const name = `fn-${i}`;
    const scope = scopeOf(i);
    const lambdaFunction = lambda.Function.fromFunctionAttributes(scope, name, {
      functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, architecture: lambda.Architecture.ARM_64, sameEnvironment: true,
    });
    return new ColdStartMetrics(scope, `${name}-metrics`, { lambdaFunction, logGroup: logs.LogGroup.fromLogGroupName(scope, `${name}-logs`, `/aws/lambda/${name}`) });
  });
}

/** The dashboard's widgets, with every reference replaced by the referenced logical ID. */
function widgets(stack: Stack): any[] {
  const body = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody;
  const parts: any[] = body['Fn::Join'] ? body['Fn::Join'][1] : [body];
  const text = parts.map((part) => (typeof part === 'string' ? part : part.Ref)).join('');
  return JSON.parse(text).widgets;
}

test('the deployed ranking widget\'s query, run on recorded lines, ranks the recorded fleet', () => {
  const stack = stackWithoutBundling();
  const dashboard = new FleetDashboard(stack, 'Fleet');
  watched(stack, 3).forEach((m) => dashboard.addFunction(m));
  const [table] = widgets(stack).filter((w) => w.type === 'log');
  expect(table.properties.query.match(/SOURCE '[^']+'/g)).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`^SOURCE 'Fn00${i}Logs`))));
  // The recorded lines come from other log groups: the SOURCE commands are left out here.
  const query = table.properties.query.replace(/SOURCE '[^']+' \| /g, '');
  expect(runLogsInsights(query, RECORDED_FLEET).map((r) => r['@log'])).toEqual(['/aws/lambda/checkout-python', '/aws/lambda/render-node', '/aws/lambda/validate-rust']);
});

test('more than 50 functions: ranked in tables of at most 50 log groups, each with its graphs of the top functions', () => {
  const stack = stackWithoutBundling();
  const dashboard = new FleetDashboard(stack, 'Fleet', { topFunctions: 3 });
  imported(stack, 120).forEach((m) => dashboard.addFunction(m));
  const all = widgets(stack);
  const tables = all.filter((w) => w.type === 'log');
  expect(tables.map((t) => t.properties.query.match(/SOURCE '/g).length)).toEqual([50, 50, 20]);
  expect(tables.map((t) => t.properties.title)).toEqual([
    expect.stringContaining('functions 1-50 of 120'), expect.stringContaining('functions 51-100 of 120'), expect.stringContaining('functions 101-120 of 120'),
  ]);
  const graphs = all.filter((w) => w.type === 'metric');
  expect(graphs).toHaveLength(6);
  expect(graphs[0].properties.metrics[0][0].expression).toMatch(/^SORT\(\[f0, f1, .*, f49\], SUM, DESC, 3\)$/);
});

test('opens on the ranking window and prices INIT with the given costs', () => {
  const stack = stackWithoutBundling();
  const dashboard = new FleetDashboard(stack, 'Fleet', { rankingWindow: Duration.days(30), cost: new LambdaCost({ x86PerGbSecond: 0.00002 }) });
  watched(stack, 1).forEach((m) => dashboard.addFunction(m));
  const body = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody;
  const text = JSON.stringify(body);
  expect(text).toContain('"start\\":\\"-P30D');
  expect(text).toContain('sum(record.metrics.initDurationMs / 30)');
  expect(text).toContain('* 0.00002 * 30 / 30720000');
});

test.each<[string, FleetDashboardProps, RegExp]>([
  ['rankingWindow', { rankingWindow: Duration.hours(36) }, /invalid `rankingWindow`: must be whole days from 1 to 365, got 1 day 12 hours/],
  ['topFunctions', { topFunctions: 0 }, /invalid `topFunctions`: must be a whole number from 1 to 50, got 0/],
  ['dashboardName', { dashboardName: 'fleet dashboard' }, /invalid `dashboardName`/],
  ['cost', { cost: { arm64PerGbSecond: 1 } as any }, /invalid `cost`: must be a LambdaCost/],
])('rejects a wrong %s, naming the prop and the fix', (_, props, message) => {
  expect(() => new FleetDashboard(stackWithoutBundling(), 'Fleet', props)).toThrow(message);
});
