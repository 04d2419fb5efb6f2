import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { BodyTooLarge, readBody, send } from './http-exchange';

const PREFIX = '/2018-06-01/runtime';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:lsf-bench';

/** What a runtime answered to one invocation. */
export type InvocationOutcome =
  | { readonly kind: 'response'; readonly body: string; readonly durationMs: number }
  | { readonly kind: 'error'; readonly body: string; readonly durationMs: number };

/** Something the runtime did to the Runtime API that ends its life: an init error or a broken request. */
export interface RuntimeApiFailure {
  readonly kind: 'init-error' | 'protocol';
  readonly message: string;
}

interface PendingInvocation {
  readonly id: string;
  readonly event: string;
  readonly deadlineMs: number;
  sentAt?: number;
  readonly settle: (outcome: InvocationOutcome) => void;
}

/**
 * A loopback Lambda Runtime API (2018-06-01) for one runtime process: the measuring
 * instrument of the local benchmark, not an emulator. `/next` long-polls (a 204 would be
 * read as an event by the Rust client) and always carries a Content-Length (a chunked reply
 * broke a Rust client). Each server listens on a fresh port of 127.0.0.1.
 */
export class RuntimeApiServer {
  /** When the runtime first asked for an event (performance.now() ms): the end of its init. */
  public firstNextAt?: number;

  private readonly server: http.Server;
  private readonly queue: PendingInvocation[] = [];
  private readonly inFlight = new Map<string, PendingInvocation>();
  private parkedNext?: http.ServerResponse;
  private failureListener?: (failure: RuntimeApiFailure) => void;
  private readyListener?: () => void;

  constructor() {
    this.server = http.createServer((req, res) => this.route(req, res));
    // A runtime that writes garbage to the socket is a fault to report, not a crash of ours.
    this.server.on('clientError', (error, socket) => {
      socket.destroy();
      this.fail({ kind: 'protocol', message: `sent a malformed HTTP request to the Runtime API (${error.message})` });
    });
  }

  /** Listens on a fresh loopback port; returns `host:port` for AWS_LAMBDA_RUNTIME_API. */
  public async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  /** Called once, when the runtime first polls `/next`. */
  public onReady(listener: () => void): void {
    this.readyListener = listener;
  }

  /** Called when the runtime reports an init error or breaks the protocol. */
  public onFailure(listener: (failure: RuntimeApiFailure) => void): void {
    this.failureListener = listener;
  }

  /**
   * Queues one event and resolves with the runtime's answer. The deadline is sent as
   * Lambda-Runtime-Deadline-Ms; enforcing it is the caller's job (it owns the process).
   */
  public invoke(event: string, timeoutMs: number): Promise<InvocationOutcome> {
    return new Promise((settle) => {
      const pending: PendingInvocation = { id: randomUUID(), event, deadlineMs: Date.now() + timeoutMs, settle };
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Stops listening and drops every open connection. */
  public async close(): Promise<void> {
    this.parkedNext?.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === `${PREFIX}/invocation/next`) {
      return this.next(res);
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
    if (req.method === 'POST' && match) {
      return this.readBody(req, res, (body) => this.complete(match[1], match[2] as 'response' | 'error', body, res));
    }
    if (req.method === 'POST' && url === `${PREFIX}/init/error`) {
      return this.readBody(req, res, (body) => {
        reply(res, 202, '{"status":"OK"}');
        this.fail({ kind: 'init-error', message: `reported an init error: ${body}` });
      });
    }
    reply(res, 404, JSON.stringify({ errorMessage: `unknown Runtime API endpoint ${req.method} ${url}` }));
    this.fail({ kind: 'protocol', message: `called an unknown Runtime API endpoint: ${req.method} ${url}` });
  }

  private next(res: http.ServerResponse): void {
    if (this.firstNextAt === undefined) {
      this.firstNextAt = performance.now();
      this.readyListener?.();
    }
    this.parkedNext = res;
    this.dispatch();
  }

  private dispatch(): void {
    const res = this.parkedNext;
    const pending = this.queue.shift();
    if (!res || !pending) {
      if (pending) this.queue.unshift(pending);
      return;
    }
    this.parkedNext = undefined;
    this.inFlight.set(pending.id, pending);
    pending.sentAt = performance.now();
    reply(res, 200, pending.event, {
      'Lambda-Runtime-Aws-Request-Id': pending.id,
      'Lambda-Runtime-Deadline-Ms': String(pending.deadlineMs),
      'Lambda-Runtime-Invoked-Function-Arn': FUNCTION_ARN,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${pending.id.replace(/-/g, '').slice(0, 24)};Sampled=0`,
    });
  }

  private complete(id: string, kind: 'response' | 'error', body: string, res: http.ServerResponse): void {
    const pending = this.inFlight.get(id);
    if (!pending) {
      reply(res, 400, JSON.stringify({ errorMessage: `unknown request id ${id}` }));
      this.fail({ kind: 'protocol', message: `answered an unknown request id ${id}` });
      return;
    }
    this.inFlight.delete(id);
    reply(res, 202, '{"status":"OK"}');
    pending.settle({ kind, body, durationMs: performance.now() - (pending.sentAt ?? 0) });
  }

  /** Lambda's own limit holds here too: a 6 MB synchronous payload, whatever the handler sends back. */
  private readBody(req: http.IncomingMessage, res: http.ServerResponse, done: (body: string) => void): void {
    readBody(req).then(done, (error: unknown) => {
      if (!(error instanceof BodyTooLarge)) throw error;
      reply(res, 413, JSON.stringify({ errorMessage: 'payload over 6 MB' }));
      this.fail({ kind: 'protocol', message: `sent ${error.message}` });
    });
  }

  private fail(failure: RuntimeApiFailure): void {
    this.failureListener?.(failure);
  }
}

function reply(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  send(res, status, body, { 'Content-Type': 'application/json', ...headers });
}
