import { functionArn } from './function-configuration';

/**
 * A Lambda API error as the service sends it: the status, `x-amzn-errortype` and a JSON
 * body whose message member is spelled as in the service model (`Message` or `message`).
 */
export class LambdaError extends Error {
  public static notFound(name: string): LambdaError {
    return new LambdaError(404, 'ResourceNotFoundException', { Type: 'User', Message: `Function not found: ${functionArn(name)}` });
  }

  /** An alias or version that does not exist, as Lambda names it. */
  public static notFoundQualified(name: string, qualifier: string, kind: 'Alias' | 'Function'): LambdaError {
    return new LambdaError(404, 'ResourceNotFoundException', { Type: 'User', Message: `${kind} not found: ${functionArn(name)}:${qualifier}` });
  }

  public static conflict(message: string): LambdaError {
    return new LambdaError(409, 'ResourceConflictException', { Type: 'User', message });
  }

  public static updateInProgress(name: string): LambdaError {
    return new LambdaError(409, 'ResourceConflictException', {
      Type: 'User',
      message: `The operation cannot be performed at this time. An update is in progress for resource: ${functionArn(name)}`,
    });
  }

  public static throttled(): LambdaError {
    return new LambdaError(429, 'TooManyRequestsException', {
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      Type: 'User',
      message: 'Rate Exceeded.',
    });
  }

  public static serviceError(): LambdaError {
    return new LambdaError(500, 'ServiceException', { Type: 'Service', Message: 'An internal error occurred (injected by LocalLambdaApi).' });
  }

  public static invalidParameter(message: string): LambdaError {
    return new LambdaError(400, 'InvalidParameterValueException', { Type: 'User', message });
  }

  public static preconditionFailed(): LambdaError {
    return new LambdaError(412, 'PreconditionFailedException', {
      Type: 'User',
      message: 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    });
  }

  public static tooLarge(): LambdaError {
    return new LambdaError(413, 'RequestTooLargeException', { Type: 'User', message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' });
  }

  public static unknownOperation(method: string, path: string): LambdaError {
    return new LambdaError(404, 'UnknownOperationException', { Type: 'User', message: `LocalLambdaApi does not serve ${method} ${path}` });
  }

  public static unsigned(): LambdaError {
    return new LambdaError(403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' });
  }

  private constructor(public readonly status: number, public readonly type: string, public readonly body: Record<string, string>) {
    super(`${type}: ${body.Message ?? body.message}`);
  }
}
