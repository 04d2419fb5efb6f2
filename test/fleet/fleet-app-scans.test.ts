import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addFleetStack } from './fleet-app';
import { LatencyChecks } from '../../src';
import { ACCEPTED_CHECKOV_FINDINGS } from '../security/accepted-findings';
import { NO_BUNDLING } from '../security/scanned-stacks';
import { venvTool } from '../support/venv-tool';

/*
 * The fleet app through the scanners the example app passes (test/cfn-lint.test.ts,
 * test/security/*), with the same accepted findings, and through LatencyChecks.
 */

let outdir: string;
let template: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-scans-'));
  const fleet = new App({ outdir, context: NO_BUNDLING });
  const stack = addFleetStack(fleet);
  fleet.synth();
  template = path.join(outdir, stack.templateFile);
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function run(binary: string, args: string[]): string {
  const result = spawnSync(binary, args, { encoding: 'utf-8', timeout: 240_000 });
  if (result.error) throw result.error;
  return result.stdout;
}

test('cfn-lint: no errors, no warnings beyond aws-cdk-lib\'s own W3005', () => {
  const matches = JSON.parse(run(venvTool('cfn-lint', 'CFN_LINT'), ['--format', 'json', '--', template])) as Array<{ Level: string; Message: string; Rule: { Id: string } }>;
  expect(matches.filter((m) => m.Level === 'Error' || (m.Level === 'Warning' && m.Rule.Id !== 'W3005')).map((m) => `${m.Rule.Id}: ${m.Message}`)).toEqual([]);
}, 180_000);

test('cdk-nag AwsSolutions: no error, no warning', () => {
  const fleet = new App({ context: NO_BUNDLING });
  const stack = addFleetStack(fleet);
  // Synthesized first, so that the aspects have added the fleet's metric filters and dashboard.
  fleet.synth();
  const { violations } = new AwsSolutionsChecks(stack, { verbose: true }).validateScope(stack);
  expect(violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))).toEqual([]);
});

test('checkov: no failed check other than the library\'s accepted ones', () => {
  const report = JSON.parse(run(venvTool('checkov', 'CHECKOV'), ['-f', template, '--framework', 'cloudformation', '-o', 'json', '--quiet', '--skip-download']));
  expect(report.summary.parsing_errors).toBe(0);
  expect(report.results.failed_checks.filter((c: any) => !(c.check_id in ACCEPTED_CHECKOV_FINDINGS)).map((c: any) => `${c.check_id} ${c.resource}`)).toEqual([]);
}, 300_000);

test('LatencyChecks: the LatencySensitiveFunction of the fleet breaks no latency rule', () => {
  const fleet = new App({ context: NO_BUNDLING });
  const stack = addFleetStack(fleet);
  LatencyChecks.of(fleet);
  const errors = fleet.synth().getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'error');
  expect(errors).toEqual([]);
});
