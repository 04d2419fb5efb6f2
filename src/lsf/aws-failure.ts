import { RunFailure } from './errors';

/**
 * An AWS SDK error as the run failure it means, for every command that calls AWS: no answer
 * (network, region, endpoint), or AWS's own answer, with the command's permissions hint when
 * access was denied. Anything else (lsf's own errors, bugs) is returned as it is.
 */
export function asRunFailure(error: unknown, endpoint: string | undefined, accessDeniedHint: string): unknown {
  if (!(error instanceof Error) || !('$metadata' in error)) return error;
  const status = (error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode;
  if (status === undefined) return new RunFailure(`could not reach ${endpoint ?? 'AWS'} (${error.message}). Check the network, --region and --endpoint-url.`);
  const hint = /AccessDenied/.test(error.name) ? ` ${accessDeniedHint}` : '';
  return new RunFailure(`AWS answered ${error.name}: ${error.message}.${hint}`);
}
