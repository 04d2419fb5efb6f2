/**
 * checkov checks that fail on the library's functions and log groups by design, with the
 * reason a security review accepts each. The README's Security section lists the same.
 */
export const ACCEPTED_CHECKOV_FINDINGS: Record<string, string> = {
  CKV_AWS_115: 'Reserved concurrency is the account owner\'s capacity decision: it caps the function (throttling above it) and withholds capacity from every other function. '
    + 'The construct passes `reservedConcurrentExecutions` through and alarms on throttles.',
  CKV_AWS_116: 'A dead-letter queue only receives failed asynchronous invocations; the hot path this library is for is invoked synchronously (API Gateway, function URLs), '
    + 'where the caller gets the error and the errors alarm fires. `deadLetterQueue` and `onFailure` pass through for asynchronous use.',
  CKV_AWS_117: 'A VPC is needed only to reach private resources, which the construct does not know of; `vpc` passes through. '
    + 'Without one the function reaches only what its role allows, which is writing its own logs.',
  CKV_AWS_158: 'CloudWatch Logs encrypts every log group at rest with a service-owned key. A customer-managed key needs a key policy for the logs service '
    + 'that the construct cannot own; bring `logGroup` (with `encryptionKey`) to use one.',
};
