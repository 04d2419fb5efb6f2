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
  readonly label: string;
  readonly period: Duration;
}

/**
 * Estimated cost of one million invocations from live metrics, in USD: the average `Duration`
 * plus the init time billed per invocation (total init over invocations), plus requests.
 * Per-invocation rounding is not visible in these metrics, so this slightly underestimates
 * very short invocations.
 */
export function liveCostPerMillion(inputs: LiveCostInputs): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `(duration + FILL(initTotal, 0) / invocations) * ${decimal(inputs.usdPerMsPerMillion)} + ${decimal(inputs.perMillionRequests)}`,
    usingMetrics: { duration: inputs.duration, initTotal: inputs.initTotal, invocations: inputs.invocations },
    label: inputs.label,
    period: inputs.period,
  });
}

/** A plain decimal, never exponent notation, whatever the price. */
function decimal(value: number): string {
  return value.toFixed(12).replace(/\.?0+$/, '');
}
