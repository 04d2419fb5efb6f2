import * as os from 'node:os';
import { BudgetCheck } from './budget-gate';
import { CostAssumptions } from './cost-assumptions';
import { SweepChoice, SweepPoint } from './memory-sweep';
import { ParityMode } from '../events/answer-comparison';
import { ColdStartHiding } from '../report/cold-start-hiding';
import { RuntimeSummary } from '../report/runtime-summary';

/** A target of issue 5, checked on this run's numbers. */
export interface TargetCheck {
  readonly description: string;
  readonly met: boolean;
  readonly measured: string;
}

/** Everything one `lsf bench` run found: what --json prints and what the table shows. */
export interface BenchResult {
  /** The measured function: its construct ID, or its paths when they differ. */
  readonly function: string;
  /** The construct paths of the functions measured (one build, deployed by each). */
  readonly constructPaths: string[];
  /** Twins that could not run locally, each with the reason. */
  readonly notMeasured: Array<{ readonly name: string; readonly reason: string }>;
  /** Where the numbers come from: this machine, not Lambda. */
  readonly machine: MachineInfo;
  readonly coldStarts: number;
  readonly warmInvocations: number;
  /** The one case the warm invocations sent, when not all of them. */
  readonly warmCase?: string;
  readonly parity: {
    readonly caseCount: number;
    readonly runtimes: string[];
    /** --parity: `auto` (HTTP answers as their client receives them, others as JSON values), `json` or `strict` (bytes). */
    readonly mode: ParityMode;
    /** How many cases were compared each way: `HTTP API payload 2.0`, `JSON value`, `bytes`. */
    readonly comparedAs: ParityComparison[];
  };
  readonly assumptions: CostAssumptions;
  /** How much CPU the timed runs had: the share of the function's memory, or all of it. */
  readonly cpuShare: CpuShareNote & { readonly vcpus?: number };
  /** Every runtime at the function's own memory size. */
  readonly runtimes: RuntimeSummary[];
  /** What hiding the twins' cold starts would cost at `assumptions.requestsPerSecond`. */
  readonly coldStartHiding: ColdStartHiding;
  readonly targets: TargetCheck[];
  /** The Rust row against its latency profile's budgets, when asked (--check-budgets). */
  readonly budgets?: BudgetCheck[];
  /** Raw samples in ms, per runtime, for the chart and for anyone who wants to re-analyse. */
  readonly samples: { readonly [runtime: string]: RawSamples };
  /** Every runtime at every memory size (--memory), with each size's raw samples. */
  readonly sweep?: {
    readonly points: Array<SweepPoint & { readonly samples: { readonly [runtime: string]: RawSamples } }>;
    readonly choices: SweepChoice[];
  };
}

/** Cases compared one way. */
export interface ParityComparison {
  /** An HTTP event source (`REST API payload 1.0`: as its client receives the answer), `JSON value` or `bytes`. */
  readonly as: string;
  readonly caseCount: number;
}

/** One runtime's samples, in ms. */
export interface RawSamples {
  readonly initMs: number[];
  readonly firstResponseMs: number[];
  readonly warmMs: number[];
}

/** Whether the runs got the CPU their memory buys on Lambda, and how. */
export interface CpuShareNote {
  /** True when every timed process ran in a cgroup with its memory's CPU quota. */
  readonly applied: boolean;
  /** `cgroup-v2`, `cgroup-v1` or `none`. */
  readonly mechanism: string;
  /** Also during init (--throttle-init); Lambda gives init burst CPU. */
  readonly throttleInit: boolean;
  /** One sentence: how, or why not. */
  readonly detail: string;
}

/** The machine a run measured on. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly platform: string;
  /** Load average over the last minute when the run started: other work skews timings. */
  readonly loadAverage: number;
  readonly node: string;
  readonly startedAt: string;
}

/** Describes this machine, now. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg()[0],
    node: process.version,
    startedAt: new Date().toISOString(),
  };
}

/**
 * The targets: Rust's cold start at most 1/10 of each twin's, and within 2x of the
 * std-only floor measured in the same run.
 */
export function checkTargets(runtimes: readonly RuntimeSummary[]): TargetCheck[] {
  const rust = runtimes.find((r) => r.role === 'rust');
  if (!rust) return [];
  const checks = runtimes.filter((r) => r.role === 'twin').map((twin) => ({
    description: `Rust cold start <= 1/10 of ${twin.name}'s`,
    met: rust.init.p50 * 10 <= twin.init.p50,
    measured: `${rust.init.p50.toFixed(2)} ms vs ${twin.init.p50.toFixed(1)} ms, 1/${(twin.init.p50 / rust.init.p50).toFixed(1)}`,
  }));
  const floor = runtimes.find((r) => r.role === 'floor');
  if (floor) {
    checks.push({
      description: 'Rust cold start within 2x of the std-only floor',
      met: rust.init.p50 <= 2 * floor.init.p50,
      measured: `${rust.init.p50.toFixed(2)} ms vs ${floor.init.p50.toFixed(2)} ms, ${(rust.init.p50 / floor.init.p50).toFixed(2)}x`,
    });
  }
  return checks;
}
