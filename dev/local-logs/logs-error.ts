/**
 * A CloudWatch Logs error as the service sends it over awsJson1.1: a status and a body whose
 * `__type` names the exception the SDK throws.
 */
export class LogsError extends Error {
  public static throttled(): LogsError {
    return new LogsError(400, 'ThrottlingException', 'Rate exceeded');
  }

  public static tooManyQueries(limit: number): LogsError {
    return new LogsError(400, 'LimitExceededException', `Account has reached the maximum of ${limit} concurrent queries (injected by LocalLogsApi)`);
  }

  public static noLogGroup(): LogsError {
    return new LogsError(400, 'ResourceNotFoundException', 'Log group does not exist');
  }

  public static noQuery(queryId: string): LogsError {
    return new LogsError(400, 'ResourceNotFoundException', `Query does not exist: ${queryId}`);
  }

  public static invalid(message: string): LogsError {
    return new LogsError(400, 'InvalidParameterException', message);
  }

  public static malformed(message: string): LogsError {
    return new LogsError(400, 'MalformedQueryException', message);
  }

  public static unknownOperation(target: string): LogsError {
    return new LogsError(400, 'UnknownOperationException', `LocalLogsApi does not serve ${target}`);
  }

  public static unsigned(): LogsError {
    return new LogsError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }

  private constructor(public readonly status: number, public readonly type: string, message: string) {
    super(message);
  }

  public get body(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}
