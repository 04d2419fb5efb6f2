import { performance } from 'node:perf_hooks';
import { handlerNotFoundHint } from './handler-exports';
import { InvocationOutcome, RuntimeApiServer } from './runtime-api-server';
import { FaultKind, RuntimeFault } from './runtime-fault';
import { RuntimeProcess } from './runtime-process';
import { RuntimeSpec } from './runtime-spec';
import { clipped } from '../../../private/observability/clipped';
import { CpuCgroup, processesInGroup } from '../host/cpu-share';

/** Limits that keep every run bounded in time. */
export interface InstanceLimits {
  /** Longest wait from spawn to the first `/next`, in ms (Lambda's own init limit is 10 s). */
  readonly initTimeoutMs: number;
  /** Longest wait for one invocation's answer, in ms: the deadline sent to the runtime. */
  readonly invocationTimeoutMs: number;
}

/**
 * Where runtimes get the CPU share their memory buys: one cgroup per instance, entered when the
 * runtime first asks for an event (Lambda runs init with burst CPU), or at once with
 * `throttleInit` (within moments of the spawn: the worst case).
 */
export interface CpuPlacement {
  readonly create: (vcpus: number) => CpuCgroup;
  readonly throttleInit: boolean;
}

/** One answered invocation. */
export interface Answer {
  /** The response body, as sent. */
  readonly body: string;
  /** The parsed body. */
  readonly json: unknown;
  /** From the moment `/next` returned the event to the moment the response arrived, in ms. */
  readonly durationMs: number;
  /** When the response arrived (performance.now() ms). */
  readonly at: number;
}

/** What the runtime answered, a handler error included, and when (performance.now() ms). */
export type Outcome = InvocationOutcome & { readonly at: number };

/**
 * One execution environment: a runtime process and its own Runtime API server. Any fault
 * stops the process before it is thrown, so a failed instance never outlives its error.
 */
export class RuntimeInstance {
  /**
   * Spawns the runtime and waits for its first `/next`.
   * @throws RuntimeFault when it exits, reports an init error or takes longer than initTimeoutMs
   */
  public static async start(spec: RuntimeSpec, limits: InstanceLimits, cpu?: CpuPlacement): Promise<RuntimeInstance> {
    const server = new RuntimeApiServer();
    const api = await server.listen();
    const cgroup = cpu && spec.vcpus !== undefined ? cpu.create(spec.vcpus) : undefined;
    // Node forks this whole process to spawn one, which costs more the more memory it holds (1.3 ms
    // for npx lsf's 86 MB here, 5 ms under ts-node, more under load): the process is started held
    // and timed from its release, when it execs the runtime, as Lambda's init and AWS's emulator
    // start (checked against the emulator: test/oracle).
    const proc = new RuntimeProcess({ ...spec.launch, env: { ...spec.launch.env, AWS_LAMBDA_RUNTIME_API: api } }, true);
    const enter = () => {
      if (cgroup && proc.pid > 0) cgroup.addProcesses(processesInGroup(proc.pid));
    };
    await proc.ready;
    // --throttle-init: the held shell enters the cgroup, so the runtime is throttled from its exec.
    if (cpu?.throttleInit) enter();
    const spawnedAt = performance.now();
    proc.release();
    const instance = new RuntimeInstance(spec, limits, server, proc, spawnedAt, cgroup);
    const ready = new Promise<void>((resolve) => server.onReady(() => {
      if (!cpu?.throttleInit) enter();
      resolve();
    }));
    await instance.guard(ready, limits.initTimeoutMs, 'init-timeout', `did not ask for an event within ${limits.initTimeoutMs} ms of its start`, 'init-exit');
    return instance;
  }

  private readonly failure: Promise<never>;
  private stopped = false;

  private constructor(
    public readonly spec: RuntimeSpec,
    private readonly limits: InstanceLimits,
    private readonly server: RuntimeApiServer,
    private readonly proc: RuntimeProcess,
    /** When the runtime was started: its held process released to exec it (performance.now() ms). */
    public readonly spawnedAt: number,
    private readonly cgroup?: CpuCgroup,
  ) {
    this.failure = new Promise<never>((_, reject) => {
      server.onFailure((failure) => reject(new PendingFault(failure.kind, failure.message)));
    });
    // Every race below attaches its own handler; this one only keeps Node from calling it unhandled.
    this.failure.catch(() => undefined);
  }

  /** The runtime's start (its release: the exec) to its first `/next`, in ms: the cold start's init as Lambda would report it. */
  public get initMs(): number {
    return (this.server.firstNextAt ?? Number.NaN) - this.spawnedAt;
  }

  /** The runtime's pid, which is also its process group id. */
  public get pid(): number {
    return this.proc.pid;
  }

  /** Peak resident memory of the runtime process so far, in MB. */
  public maxRssMb(): number | undefined {
    return this.proc.maxRssMb();
  }

  /**
   * Sends one event and returns the JSON answer.
   * @throws RuntimeFault on a handler error, a body that is not JSON, a missed deadline or an exit
   */
  public async invoke(event: string): Promise<Answer> {
    const outcome = await this.outcome(event);
    if (outcome.kind === 'error') {
      throw await this.fault('handler-error', `the handler failed: ${clipped(outcome.body)}`);
    }
    try {
      return { body: outcome.body, json: JSON.parse(outcome.body), durationMs: outcome.durationMs, at: outcome.at };
    } catch {
      throw await this.fault('invalid-json', `the handler answered with a body that is not JSON: ${clipped(outcome.body)}`);
    }
  }

  /**
   * Sends one event and returns whatever the runtime answered, a handler error included.
   * The instance stays up after a handler error: whether to reset it is the caller's choice.
   * @throws RuntimeFault on a missed deadline or an exit
   */
  public async outcome(event: string): Promise<Outcome> {
    const outcome = await this.guard(
      this.server.invoke(event, this.limits.invocationTimeoutMs),
      this.limits.invocationTimeoutMs,
      'timeout',
      `did not answer within its ${this.limits.invocationTimeoutMs} ms deadline`,
      'exit',
    );
    return { ...outcome, at: performance.now() };
  }

  /** Kills the process group and closes the server; safe to call twice. */
  public async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.proc.kill();
    await this.server.close();
    await this.cgroup?.remove();
  }

  /** Waits for `work`, unless the runtime fails, exits or runs out of time first. */
  private async guard<T>(work: Promise<T>, timeoutMs: number, timeoutKind: FaultKind, timeoutDetail: string, exitKind: FaultKind): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PendingFault(timeoutKind, timeoutDetail)), timeoutMs);
    });
    const exit = this.proc.exited.then((status) => {
      const how = status.signal ? `signal ${status.signal}` : `code ${status.code}`;
      throw new PendingFault(exitKind, `the process exited with ${how}`);
    });
    try {
      return await Promise.race([work, this.failure, timeout, exit]);
    } catch (error) {
      if (error instanceof PendingFault) throw await this.fault(error.kind, error.message);
      throw error;
    } finally {
      clearTimeout(timer);
      exit.catch(() => undefined);
    }
  }

  private async fault(kind: FaultKind, detail: string): Promise<RuntimeFault> {
    await this.stop();
    const output = this.proc.outputTail();
    return new RuntimeFault(this.spec.name, kind, detail, output, await handlerNotFoundHint(this.spec, `${detail}\n${output}`));
  }
}

/** A fault seen before the process is stopped and its output collected. */
class PendingFault extends Error {
  constructor(public readonly kind: FaultKind, message: string) {
    super(message);
  }
}
