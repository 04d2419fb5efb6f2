import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { buildSync } from 'esbuild';
import { settlesWithin } from './settles-within';
import { InstanceLimits } from '../../src/lsf/bench/runtime/runtime-instance';
import { RuntimeSpec } from '../../src/lsf/bench/runtime/runtime-spec';

const ROOT = path.join(__dirname, '..', '..');
const WORKER = path.join(__dirname, 'harness-worker.ts');
// The worker loads the lsf modules before its first answer.
const FIRST_REPLY_MS = 30_000;
const EXIT_WAIT_MS = 5000;

/** One cold start as lsf bench's harness measured it. */
export interface HarnessColdStart {
  /** Spawn to the first `GET /next`. */
  readonly initMs: number;
  /** Spawn to the first response. */
  readonly firstResponseMs: number;
  /** Of initMs, the harness's spawn() call: the fork of the measuring process and the exec of the runtime. */
  readonly spawnMs: number;
  /** The measuring process's resident memory, in MB (what its fork of the runtime copies). */
  readonly rssMb: number;
}

type Reply = HarnessColdStart | { error: string } | { done: true; liveGroups: number[] };

/**
 * lsf bench's harness (measureColdStarts) in a worker process of lsf bench's size: see
 * harness-worker.ts. The worker is bundled into `outdir` with esbuild (the packages stay in
 * node_modules) and runs on plain node, as the compiled `npx lsf` does: ts-node would add
 * the TypeScript compiler to the process the harness forks.
 */
export class HarnessProcess {
  public static start(outdir: string): HarnessProcess {
    const bundle = path.join(outdir, 'harness-worker.js');
    buildSync({ entryPoints: [WORKER], bundle: true, platform: 'node', packages: 'external', outfile: bundle, logLevel: 'silent' });
    return new HarnessProcess(bundle);
  }

  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private readonly waiting: Array<(reply: Reply | undefined) => void> = [];
  private stderr = '';
  private first = true;

  private constructor(bundle: string) {
    this.child = spawn(process.execPath, [bundle], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
    void this.exited.then(() => { for (const settle of this.waiting.splice(0)) settle(undefined); });
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4096); });
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.waiting.shift()?.(JSON.parse(line) as Reply);
    });
  }

  /** One cold start of `spec`, timed by the harness in the worker. */
  public async coldStart(spec: RuntimeSpec, event: string, limits: InstanceLimits): Promise<HarnessColdStart> {
    const timeoutMs = (this.first ? FIRST_REPLY_MS : 0) + limits.initTimeoutMs + limits.invocationTimeoutMs + EXIT_WAIT_MS;
    this.first = false;
    const reply = await this.request({ spec, event, limits }, timeoutMs);
    if (reply === undefined || 'done' in reply) throw new Error(`the harness worker ended without an answer\n${this.stderr}`);
    if ('error' in reply) throw new Error(`lsf bench's harness failed: ${reply.error}`);
    return reply;
  }

  /**
   * Ends the worker: its stdin closes, it reports the process groups it still tracks (none,
   * when every runtime was stopped) and exits; after EXIT_WAIT_MS, SIGTERM (its exit handler
   * kills the runtimes), then SIGKILL.
   * @returns the process groups the worker still tracked, or undefined when it had to be killed
   */
  public async close(): Promise<number[] | undefined> {
    let reply: Reply | undefined;
    const done = new Promise<void>((resolve) => this.waiting.push((r) => { reply = r; resolve(); }));
    this.child.stdin!.end();
    await settlesWithin(done, EXIT_WAIT_MS);
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (await settlesWithin(this.exited, EXIT_WAIT_MS)) break;
      this.child.kill(signal);
    }
    await this.exited;
    const last = reply as Reply | undefined;
    return last !== undefined && 'done' in last ? last.liveGroups : undefined;
  }

  private request(message: object, timeoutMs: number): Promise<Reply | undefined> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // The queue belongs to this request now: a late reply would be taken for the next one.
        this.child.kill('SIGTERM');
        reject(new Error(`the harness worker did not answer within ${timeoutMs} ms\n${this.stderr}`));
      }, timeoutMs);
      this.waiting.push((reply) => { clearTimeout(timer); resolve(reply); });
      this.child.stdin!.write(`${JSON.stringify(message)}\n`);
    });
  }
}

