import * as http from 'node:http';
import { LoopbackServer } from '../loopback-server';

/** A loopback API behind the router, and which requests are its own. */
export interface RoutedApi {
  readonly endpoint: string;
  readonly accepts: (req: http.IncomingMessage) => boolean;
}

/**
 * One endpoint in front of several loopback APIs: the CLI takes one `--endpoint-url` for all
 * its clients (Lambda, CloudFormation, CloudWatch Logs), and each API here is its own server.
 * Each request goes, unchanged, to the first API that accepts it (CloudWatch Logs by its
 * `X-Amz-Target`), else to `fallback`.
 */
export class EndpointRouter {
  public static async start(routes: readonly RoutedApi[], fallback: string): Promise<EndpointRouter> {
    return new EndpointRouter(await LoopbackServer.start((req, res) => forward(req, res, routes, fallback)));
  }

  private constructor(private readonly server: LoopbackServer) {}

  public get endpoint(): string {
    return this.server.endpoint;
  }

  public async close(): Promise<void> {
    await this.server.close();
  }
}

/** The request, unchanged, to the first API that accepts it, else to `fallback`; its answer back. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, routes: readonly RoutedApi[], fallback: string): void {
  const target = new URL(req.url ?? '/', routes.find((r) => r.accepts(req))?.endpoint ?? fallback);
  const request = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  request.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(String(error));
  });
  req.pipe(request);
}

/** CloudWatch Logs' awsJson1.1 requests: `X-Amz-Target: Logs_20140328.<Operation>`. */
export function isLogsRequest(req: http.IncomingMessage): boolean {
  return String(req.headers['x-amz-target'] ?? '').startsWith('Logs_20140328.');
}
