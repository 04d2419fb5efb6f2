import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { BackoffPolicy, withBackoff } from './backoff';
import { CompareFailure } from './compare-errors';
import { CompareEvent } from './compare-events';
import { FunctionFacts } from './function-facts';
import { InvocationReport, parseInvocationReport } from './invocation-report';
import { clipped } from '../private/clipped';

/** One answered invocation and Lambda's report of it. */
export interface ReportedInvocation {
  readonly body: string;
  readonly report: InvocationReport;
}

/**
 * Invokes synchronously with `LogType: Tail` and reads the report from the log tail.
 * @throws CompareFailure when the function fails, or its log tail has no report
 */
export async function invokeWithReport(
  lambda: LambdaClient, fn: FunctionFacts, event: CompareEvent, backoff: BackoffPolicy, onRetry: (errorName: string) => void,
): Promise<ReportedInvocation> {
  const response = await withBackoff(`Invoking ${fn.name}`,
    () => lambda.send(new InvokeCommand({ FunctionName: fn.arn, Payload: Buffer.from(event.payload, 'utf8'), LogType: 'Tail' })),
    backoff, onRetry);
  const body = Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8');
  if (response.FunctionError) {
    throw new CompareFailure(`${fn.name} failed on event "${event.name}" (${response.FunctionError}): ${clipped(body)}`);
  }
  const report = parseInvocationReport(response.LogResult);
  if (!report) {
    throw new CompareFailure(`The log tail of ${fn.name} for event "${event.name}" has no report (a REPORT line or a platform.report record). `
      + 'Invoke returns only the last 4 KB of an invocation\'s log: a function that logs more than that per invocation hides its report. Log less per invocation.');
  }
  return { body, report };
}
