import { detectHttpSource } from '../../../src/lsf/events/event-source';

const REST = { resource: '/quote', path: '/quote', httpMethod: 'POST', headers: {}, requestContext: { resourcePath: '/quote', stage: 'prod' }, body: '{}' };
const HTTP_API = { version: '2.0', routeKey: '$default', rawPath: '/quote', requestContext: { domainName: 'abc123.execute-api.eu-west-1.amazonaws.com', http: { method: 'POST' } } };

describe('detectHttpSource reads the event source from the event\'s shape, as AWS documents each', () => {
  test('API Gateway: REST (and HTTP API payload 1.0) by httpMethod and requestContext; payload 2.0 by version, rawPath and requestContext.http', () => {
    expect(detectHttpSource(REST)).toMatchObject({ kind: 'rest', label: 'REST API payload 1.0', headerFields: 'merged', payloadV2: false });
    expect(detectHttpSource({ ...REST, version: '1.0' })).toMatchObject({ kind: 'rest' });
    expect(detectHttpSource(HTTP_API)).toMatchObject({ kind: 'http-api', label: 'HTTP API payload 2.0', headerFields: 'headers', payloadV2: true });
  });

  test('a function URL is payload 2.0 on a lambda-url domain', () => {
    const event = { ...HTTP_API, requestContext: { ...HTTP_API.requestContext, domainName: 'x7q2.lambda-url.us-west-2.on.aws' } };
    expect(detectHttpSource(event)).toMatchObject({ kind: 'function-url', label: 'function URL payload 2.0', payloadV2: true });
  });

  test('ALB by requestContext.elb; multi-value headers when the event has multiValueHeaders', () => {
    const elb = { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/6d0e' } };
    expect(detectHttpSource({ requestContext: elb, httpMethod: 'GET', path: '/', headers: {} })).toMatchObject({ kind: 'alb', label: 'ALB', headerFields: 'headers' });
    expect(detectHttpSource({ requestContext: elb, httpMethod: 'GET', path: '/', multiValueHeaders: {} }))
      .toMatchObject({ kind: 'alb', label: 'ALB (multi-value headers)', headerFields: 'multiValueHeaders' });
  });

  test('VPC Lattice, event structure v1 (snake_case) and v2', () => {
    expect(detectHttpSource({ raw_path: '/quote', method: 'POST', headers: {}, body: '', is_base64_encoded: false }))
      .toMatchObject({ kind: 'vpc-lattice', label: 'VPC Lattice v1', headerFields: 'headers' });
    expect(detectHttpSource({ version: '2.0', path: '/quote', method: 'POST', headers: {}, requestContext: { targetGroupArn: 'arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-1' } }))
      .toMatchObject({ kind: 'vpc-lattice', label: 'VPC Lattice v2' });
  });

  test('any other event is not HTTP: a direct invocation, SQS, a WebSocket route, a value that is no object', () => {
    expect(detectHttpSource({ name: 'Ada' })).toBeUndefined();
    expect(detectHttpSource({ Records: [{ eventSource: 'aws:sqs', body: '{}' }] })).toBeUndefined();
    expect(detectHttpSource({ httpMethod: 'GET', requestContext: { connectionId: 'c1', eventType: 'MESSAGE' } })).toBeUndefined();
    expect(detectHttpSource({ httpMethod: 'GET' })).toBeUndefined();
    expect(detectHttpSource([REST])).toBeUndefined();
    expect(detectHttpSource('GET /')).toBeUndefined();
    expect(detectHttpSource(null)).toBeUndefined();
  });
});
