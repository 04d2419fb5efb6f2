import * as http from 'node:http';
import { AddressInfo } from 'node:net';

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
    const router = new EndpointRouter(routes, fallback);
    await new Promise<void>((resolve, reject) => {
      router.server.once('error', reject);
      router.server.listen(0, '127.0.0.1', () => resolve());
    });
    return router;
  }

  private readonly server: http.Server;

  private constructor(routes: readonly RoutedApi[], fallback: string) {
    this.server = http.createServer((req, res) => {
      const target = new URL(req.url ?? '/', routes.find((r) => r.accepts(req))?.endpoint ?? fallback);
      const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      });
      req.pipe(forward);
    });
  }

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** CloudWatch Logs' awsJson1.1 requests: `X-Amz-Target: Logs_20140328.<Operation>`. */
export function isLogsRequest(req: http.IncomingMessage): boolean {
  return String(req.headers['x-amz-target'] ?? '').startsWith('Logs_20140328.');
}
