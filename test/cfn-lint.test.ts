import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FIXTURES, jsonLoggingFunction } from './fixtures';
import { LatencyAlarms, ColdStartMetrics, LatencyDashboard, LatencyProfile, LatencySensitiveFunction } from '../src';
import { venvTool } from './support/venv-tool';
import { addFormValidationStacks } from '../examples/form-validation/app';

/** Every construct of this library in one stack: the function with its dashboard, and a watched Python twin. */
function synthesizeTestStack(outdir: string): string {
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'ColdStartObservability', { env: { account: '123456789012', region: 'us-east-1' } });
  const rust = new LatencySensitiveFunction(stack, 'Validate', {
    manifestPath: FIXTURES.hello,
    profile: LatencyProfile.REAL_TIME_API,
    alarms: { warmLatency: { percentile: 95 } },
    dashboard: { enabled: false },
  });
  const twinLogs = new logs.LogGroup(stack, 'TwinLogs', { retention: logs.RetentionDays.ONE_WEEK });
  const twin = jsonLoggingFunction(stack, 'Twin', {
    architecture: lambda.Architecture.ARM_64,
    memorySize: rust.profile.memorySize,
    timeout: Duration.seconds(5),
    logGroup: twinLogs,
  });
  const twinMetrics = new ColdStartMetrics(stack, 'TwinMetrics', { lambdaFunction: twin, logGroup: twinLogs });
  const twinAlarms = new LatencyAlarms(stack, 'TwinAlarms', { metrics: twinMetrics, profile: rust.profile });
  new LatencyDashboard(stack, 'Comparison', {
    primary: { metrics: rust.coldStartMetrics, alarms: rust.alarms },
    twins: [{ metrics: twinMetrics, alarms: twinAlarms }],
    dashboardName: 'validate-rust-vs-python',
  });
  app.synth();
  return path.join(outdir, `${stack.artifactId}.template.json`);
}

/**
 * W3005: every `lambda.Function` in aws-cdk-lib both reads its role's ARN and adds an explicit
 * DependsOn on it (so the role's policy exists before the function). Not ours to change.
 */
const IGNORED_RULES = ['W3005'];

interface CfnLintMatch {
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
}

/** cfn-lint's errors, and its warnings but aws-cdk-lib's own, on the template `synth` writes into a scratch folder. */
function cfnLintFindings(synth: (outdir: string) => string): string[] {
  const binary = venvTool('cfn-lint', 'CFN_LINT');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  try {
    const template = synth(outdir);
    const run = spawnSync(binary, ['--format', 'json', '--', template], { encoding: 'utf-8', timeout: 120_000 });
    if (run.error) throw run.error;
    const output = run.stdout.trim();
    if (output === '') throw new Error(`cfn-lint printed nothing (exit ${run.status}): ${run.stderr}`);
    return (JSON.parse(output) as CfnLintMatch[])
      .filter((m) => m.Level === 'Error' || (m.Level === 'Warning' && !IGNORED_RULES.includes(m.Rule.Id)))
      .map((m) => `${m.Level} ${m.Rule.Id}: ${m.Message}`);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('the synthesized template passes cfn-lint with no errors, and no warnings beyond aws-cdk-lib\'s own', () => {
  expect(cfnLintFindings(synthesizeTestStack)).toEqual([]);
}, 180_000);

test('the example with its SnapStart twin (-c snapStart=true: a version and an alias) passes cfn-lint too', () => {
  expect(cfnLintFindings((outdir) => {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [], 'snapStart': 'true' } });
    const [stack] = addFormValidationStacks(app);
    const resources = app.synth().getStackArtifact(stack.artifactId).template.Resources as Record<string, { Type: string }>;
    expect(Object.values(resources).map((r) => r.Type)).toEqual(expect.arrayContaining(['AWS::Lambda::Version', 'AWS::Lambda::Alias']));
    return path.join(outdir, stack.templateFile);
  })).toEqual([]);
}, 180_000);
