import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

const TAIL_BYTES = 2048;
// Says it is up on fd 3, waits for the go on stdin, then becomes the runtime (fd 3 closed, stdin
// /dev/null, as the runtime had it before).
const HOLD_SCRIPT = 'printf . >&3; exec 3>&-; read -r _; exec "$0" "$@" </dev/null';
const GROUP_EXIT_WAIT_MS = 2000;

/** How to start one runtime: the command and the few environment variables it may see. */
export interface LaunchCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment of the process: the caller's is never inherited. */
  readonly env: Readonly<Record<string, string>>;
}

/** How a runtime process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

// Process groups we started and have not yet seen die: killed on our own exit, so that an
// interrupted benchmark leaves nothing behind.
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid);
});

/** Process groups started by this module that are still running (tests assert it empties). */
export function liveProcessGroups(): number[] {
  return [...liveGroups];
}

/**
 * One runtime process in its own process group (so that the helpers it forks die with it),
 * with the tails of its stdout and stderr kept for fault reports.
 */
export class RuntimeProcess {
  public readonly pid: number;
  public readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private stdoutTail: Buffer = Buffer.alloc(0);
  private stderrTail: Buffer = Buffer.alloc(0);

  /**
   * Resolves once the process can be released (`held`: the shell waits for its go), or at once.
   * It also resolves when the process ends first: its exit is what the caller then reports.
   */
  public readonly ready: Promise<void>;

  /**
   * @param held start a shell that waits on stdin and then execs the runtime in its place (same
   * pid, group and pipes): the fork of this process, whose cost grows with its memory, is then
   * over before `release()`, the moment a cold start is timed from.
   */
  constructor(launch: LaunchCommand, held = false) {
    // A missing executable is reported by spawn itself (below), not by the shell's exec.
    const hold = held && !(launch.command.includes('/') && !existsSync(launch.command));
    this.child = hold
      ? spawn('/bin/sh', ['-c', HOLD_SCRIPT, launch.command, ...launch.args], {
        cwd: launch.cwd, env: { ...launch.env }, detached: true, stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      })
      : spawn(launch.command, [...launch.args], { cwd: launch.cwd, env: { ...launch.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => resolve({ code, signal }));
    });
    const signalled = hold ? new Promise<void>((resolve) => (this.child.stdio[3] as Readable).once('data', () => resolve())) : Promise.resolve();
    this.ready = Promise.race([signalled, this.exited.then(() => undefined), new Promise<void>((resolve) => this.child.once('error', () => resolve()))]);
    const spawnError = new Promise<Error>((resolve) => this.child.once('error', resolve));
    if (this.child.pid === undefined) {
      // spawn reports ENOENT asynchronously; keep a pid-less process that has "exited".
      this.pid = -1;
      this.exited = spawnError.then((error) => {
        this.stderrTail = Buffer.from(`cannot start ${launch.command}: ${error.message}`);
        return { code: 127, signal: null };
      });
      return;
    }
    this.pid = this.child.pid;
    liveGroups.add(this.pid);
    this.child.stdout!.on('data', (chunk: Buffer) => { this.stdoutTail = keepTail(this.stdoutTail, chunk); });
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderrTail = keepTail(this.stderrTail, chunk); });
  }

  /** Lets a held process exec its runtime. */
  public release(): void {
    this.child.stdin?.end('\n');
  }

  /** The last lines the process wrote, stderr then stdout, control characters escaped. */
  public outputTail(): string {
    const parts = [['stderr', this.stderrTail], ['stdout', this.stdoutTail]] as const;
    return parts
      .filter(([, tail]) => tail.length > 0)
      .map(([name, tail]) => `--- ${name} (last ${tail.length} bytes) ---\n${printable(tail.toString('utf8'))}`)
      .join('\n');
  }

  /**
   * Peak resident set size (VmHWM) in MB, read from /proc while the process lives.
   * The runtime process itself, not helpers it forked.
   */
  public maxRssMb(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
      return kb ? Number(kb[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Kills the whole process group and waits until the process is reaped and the group is
   * empty (helpers it forked are reaped by init, a moment later).
   */
  public async kill(): Promise<ProcessExit> {
    if (this.pid <= 0) return this.exited;
    killGroup(this.pid);
    const exit = await this.exited;
    liveGroups.delete(this.pid);
    const giveUpAt = Date.now() + GROUP_EXIT_WAIT_MS;
    while (groupExists(this.pid) && Date.now() < giveUpAt) {
      killGroup(this.pid);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return exit;
  }
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone: nothing to do.
  }
}

function keepTail(tail: Buffer, chunk: Buffer): Buffer {
  const joined = Buffer.concat([tail, chunk]);
  return joined.length > TAIL_BYTES ? joined.subarray(joined.length - TAIL_BYTES) : joined;
}

/** Keeps newlines and tabs, escapes other control characters so garbage cannot drive the terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
