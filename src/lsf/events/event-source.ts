/**
 * The HTTP event sources whose proxy responses lsf compares as their client receives them.
 * Each reads the function's answer its own way (AWS's documentation of each, in the README's
 * "What counts as equal"):
 * - `rest`: API Gateway REST API, or an HTTP API with payload format 1.0;
 * - `http-api`: API Gateway HTTP API with payload format 2.0;
 * - `function-url`: a Lambda function URL (payload 2.0 too);
 * - `alb`: an Application Load Balancer target group, with multi-value headers on or off;
 * - `vpc-lattice`: a VPC Lattice target group, event structure v1 or v2.
 */
export type HttpSourceKind = 'rest' | 'http-api' | 'function-url' | 'alb' | 'vpc-lattice';

/** The HTTP event source an event came from, as detected from the event's shape. */
export interface HttpSource {
  readonly kind: HttpSourceKind;
  /** How reports name it: `REST API payload 1.0`, `ALB (multi-value headers)`. */
  readonly label: string;
  /**
   * Which headers of the answer reach the client: `headers`, `multiValueHeaders`, or both
   * merged (a name in `multiValueHeaders` wins over the same name in `headers`).
   */
  readonly headerFields: 'headers' | 'multiValueHeaders' | 'merged';
  /** Payload 2.0: an answer without `statusCode` is a 200 whose JSON body is the answer; `cookies` become Set-Cookie headers. */
  readonly payloadV2: boolean;
}

/**
 * The HTTP event source of a parsed event, or undefined for any other event (SQS, a direct
 * invocation, a WebSocket route...), whose answers are compared as JSON values.
 */
export function detectHttpSource(event: unknown): HttpSource | undefined {
  if (!isObject(event)) return undefined;
  const context = isObject(event.requestContext) ? event.requestContext : undefined;
  if (context && isObject(context.elb)) {
    const multiValue = 'multiValueHeaders' in event;
    return { kind: 'alb', label: multiValue ? 'ALB (multi-value headers)' : 'ALB', headerFields: multiValue ? 'multiValueHeaders' : 'headers', payloadV2: false };
  }
  if (event.version === '2.0' && typeof event.rawPath === 'string' && context && isObject(context.http)) {
    const functionUrl = typeof context.domainName === 'string' && /\.lambda-url\.[a-z0-9-]+\.on\.aws$/.test(context.domainName);
    return functionUrl
      ? { kind: 'function-url', label: 'function URL payload 2.0', headerFields: 'headers', payloadV2: true }
      : { kind: 'http-api', label: 'HTTP API payload 2.0', headerFields: 'headers', payloadV2: true };
  }
  if (event.version === '2.0' && typeof event.method === 'string' && context && typeof context.targetGroupArn === 'string') {
    return { kind: 'vpc-lattice', label: 'VPC Lattice v2', headerFields: 'headers', payloadV2: false };
  }
  if (typeof event.raw_path === 'string' && typeof event.method === 'string' && 'is_base64_encoded' in event) {
    return { kind: 'vpc-lattice', label: 'VPC Lattice v1', headerFields: 'headers', payloadV2: false };
  }
  // WebSocket routes carry requestContext.connectionId and no httpMethod: not HTTP responses.
  if (typeof event.httpMethod === 'string' && context && context.connectionId === undefined) {
    return { kind: 'rest', label: 'REST API payload 1.0', headerFields: 'merged', payloadV2: false };
  }
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
