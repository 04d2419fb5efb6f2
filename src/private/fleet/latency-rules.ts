import { Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { cfnOf, logsJsonReports } from './function-logging';

/** A rule broken by a function: what is wrong and how to fix it. */
export interface LatencyFinding {
  readonly ruleId: string;
  readonly problem: string;
  readonly fix: string;
}

/** The rule ids, as `LatencyChecks` exposes them and as acknowledgements name them. */
export const RULE_IDS = {
  noLayers: 'LatencyChecks-NoLayers',
  jsonLogs: 'LatencyChecks-JsonLogs',
  arm64: 'LatencyChecks-Arm64',
  logRetention: 'LatencyChecks-LogRetention',
  memory: 'LatencyChecks-Memory',
  reservedConcurrency: 'LatencyChecks-ReservedConcurrency',
} as const;

/**
 * Every rule the function breaks. `minimumMemory` is the memory of its latency profile: Lambda
 * gives CPU in proportion to memory, so less than the profile's slows init and handler alike.
 */
export function latencyFindings(fn: lambda.Function, minimumMemory: number): LatencyFinding[] {
  const stack = Stack.of(fn);
  const cfn = cfnOf(fn);
  const findings: LatencyFinding[] = [];
  const layers = stack.resolve(cfn.layers) ?? [];
  if (Array.isArray(layers) && layers.length > 0) {
    findings.push({
      ruleId: RULE_IDS.noLayers,
      problem: `it has ${layers.length} layer(s); an extension in a layer runs its own init on every cold start`,
      fix: 'Remove the layers (and insightsVersion, adotInstrumentation, paramsAndSecrets); bundle what the handler needs into its own package',
    });
  }
  if (!logsJsonReports(fn)) {
    findings.push({
      ruleId: RULE_IDS.jsonLogs,
      problem: 'its platform.report records are not JSON at INFO, so its cold starts cannot be measured',
      fix: 'Set loggingFormat: lambda.LoggingFormat.JSON (and leave systemLogLevelV2 out or at INFO)',
    });
  }
  const architectures = stack.resolve(cfn.architectures) ?? ['x86_64'];
  if (Array.isArray(architectures) && !architectures.includes('arm64')) {
    findings.push({
      ruleId: RULE_IDS.arm64,
      problem: `it runs on ${architectures.join(', ')}, whose GB-second costs 25% more than arm64's`,
      fix: 'Set architecture: lambda.Architecture.ARM_64 (and build the handler for it)',
    });
  }
  const retention = logRetentionOf(fn);
  if (retention === 'never-expires') {
    findings.push({
      ruleId: RULE_IDS.logRetention,
      problem: 'its logs never expire (no log group of its own with a retention)',
      fix: 'Give it logGroup: new logs.LogGroup(this, \'Logs\', { retention: logs.RetentionDays.ONE_MONTH })',
    });
  }
  const memorySize = cfn.memorySize ?? 128;
  if (!Token.isUnresolved(memorySize) && memorySize < minimumMemory) {
    findings.push({
      ruleId: RULE_IDS.memory,
      problem: `it has ${memorySize} MB, below its latency profile's ${minimumMemory} MB, and so less CPU for init and handler`,
      fix: `Set memorySize to at least ${minimumMemory}, or choose a profile that fits`,
    });
  }
  if (cfn.reservedConcurrentExecutions === 0) {
    findings.push({
      ruleId: RULE_IDS.reservedConcurrency,
      problem: 'its reserved concurrency is 0, which throttles every invocation',
      fix: 'Remove reservedConcurrentExecutions, or set it above 0',
    });
  }
  return findings;
}

/**
 * The retention of the function's log group: 'never-expires' without a log group of its own
 * (Lambda creates /aws/lambda/<name> with no retention) or with one whose retention is
 * infinite; 'unknown' for an imported group; 'finite' otherwise.
 */
function logRetentionOf(fn: lambda.Function): 'finite' | 'never-expires' | 'unknown' {
  const stack = Stack.of(fn);
  const logGroupRef = stack.resolve(cfnOf(fn).loggingConfig)?.logGroup;
  if (logGroupRef === undefined) return 'never-expires';
  const logicalId = typeof logGroupRef === 'object' ? logGroupRef.Ref : undefined;
  const group = stack.node.findAll().find((c): c is logs.CfnLogGroup => c instanceof logs.CfnLogGroup && stack.resolve(c.logicalId) === logicalId);
  if (!group) return 'unknown';
  return group.retentionInDays === undefined ? 'never-expires' : 'finite';
}
