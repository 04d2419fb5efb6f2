import { App, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FleetColdStarts, FleetColdStartsProps } from '../../src';
import { jsonLoggingFunction, stackWithoutBundling } from '../fixtures';
import { addFleetStack, TEXT_LOGGING } from './fleet-app';
import { NO_BUNDLING } from '../security/scanned-stacks';

function textFunction(scope: Construct, id: string): lambda.Function {
  return jsonLoggingFunction(scope, id, { loggingFormat: lambda.LoggingFormat.TEXT, logGroup: new logs.LogGroup(scope, `${id}Logs`) });
}

function jsonFunction(scope: Construct, id: string): lambda.Function {
  return jsonLoggingFunction(scope, id, { logGroup: new logs.LogGroup(scope, `${id}Logs`) });
}

/** The metric filters' log groups, i.e. which functions got cold-start metrics. */
function watchedLogGroups(stack: Stack): string[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter', { Properties: { MetricTransformations: [{ MetricName: 'ColdStarts' }] } }))
    .map((r: any) => r.Properties.LogGroupName.Ref).sort();
}

const warnings = (stack: Stack, id: string) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`ack: ${id}`))
  .map((w) => ({ path: w.id, text: String(w.entry.data) }));

describe('the fleet app: ten functions of mixed runtimes and log formats', () => {
  const app = new App({ context: NO_BUNDLING });
  const stack = addFleetStack(app);
  const template = Template.fromStack(stack);

  test('one fleet dashboard; metric filters once per JSON-logging function, the LatencySensitiveFunction keeping its own', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    // Seven JSON-logging functions, three filters each: six attached by the fleet, three of ValidateSignup's own.
    template.resourceCountIs('AWS::Logs::MetricFilter', 7 * 3);
    expect(Object.keys(template.findResources('AWS::Logs::MetricFilter')).filter((id) => id.startsWith('ValidateSignup')))
      .toEqual([expect.stringMatching(/^ValidateSignupColdStartMetrics/), expect.stringMatching(/^ValidateSignupColdStartMetrics/), expect.stringMatching(/^ValidateSignupColdStartMetrics/)]);
  });

  test('a warning on each text-logging function, naming it and the one-line fix', () => {
    const found = warnings(stack, FleetColdStarts.TEXT_LOGS_WARNING);
    expect(found.map((w) => w.path).sort()).toEqual(TEXT_LOGGING.map((p) => `/${p}`).sort());
    for (const w of found) {
      expect(w.text).toContain(w.path.slice(1));
      expect(w.text).toContain('loggingFormat: lambda.LoggingFormat.JSON');
    }
  });

  test('the dashboard ranks every watched function: arm64 and x86_64 in their own tables, priced by architecture', () => {
    const body = JSON.stringify(stack.resolve(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody));
    expect(body).toContain('arm64');
    expect(body).toContain('x86_64');
    expect(body).toContain('* 0.0000133334 * 30 / 7168000');
    expect(body).toContain('* 0.0000166667 * 30 / 7168000');
    expect(body.match(/SOURCE '/g)).toHaveLength(7);
  });
});

describe('FleetColdStarts', () => {
  test('attaches metrics as a child of each function: logical IDs stay when other functions come and go', () => {
    const ids = (extra: string[]) => {
      const stack = stackWithoutBundling();
      for (const id of [...extra, 'Checkout']) jsonFunction(stack, id);
      FleetColdStarts.of(stack);
      return Object.keys(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter')).filter((id) => id.startsWith('Checkout'));
    };
    const alone = ids([]);
    expect(alone).toHaveLength(3);
    expect(ids(['Aaa', 'Zzz', 'Search'])).toEqual(alone);
    expect(alone.every((id) => id.startsWith('CheckoutFleetColdStarts'))).toBe(true);
  });

  test('enableJsonLogging switches the functions it watches to JSON, keeping their log group', () => {
    const stack = stackWithoutBundling();
    textFunction(stack, 'Legacy');
    FleetColdStarts.of(stack, { enableJsonLogging: true });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^LegacyLogs') } } });
    expect(watchedLogGroups(stack)).toEqual([expect.stringMatching(/^LegacyLogs/)]);
    expect(warnings(stack, FleetColdStarts.TEXT_LOGS_WARNING)).toEqual([]);
  });

  test('a JSON function whose system log level drops platform.report gets a warning naming the level', () => {
    const stack = stackWithoutBundling();
    jsonLoggingFunction(stack, 'Quiet', { systemLogLevelV2: lambda.SystemLogLevel.WARN, logGroup: new logs.LogGroup(stack, 'QuietLogs') });
    FleetColdStarts.of(stack);
    expect(warnings(stack, FleetColdStarts.TEXT_LOGS_WARNING).map((w) => w.text)).toEqual([expect.stringContaining('system log level WARN')]);
  });

  test.each<[string, FleetColdStartsProps, string[]]>([
    ['include by path, * within a segment', { include: ['Test/Check*'] }, ['Checkout']],
    ['include by path, ** across segments', { include: ['Test/**'] }, ['Checkout', 'Search', 'Team/Report']],
    ['exclude wins', { include: ['Test/**'], exclude: ['Test/Team/**'] }, ['Checkout', 'Search']],
    ['include by tag', { includeTags: { 'cost-center': 'shop' } }, ['Search']],
    ['exclude by tag', { excludeTags: { 'cost-center': 'shop' } }, ['Checkout', 'Team/Report']],
  ])('%s', (_, props, expected) => {
    const stack = stackWithoutBundling();
    jsonFunction(stack, 'Checkout');
    Tags.of(jsonFunction(stack, 'Search')).add('cost-center', 'shop');
    jsonFunction(new Construct(stack, 'Team'), 'Report');
    FleetColdStarts.of(stack, props);
    expect(watchedLogGroups(stack).map((g) => g.replace(/Logs[0-9A-F]{8}$/, ''))).toEqual(expected.map((p) => p.replace('/', '')));
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['a scope with no functions', () => undefined, 'no lambda.Function'],
    ['a scope whose only function logs text (warned about on its own)', (stack) => textFunction(stack, 'Legacy'), 'none of its 1 selected functions logs JSON'],
  ])('%s: a warning on the scope, and no dashboard', (_, addFunctions, why) => {
    const stack = stackWithoutBundling();
    addFunctions(stack);
    FleetColdStarts.of(stack);
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(warnings(stack, FleetColdStarts.NOTHING_WATCHED_WARNING)).toEqual([{ path: '/Test', text: expect.stringContaining(why) }]);
  });

  test('an include pattern that matches nothing: a warning naming the pattern', () => {
    const stack = stackWithoutBundling();
    jsonFunction(stack, 'Checkout');
    FleetColdStarts.of(stack, { include: ['Test/Checkout', 'Test/Chekout'] });
    expect(warnings(stack, FleetColdStarts.UNMATCHED_INCLUDE_WARNING).map((w) => w.text)).toEqual([expect.stringContaining('\'Test/Chekout\'')]);
  });

  test.each<[string, any, RegExp]>([
    ['include', { include: 'Test/**' }, /invalid `include`: must be an array of construct path patterns, got 'Test\/\*\*'/],
    ['exclude', { exclude: [''] }, /invalid `exclude`/],
    ['includeTags', { includeTags: { team: 1 } }, /invalid `includeTags`: the value of tag 'team' must be a string/],
    ['enableJsonLogging', { enableJsonLogging: 'yes' }, /invalid `enableJsonLogging`: must be true or false/],
  ])('rejects a wrong %s, naming the prop', (_, props, message) => {
    expect(() => FleetColdStarts.of(stackWithoutBundling(), props)).toThrow(message);
  });

  test('applied to an app, each stack with watched functions gets its own dashboard', () => {
    const app = new App({ context: NO_BUNDLING });
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    jsonFunction(a, 'One');
    jsonFunction(b, 'Two');
    FleetColdStarts.of(app);
    Template.fromStack(a).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    Template.fromStack(b).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

});
