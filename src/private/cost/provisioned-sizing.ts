import * as lambda from 'aws-cdk-lib/aws-lambda';
import { serversForLoss } from './erlang-loss';
import type { LambdaCost } from '../../lambda-cost';
import type { ProvisionedConcurrencyEstimate, ProvisionedConcurrencyProps } from '../../provisioned-concurrency';
import { checkMemory, checkPricedArchitecture, checkRequestsPerSecond, OWNER } from '../checks/cost-checks';
import { propError } from '../checks/errors';
import { checkStruct, given, shown } from '../checks/type-checks';

const DEFAULT_TARGET_PERCENT = 1;

/**
 * Sizes provisioned concurrency for a steady load and prices a month of it (see
 * `LambdaCost.provisionedConcurrency`).
 *
 * Spilled invocations are billed on demand, as cold starts (init + duration): the spill-over
 * share bounds the cold-start rate from above, so the estimate errs on the side of cost.
 */
export function estimateProvisionedConcurrency(
  cost: LambdaCost, props: ProvisionedConcurrencyProps, secondsPerMonth: number,
): ProvisionedConcurrencyEstimate {
  const load = checkLoad(props);
  const meanConcurrency = load.requestsPerSecond * load.warmDurationMs / 1000;
  const { servers, loss } = serversForLoss(meanConcurrency, load.targetPercent / 100);

  const invocations = load.requestsPerSecond * secondsPerMonth;
  const gb = load.memorySize / 1024;
  const warmSeconds = Math.ceil(load.warmDurationMs) / 1000;
  const spilledSeconds = Math.ceil(load.initDurationMs + load.warmDurationMs) / 1000;
  const durationCostPerMonth = invocations * gb * (
    (1 - loss) * warmSeconds * cost.provisionedDurationPricePerGbSecond(load.architecture)
    + loss * spilledSeconds * cost.pricePerGbSecond(load.architecture));
  const provisionedCostPerMonth = cost.provisionedCostPerMonth(servers, load.memorySize, load.architecture);
  const requestCostPerMonth = invocations / 1_000_000 * cost.perMillionRequests;
  return {
    meanConcurrency,
    provisionedConcurrency: servers,
    headroomPercent: 100 * (servers - meanConcurrency) / meanConcurrency,
    spillOverRatePercent: 100 * loss,
    provisionedCostPerMonth,
    durationCostPerMonth,
    requestCostPerMonth,
    totalCostPerMonth: provisionedCostPerMonth + durationCostPerMonth + requestCostPerMonth,
  };
}

interface CheckedLoad {
  readonly requestsPerSecond: number;
  readonly warmDurationMs: number;
  readonly memorySize: number;
  readonly architecture: lambda.Architecture;
  readonly targetPercent: number;
  readonly initDurationMs: number;
}

/** The load's inputs, checked, with the defaults of those not given (`null` included). */
function checkLoad(props: ProvisionedConcurrencyProps): CheckedLoad {
  checkStruct(OWNER, 'props', props);
  const { requestsPerSecond, warmDurationMs, memorySize } = props;
  checkRequestsPerSecond(requestsPerSecond);
  if (!(typeof warmDurationMs === 'number' && Number.isFinite(warmDurationMs) && warmDurationMs > 0)) {
    throw propError(OWNER, 'warmDurationMs', `must be above 0 ms, got ${shown(warmDurationMs)}`, 'Give the warm invocation\'s duration in milliseconds');
  }
  checkMemory(memorySize);
  const architecture = given(props.architecture) ? props.architecture : lambda.Architecture.ARM_64;
  checkPricedArchitecture(architecture);
  const targetPercent = given(props.targetColdStartRatePercent) ? props.targetColdStartRatePercent : DEFAULT_TARGET_PERCENT;
  if (!(typeof targetPercent === 'number' && Number.isFinite(targetPercent) && targetPercent > 0 && targetPercent <= 100)) {
    throw propError(OWNER, 'targetColdStartRatePercent', `must be a percentage above 0 and at most 100, got ${shown(targetPercent)}`,
      'Give the largest acceptable share of cold starts, e.g. 1 for 1% (no finite provisioned concurrency guarantees 0%)');
  }
  const initDurationMs = given(props.initDurationMs) ? props.initDurationMs : 0;
  if (!(typeof initDurationMs === 'number' && Number.isFinite(initDurationMs) && initDurationMs >= 0)) {
    throw propError(OWNER, 'initDurationMs', `must be 0 ms or more, got ${shown(initDurationMs)}`, 'Give the cold start\'s init duration in milliseconds');
  }
  return { requestsPerSecond, warmDurationMs, memorySize, architecture, targetPercent, initDurationMs };
}
