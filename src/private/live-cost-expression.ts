import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ColdStartMetrics } from '../cold-start-metrics';
import { LambdaCost } from '../lambda-cost';

/**
 * Estimated cost of one million invocations from live metrics, in USD: the average `Duration`
 * plus the init time billed per invocation (total init over invocations), priced at the
 * function's memory and architecture, plus requests. Per-invocation rounding is not visible
 * in these metrics, so this slightly underestimates very short invocations.
 */
export function liveCostPerMillion(metrics: ColdStartMetrics, memorySize: number, cost: LambdaCost, period: Duration): cloudwatch.MathExpression {
  const fn = metrics.lambdaFunction;
  // USD per ms of billed duration per invocation, for one million invocations.
  const usdPerMs = (memorySize / 1024) * cost.pricePerGbSecond(fn.architecture) / 1000 * 1_000_000;
  return new cloudwatch.MathExpression({
    expression: `(duration + FILL(initTotal, 0) / invocations) * ${decimal(usdPerMs)} + ${decimal(cost.perMillionRequests)}`,
    usingMetrics: {
      duration: fn.metricDuration({ statistic: 'Average', period }),
      initTotal: metrics.metricInitDuration({ statistic: 'Sum', period, label: `${metrics.label} total init` }),
      invocations: fn.metricInvocations({ statistic: 'Sum', period }),
    },
    label: `${metrics.label} USD per million invocations (estimate)`,
    period,
  });
}

/** A plain decimal, never exponent notation, whatever the price. */
function decimal(value: number): string {
  return value.toFixed(12).replace(/\.?0+$/, '');
}
