import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** What the live cost is computed from: a function's own metrics and its prices. */
export interface LiveCostInputs {
  /** Average duration per invocation, ms. */
  readonly duration: cloudwatch.IMetric;
  /** Total init duration over the period, ms. */
  readonly initTotal: cloudwatch.IMetric;
  /** Invocations over the period. */
  readonly invocations: cloudwatch.IMetric;
  /** USD for one ms of billed duration per invocation, over one million invocations (memory and architecture priced in). */
  readonly usdPerMsPerMillion: number;
  /** USD per million requests. */
  readonly perMillionRequests: number;
  /** SnapStart restores, for a function that may restore. @default - no restores */
  readonly restores?: LiveRestoreInputs;
  readonly label: string;
  readonly period: Duration;
}

/** A SnapStart function's restores: each is billed its billed restore duration and a price per GB restored. */
export interface LiveRestoreInputs {
  /** Total billed restore duration over the period, ms. */
  readonly billedRestoreTotal: cloudwatch.IMetric;
  /** Restores over the period. */
  readonly count: cloudwatch.IMetric;
  /** USD for one million restores (GB x the restore price x one million). */
  readonly usdPerMillionRestores: number;
}

/**
 * Estimated cost of one million invocations from live metrics, in USD: the average `Duration`
 * plus the init time billed per invocation (total init over invocations), plus requests; for a
 * SnapStart function, plus the billed restore time per invocation (loading the runtime and the
 * after-restore hooks, billed as duration) and the price per GB of the restores themselves.
 * Per-invocation rounding is not visible in these metrics, so this slightly underestimates very
 * short invocations.
 */
export function liveCostPerMillion(inputs: LiveCostInputs): cloudwatch.MathExpression {
  const usingMetrics: Record<string, cloudwatch.IMetric> = {
    duration: inputs.duration, initTotal: inputs.initTotal, invocations: inputs.invocations,
  };
  let coldTotal = 'FILL(initTotal, 0)';
  let restorePrice = '';
  if (inputs.restores) {
    usingMetrics.billedRestoreTotal = inputs.restores.billedRestoreTotal;
    usingMetrics.restores = inputs.restores.count;
    coldTotal = '(FILL(initTotal, 0) + FILL(billedRestoreTotal, 0))';
    restorePrice = ` + FILL(restores, 0) / invocations * ${decimal(inputs.restores.usdPerMillionRestores)}`;
  }
  const expression = `(duration + ${coldTotal} / invocations) * ${decimal(inputs.usdPerMsPerMillion)}${restorePrice} + ${decimal(inputs.perMillionRequests)}`;
  return new cloudwatch.MathExpression({ expression, usingMetrics, label: inputs.label, period: inputs.period });
}

/** A plain decimal, never exponent notation, whatever the price. */
function decimal(value: number): string {
  return value.toFixed(12).replace(/\.?0+$/, '');
}
