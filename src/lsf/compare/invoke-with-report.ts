import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { BackoffPolicy, withBackoff } from './backoff';
import { FunctionFacts } from './function-facts';
import { InvocationReport, parseInvocationReport } from './invocation-report';
import { clipped } from '../../private/observability/clipped';
import { RunFailure } from '../errors';
import { Case } from '../events/cases';

/** One answered invocation and Lambda's report of it. */
export interface ReportedInvocation {
  readonly body: string;
  readonly report: InvocationReport;
}

/**
 * Invokes synchronously with `LogType: Tail` and reads the report from the log tail.
 * @throws RunFailure when the function fails, or its log tail has no report
 */
export async function invokeWithReport(
  lambda: LambdaClient, fn: FunctionFacts, event: Case, backoff: BackoffPolicy, onRetry: (errorName: string) => void,
): Promise<ReportedInvocation> {
  const response = await withBackoff(`Invoking ${fn.name}`,
    () => lambda.send(new InvokeCommand({ FunctionName: fn.arn, Qualifier: fn.alias, Payload: Buffer.from(event.event, 'utf8'), LogType: 'Tail' })),
    backoff, onRetry);
  const body = Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8');
  if (response.FunctionError) {
    throw new RunFailure(`${fn.name} failed on event "${event.name}" (${response.FunctionError}): ${clipped(body)}`);
  }
  const report = parseInvocationReport(response.LogResult);
  if (!report) {
    throw new RunFailure(`The log tail of ${fn.name} for event "${event.name}" has no report (a REPORT line or a platform.report record). `
      + 'Invoke returns only the last 4 KB of an invocation\'s log: a function that logs more than that per invocation hides its report. Log less per invocation.');
  }
  return { body, report };
}
