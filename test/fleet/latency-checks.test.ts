import { Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LatencyCheckLevel, LatencyChecks, LatencyChecksProps, LatencySensitiveFunction, LatencySensitiveFunctionProps } from '../../src';
import { FIXTURES, jsonLoggingFunction, stackWithoutBundling } from '../fixtures';

/** The findings on the stack, as 'level path ruleId'. */
function findings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  const of = (level: string, found: Array<{ entry: { data?: unknown } }>) => found
    .map((f) => String(f.entry.data)).filter((text) => text.includes('[LatencyChecks-'))
    .map((text) => `${level} ${/\] ([^:]+):/.exec(text)![1]} ${/\[(LatencyChecks-\w+)\]/.exec(text)![1]}`);
  return [...of('error', annotations.findError('*', Match.anyValue())), ...of('warning', annotations.findWarning('*', Match.anyValue()))].sort();
}

function checked(props: Partial<LatencySensitiveFunctionProps>, checks: LatencyChecksProps = {}): { stack: Stack; fn: LatencySensitiveFunction } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, dashboard: { enabled: false }, ...props });
  LatencyChecks.of(stack, checks);
  return { stack, fn };
}

test('a LatencySensitiveFunction with the defaults breaks no rule', () => {
  expect(findings(checked({}).stack)).toEqual([]);
});

test('each broken rule is an error naming the function, the rule id and the fix', () => {
  const { stack } = checked({
    architecture: lambda.Architecture.X86_64,
    memorySize: 256,
    reservedConcurrentExecutions: 0,
    insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_333_0,
  });
  expect(findings(stack)).toEqual([
    'error Test/Validate LatencyChecks-Arm64',
    'error Test/Validate LatencyChecks-Memory',
    'error Test/Validate LatencyChecks-NoLayers',
    'error Test/Validate LatencyChecks-ReservedConcurrency',
  ]);
  const memory = Annotations.fromStack(stack).findError('/Test/Validate', Match.stringLikeRegexp('LatencyChecks-Memory'))[0].entry.data;
  expect(memory).toBe('[LatencyChecks-Memory] Test/Validate: it has 256 MB, below its latency profile\'s 512 MB, and so less CPU for init and handler. '
    + 'Fix: Set memorySize to at least 512, or choose a profile that fits.');
});

test('at level WARNING, findings are warnings that carry the rule id', () => {
  const { stack } = checked({ architecture: lambda.Architecture.X86_64 }, { level: LatencyCheckLevel.WARNING });
  expect(findings(stack)).toEqual(['warning Test/Validate LatencyChecks-Arm64']);
  expect(Annotations.fromStack(stack).findWarning('/Test/Validate', Match.stringLikeRegexp('ack: LatencyChecks-Arm64'))).toHaveLength(1);
});

test.each([LatencyCheckLevel.ERROR, LatencyCheckLevel.WARNING])('a rule acknowledged on the function with a reason is not reported (%p)', (level) => {
  const { stack, fn } = checked({ architecture: lambda.Architecture.X86_64, reservedConcurrentExecutions: 0 }, { level });
  LatencyChecks.acknowledge(fn, LatencyChecks.ARM64, 'A native dependency ships for x86_64 only');
  expect(findings(stack).map((f) => f.split(' ')[2])).toEqual(['LatencyChecks-ReservedConcurrency']);
  // Recorded where cdk-nag 3 reads its own acknowledgements.
  expect(fn.node.metadata.find((m) => m.type === 'aws:cdk:acknowledged-rules')?.data).toEqual({ 'annotation::LatencyChecks-Arm64': 'A native dependency ships for x86_64 only' });
});

describe('functions tagged latency-sensitive', () => {
  function taggedStack(checks: LatencyChecksProps): Stack {
    const stack = stackWithoutBundling();
    const tagged = jsonLoggingFunction(stack, 'Tagged', { loggingFormat: lambda.LoggingFormat.TEXT });
    Tags.of(tagged).add(LatencyChecks.TAG_KEY, 'true');
    jsonLoggingFunction(stack, 'Untagged', { loggingFormat: lambda.LoggingFormat.TEXT });
    LatencyChecks.of(stack, checks);
    return stack;
  }

  test('are checked when opted in, against the tagged profile; untagged ones are not', () => {
    expect(findings(taggedStack({ includeTagged: true }))).toEqual([
      'error Test/Tagged LatencyChecks-Arm64',
      'error Test/Tagged LatencyChecks-JsonLogs',
      'error Test/Tagged LatencyChecks-LogRetention',
      'error Test/Tagged LatencyChecks-Memory',
    ]);
  });

  test('are not checked by default', () => {
    expect(findings(taggedStack({}))).toEqual([]);
  });
});

test.each<[string, () => void, RegExp]>([
  ['an unknown rule id', () => LatencyChecks.acknowledge(stackWithoutBundling(), 'AwsSolutions-L1', 'x'), /invalid `ruleId`: 'AwsSolutions-L1' is not a LatencyChecks rule. Use one of LatencyChecks-NoLayers/],
  ['an empty reason', () => LatencyChecks.acknowledge(stackWithoutBundling(), LatencyChecks.ARM64, ' '), /invalid `reason`: must say why/],
  ['a level that is not a LatencyCheckLevel', () => LatencyChecks.of(stackWithoutBundling(), { level: 'error' as any }), /invalid `level`: must be a LatencyCheckLevel, got 'error'/],
])('rejects %s, naming the prop and the fix', (_, act, message) => {
  expect(act).toThrow(message);
});
