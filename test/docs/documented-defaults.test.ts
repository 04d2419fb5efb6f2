import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Template } from 'aws-cdk-lib/assertions';
import { LatencyProfile, LatencySensitiveFunction } from '../../src';
import { FIXTURES, stackWithoutBundling } from '../fixtures';

/**
 * What Python, Java and TypeScript users read (help(), IDE tooltips, API.md) comes from the
 * jsii assembly. Every lambda.FunctionOptions prop whose default this construct changes must be
 * documented with the default it really synthesizes: read the assembly, synthesize, compare.
 */
const ROOT = path.join(__dirname, '..', '..');
interface Property { readonly name: string; readonly docs?: { readonly default?: string } }

function ourProps(): Property[] {
  // jsii writes .jsii at compile (the quick start's `npx projen compile`).
  const assembly = JSON.parse(readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  return assembly.types['cdk-latency-sensitive-function.LatencySensitiveFunctionProps'].properties;
}

function functionOptionsProps(): Property[] {
  const redirect = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/.jsii'), 'utf8'));
  const assembly = JSON.parse(gunzipSync(readFileSync(path.join(path.dirname(require.resolve('aws-cdk-lib/.jsii')), redirect.filename))).toString('utf8'));
  return assembly.types['aws-cdk-lib.aws_lambda.FunctionOptions'].properties;
}

/** A function with no optional props, as synthesized: the resource and the construct. */
function synthesized(): { fn: LatencySensitiveFunction; props: any; template: Template } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Fn', { manifestPath: FIXTURES.hello });
  const template = Template.fromStack(stack);
  const resource = Object.values(template.findResources('AWS::Lambda::Function')).find((r: any) => r.Properties.Runtime === 'provided.al2023') as any;
  return { fn, props: resource.Properties, template };
}

/**
 * Each prop whose default differs from lambda.Function's: the default our docs must give, and
 * what a synthesized function shows of it.
 */
const CHANGED_DEFAULTS: { [prop: string]: { documented: string; holds: (s: ReturnType<typeof synthesized>) => void } } = {
  architecture: { documented: 'lambda.Architecture.ARM_64', holds: (s) => expect(s.props.Architectures).toEqual(['arm64']) },
  memorySize: { documented: '- the latency profile\'s memory size', holds: (s) => expect(s.props.MemorySize).toBe(LatencyProfile.USER_FACING_VALIDATION.memorySize) },
  timeout: { documented: '- the latency profile\'s timeout', holds: (s) => expect(s.props.Timeout).toBe(LatencyProfile.USER_FACING_VALIDATION.timeout.toSeconds()) },
  logGroup: {
    documented: '- a log group of the construct\'s, kept for `logGroupRetention`',
    holds: (s) => {
      expect(s.props.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^FnLogGroup/) });
      s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    },
  },
  role: {
    documented: '- a role that may write to the function\'s log group only (and manage its network interfaces in a VPC)',
    holds: (s) => expect(JSON.stringify(s.template.findResources('AWS::IAM::Policy'))).not.toContain('"logs:CreateLogGroup"'),
  },
  description: {
    documented: '- says that it is a latency-sensitive Rust handler, with its binary, profile and budgets',
    holds: (s) => expect(s.props.Description).toMatch(/^Latency-sensitive Rust handler 'hello-lambda' .*latency profile user-facing-validation: cold start p99 <= 150 ms, warm p99 <= 25 ms$/),
  },
};

describe('the defaults Python, Java and TypeScript users read are the ones that deploy', () => {
  const ours = ourProps();
  const theirs = new Map(functionOptionsProps().map((p) => [p.name, p]));

  test.each(Object.keys(CHANGED_DEFAULTS))('%s: documented as what it synthesizes', (name) => {
    const prop = ours.find((p) => p.name === name);
    expect(prop?.docs?.default).toBe(CHANGED_DEFAULTS[name].documented);
    CHANGED_DEFAULTS[name].holds(synthesized());
  });

  test('every lambda.FunctionOptions prop we document with another default is one we checked above', () => {
    const changed = ours.filter((p) => theirs.has(p.name) && p.docs?.default !== theirs.get(p.name)!.docs?.default).map((p) => p.name);
    const unchecked = changed.filter((name) => !(name in CHANGED_DEFAULTS));
    // A prop here documents a default of ours without a synth check, or words lambda's own
    // default differently: check it in CHANGED_DEFAULTS, or copy lambda's wording.
    expect(unchecked.map((name) => `${name}: ours "${ours.find((p) => p.name === name)!.docs?.default}", lambda's "${theirs.get(name)!.docs?.default}"`)).toEqual([]);
  });

  test('the props the construct refuses are not offered at all', () => {
    const names = new Set(ours.map((p) => p.name));
    for (const refused of ['loggingFormat', 'logFormat', 'logRetention', 'logRetentionRole', 'logRetentionRetryOptions', 'logRemovalPolicy', 'snapStart']) {
      expect(names.has(refused)).toBe(false);
    }
  });
});
