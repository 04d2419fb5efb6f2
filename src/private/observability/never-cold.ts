import { Annotations, Aspects, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';

/** Warning ids, stable so that an app can acknowledge one (`Annotations.acknowledgeWarning`). */
export const PROVISIONED_CONCURRENCY_WARNING = 'cdk-latency-sensitive-function:coldStartMetricsProvisioned';
export const MANAGED_INSTANCES_WARNING = 'cdk-latency-sensitive-function:coldStartMetricsManagedInstances';

/**
 * Warns, on `owner`, when the watched function is configured so that its `platform.report`
 * records will not carry `initDurationMs`, and its cold-start metrics stay empty:
 *
 * - provisioned concurrency on one of its aliases or versions: "Lambda initializes execution
 *   environments when you configure PC settings"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html), before any
 *   request, so the init is reported in a `platform.initReport`, not in an invocation's report;
 *   only invocations that spill over the provisioned environments (billed on demand,
 *   https://aws.amazon.com/lambda/pricing/) or reach an unprovisioned version can be cold;
 * - a capacity provider (Lambda Managed Instances, which aws-cdk-lib 2.261 models as
 *   `CapacityProvider.addFunction`, writing the function's `CapacityProviderConfig`): its
 *   environments scale ahead of traffic, "This approach eliminates cold starts"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-core-concepts.html).
 *
 * The check runs as an aspect, at synth, because the alias or the capacity provider is often
 * added after the metrics are. Only a `lambda.Function` of this app can be read; an imported
 * function's configuration is unknown and draws no warning.
 */
export function warnWhenNeverCold(owner: IConstruct, fn: lambda.IFunction): void {
  if (!(fn instanceof lambda.Function)) return;
  Aspects.of(owner).add(new NeverColdCheck(owner, fn));
}

class NeverColdCheck implements IAspect {
  constructor(private readonly owner: IConstruct, private readonly fn: lambda.Function) {}

  public visit(node: IConstruct): void {
    // The aspect visits the owner's whole subtree; one check is enough.
    if (node !== this.owner) return;
    const cfnFunction = this.fn.node.defaultChild as lambda.CfnFunction;
    if (cfnFunction.capacityProviderConfig !== undefined) {
      Annotations.of(this.owner).addWarningV2(MANAGED_INSTANCES_WARNING,
        `'${this.fn.node.path}' runs on Lambda Managed Instances (a capacity provider), whose execution environments start ahead of traffic: `
        + 'its platform.report records never carry initDurationMs, so its InitDuration and ColdStarts metrics will stay empty. '
        + 'Watch it through the capacity provider\'s own CloudWatch metrics instead');
    }
    for (const provisioned of provisionedQualifiers(this.fn)) {
      Annotations.of(this.owner).addWarningV2(PROVISIONED_CONCURRENCY_WARNING,
        `'${provisioned.path}' keeps ${provisioned.count} execution environment(s) of '${this.fn.node.path}' initialized (provisioned concurrency): `
        + 'their init runs before any request and is reported in platform.initReport, never as initDurationMs in platform.report, '
        + 'so its InitDuration and ColdStarts metrics will stay empty unless invocations spill over the provisioned environments or reach an unprovisioned version');
    }
  }
}

interface ProvisionedQualifier {
  /** Path of the alias or version (its L2 construct when there is one). */
  readonly path: string;
  /** Provisioned environments, or 'some' when the number is a token. */
  readonly count: string;
}

/**
 * Every alias or version in the app with provisioned concurrency on this function. They are
 * found at the CloudFormation level, by the function name they point at: `lambda.Alias`,
 * `lambda.Version` (including `currentVersion` with `currentVersionOptions`) and hand-written
 * `CfnAlias`/`CfnVersion` all carry the function's own `functionName` token.
 */
function provisionedQualifiers(fn: lambda.Function): ProvisionedQualifier[] {
  const found: ProvisionedQualifier[] = [];
  for (const node of fn.node.root.node.findAll()) {
    if (!(node instanceof lambda.CfnAlias || node instanceof lambda.CfnVersion)) continue;
    if (node.functionName !== fn.functionName || node.provisionedConcurrencyConfig === undefined) continue;
    const config = Stack.of(node).resolve(node.provisionedConcurrencyConfig);
    const count = config?.provisionedConcurrentExecutions;
    if (typeof count === 'number' && count <= 0) continue;
    const owner = node.node.scope && node.node.scope.node.defaultChild === node ? node.node.scope : node;
    found.push({ path: owner.node.path, count: typeof count === 'number' && !Token.isUnresolved(count) ? String(count) : 'some' });
  }
  return found;
}
