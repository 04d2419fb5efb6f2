/**
 * CloudWatch Logs Insights queries at most 50 log groups at once: StartQuery's `logGroupNames`
 * "You can include up to 50 log groups"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html).
 * A dashboard's log widget runs the same query, so a larger fleet is split over several widgets.
 */
export const MAX_LOG_GROUPS_PER_QUERY = 50;

/** `items` in consecutive batches of at most `size`, order kept. */
export function batches<T>(items: readonly T[], size = MAX_LOG_GROUPS_PER_QUERY): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
