import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { settlesWithin } from './settles-within';
import { LaunchCommand } from '../../src/lsf/bench/runtime/runtime-process';

/** AWS's Lambda Runtime Interface Emulator, as scripts/setup-rie.sh installs it (pinned, from the Go module proxy). */
export const RIE_BINARY = path.join(__dirname, '..', '..', '.tools', 'bin', 'aws-lambda-rie');

const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
const READY_TIMEOUT_MS = 5000;
const LOG_WAIT_MS = 2000;
const STOP_WAIT_MS = 2000;
const OUTPUT_LIMIT = 256 * 1024;
const START_ATTEMPTS = 3;

/** One cold start under the emulator, as it reports it. */
export interface RieColdStart {
  /**
   * `INIT REPORT(durationMs: ...)`: from the start of RIE's init (before it forks the runtime)
   * to the runtime's first `GET /next`.
   */
  readonly initReportMs: number;
  /**
   * `REPORT ... Duration: ...` of the first invocation. RIE starts the init without waiting for
   * it, so this is init plus the first invocation (the harness's "first response").
   */
  readonly firstReportMs: number;
  /** What the invocation answered. */
  readonly body: string;
}

// Sessions (each RIE starts one with setsid; the runtime it forks gets its own process group
// but stays in that session) not yet seen empty: killed on our own exit, like RuntimeProcess's.
const liveSessions = new Set<number>();
const startedSessions = new Set<number>();
process.once('exit', () => {
  for (const sid of liveSessions) for (const pid of processesInSessions([sid])) kill(pid);
});

/** Sessions of emulators started here that were not stopped (tests assert it is empty). */
export function liveRieSessions(): number[] {
  return [...liveSessions];
}

/** Every session an emulator was started in by this module: once stopped, nothing of them may remain. */
export function rieSessionsStarted(): number[] {
  return [...startedSessions];
}

/**
 * Pids of the running processes in one of the sessions `sids`. A zombie (killed, not yet
 * reaped by its parent or by init) runs nothing and is not counted.
 */
export function processesInSessions(sids: readonly number[]): number[] {
  const wanted = new Set(sids);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // After the parenthesised command name: state, ppid, pgrp, session.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (wanted.has(Number(session)) && state !== 'Z' && state !== 'X') found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Fails with the fix when the emulator is not installed. */
export function requireRie(): void {
  if (!existsSync(RIE_BINARY)) {
    throw new Error(`${RIE_BINARY} is missing: run scripts/setup-rie.sh (it installs AWS's Runtime Interface Emulator with Go, no Docker).`);
  }
}

/**
 * One cold start of `launch` under a fresh emulator: RIE listens on loopback only (its
 * invoke endpoint and its Runtime API on ports of 127.0.0.1), gets exactly one invocation,
 * and is killed with everything it started, whatever happens. The runtime sees the
 * environment `launch.env` (RIE forwards its own environment to the runtime) plus what RIE
 * adds: AWS_LAMBDA_RUNTIME_API, empty credentials, the metadata API, _HANDLER.
 */
export async function rieColdStart(launch: LaunchCommand, event: string, timeoutMs: number): Promise<RieColdStart> {
  for (let attempt = 1; ; attempt++) {
    const [port, runtimeApiPort] = await freePorts(2);
    const rie = new RieProcess(launch, port, runtimeApiPort);
    try {
      if (!(await rie.ready())) {
        // Another process took one of the ports between our probe and RIE's bind: try others.
        if (attempt < START_ATTEMPTS && /address already in use/.test(rie.output())) continue;
        throw new Error(`aws-lambda-rie did not listen within ${READY_TIMEOUT_MS} ms\n${rie.output()}`);
      }
      const body = await rie.invoke(event, timeoutMs);
      return { ...(await rie.reports()), body };
    } finally {
      await rie.stop();
    }
  }
}

class RieProcess {
  private readonly child: ChildProcess;
  private readonly sid: number;
  private readonly exited: Promise<void>;
  private stdout = '';
  private stderr = '';

  constructor(launch: LaunchCommand, private readonly port: number, runtimeApiPort: number) {
    const env: Record<string, string> = { ...launch.env };
    // The emulator sets the Runtime API itself; this variable would switch it to its Managed Instances mode.
    delete env.AWS_LAMBDA_RUNTIME_API;
    delete env.AWS_LAMBDA_MAX_CONCURRENCY;
    this.child = spawn(RIE_BINARY, [
      '--runtime-interface-emulator-address', `127.0.0.1:${port}`,
      '--runtime-api-address', `127.0.0.1:${runtimeApiPort}`,
      '--log-level', 'info',
      // RIE runs the rest as the bootstrap (in its own working folder); with arguments, the last is the handler.
      launch.command, ...launch.args,
    ], { cwd: launch.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (this.child.pid === undefined) throw new Error(`cannot start ${RIE_BINARY}`);
    this.sid = this.child.pid;
    liveSessions.add(this.sid);
    startedSessions.add(this.sid);
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
    this.child.stdout!.on('data', (chunk: Buffer) => { this.stdout = capped(this.stdout + chunk.toString('utf8')); });
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr = capped(this.stderr + chunk.toString('utf8')); });
  }

  public output(): string {
    return `--- aws-lambda-rie stderr ---\n${this.stderr.slice(-4096)}\n--- stdout ---\n${this.stdout.slice(-4096)}`;
  }

  /** Waits until the invoke endpoint accepts connections; false when RIE exits or takes too long. */
  public async ready(): Promise<boolean> {
    let gone = false;
    void this.exited.then(() => { gone = true; });
    const giveUpAt = Date.now() + READY_TIMEOUT_MS;
    while (!gone && Date.now() < giveUpAt) {
      if (await connects(this.port)) return true;
      await sleep(10);
    }
    return false;
  }

  /** The one invocation this emulator gets; its answer, or an error with RIE's output. */
  public async invoke(event: string, timeoutMs: number): Promise<string> {
    const { status, body } = await post(this.port, event, timeoutMs).catch((error: Error) => {
      throw new Error(`invocation through aws-lambda-rie failed: ${error.message}\n${this.output()}`);
    });
    if (status !== 200) throw new Error(`aws-lambda-rie answered ${status}: ${body}\n${this.output()}`);
    return body;
  }

  /** The init and first-invocation figures RIE logged; waits a moment for its pipes. */
  public async reports(): Promise<{ initReportMs: number; firstReportMs: number }> {
    const giveUpAt = Date.now() + LOG_WAIT_MS;
    for (;;) {
      const rtdone = /INIT RTDONE\(status: (\w+)\)/.exec(this.stderr);
      const init = /INIT REPORT\(durationMs: ([\d.]+)\)/.exec(this.stderr);
      const report = /^REPORT RequestId: \S+\t(?:Init Duration: [\d.]+ ms\t)?Duration: ([\d.]+) ms/m.exec(this.stdout);
      if (rtdone && init && report) {
        if (rtdone[1] !== 'success') throw new Error(`the runtime's init under aws-lambda-rie ended with ${rtdone[1]}\n${this.output()}`);
        return { initReportMs: Number(init[1]), firstReportMs: Number(report[1]) };
      }
      if (Date.now() > giveUpAt) throw new Error(`aws-lambda-rie logged no INIT REPORT and REPORT lines within ${LOG_WAIT_MS} ms\n${this.output()}`);
      await sleep(10);
    }
  }

  /**
   * SIGKILL to every process of the session: first the runtime (RIE puts it in a process group
   * of its own, in RIE's session), so that RIE reaps it, then RIE, until none is left.
   * @throws Error when something of the session outlives STOP_WAIT_MS
   */
  public async stop(): Promise<void> {
    const giveUpAt = Date.now() + STOP_WAIT_MS;
    let runtimes = processesInSessions([this.sid]).filter((pid) => pid !== this.sid);
    while (runtimes.length > 0 && Date.now() < giveUpAt) {
      for (const pid of runtimes) kill(pid);
      await sleep(5);
      runtimes = processesInSessions([this.sid]).filter((pid) => pid !== this.sid);
    }
    let left = processesInSessions([this.sid]);
    while (left.length > 0 && Date.now() < giveUpAt) {
      for (const pid of left) kill(pid);
      await sleep(5);
      left = processesInSessions([this.sid]);
    }
    await settlesWithin(this.exited, STOP_WAIT_MS);
    if (left.length > 0) throw new Error(`processes ${left.join(', ')} of aws-lambda-rie's session ${this.sid} survived SIGKILL`);
    liveSessions.delete(this.sid);
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** `count` distinct ports of 127.0.0.1, free a moment ago (held together, so never the same twice). */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function post(port: number, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: INVOKE_PATH, method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(body);
  });
}

function capped(text: string): string {
  return text.length > OUTPUT_LIMIT ? text.slice(text.length - OUTPUT_LIMIT) : text;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

