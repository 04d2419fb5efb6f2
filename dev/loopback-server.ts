import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { send } from '../src/lsf/bench/runtime/http-exchange';

/**
 * An HTTP server on 127.0.0.1 at a port the system picks: what every loopback API here (Lambda
 * with CloudFormation, Logs Insights, the router in front of them) starts and stops the same way.
 */
export class LoopbackServer {
  public static async start(handler: http.RequestListener): Promise<LoopbackServer> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new LoopbackServer(server);
  }

  private constructor(private readonly server: http.Server) {}

  /** `http://127.0.0.1:PORT`, for an SDK client's `endpoint`. */
  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Drops open keep-alive connections, so that closing does not wait for the client's idle timeout. */
  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A request handler over an async route: a route that throws is a bug of ours, answered with
 * 500 at once so that the client fails now instead of timing out.
 */
export function answering(route: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): http.RequestListener {
  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, String(error), { 'Content-Type': 'text/plain' });
    });
  };
}
