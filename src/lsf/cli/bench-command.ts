import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { CliIo } from './cli-io';
import { memorySizes, percentage, rpsOption, wholeNumber } from './cli-options';
import { parityOption } from './parity-option';
import { ProgressBar } from './progress-bar';
import { findAssembly, readRecordedFunctions, selectFunctions } from '../assembly/recorded-functions';
import { runBench } from '../bench/bench';
import { benchChart, renderReport } from '../bench/bench-report';
import { BenchResult, CpuShareNote } from '../bench/bench-result';
import { CpuShares } from '../bench/host/cpu-share';
import { MeasuredFunction, measuredFunctions, requireOneMeasurement, safeName } from '../bench/measured-function';
import { folderBytes } from '../bench/prepare/folder-size';
import { checkPrerequisites } from '../bench/prepare/prerequisites';
import { CpuPlacement } from '../bench/runtime/runtime-instance';
import { prepareRuntimes } from '../bench/runtime/runtimes';
import { checkSourcesUnchanged } from '../bench/source-freshness';
import { defaultCacheDir } from '../cache-dir';
import { RunFailure, UsageError } from '../errors';
import { ParityMode } from '../events/answer-comparison';
import { Case } from '../events/cases';
import { readEvents } from '../events/read-events';
import { renderChart } from '../report/chart-svg';
import { renderSweepChart } from '../report/sweep-chart-svg';

interface BenchOptions {
  readonly app: string;
  readonly stack?: string;
  readonly function?: string;
  readonly cases?: string;
  readonly event?: string;
  readonly cold: number;
  readonly warm: number;
  readonly warmCase?: string;
  readonly parity: ParityMode;
  readonly json: boolean;
  readonly chart?: string;
  readonly coldStartRate?: number;
  readonly rps: number;
  readonly cacheDir?: string;
  readonly python?: string;
  readonly node?: string;
  readonly pythonTwin: boolean;
  readonly nodeTwin: boolean;
  readonly arm64: boolean;
  readonly initTimeout: number;
  readonly timeout?: number;
  readonly memory?: number[];
  readonly cpuShare: boolean;
  readonly throttleInit: boolean;
  readonly checkBudgets: boolean;
}

/** `lsf bench`: the local side-by-side benchmark of an app's functions. Exit codes: 0 done, 1 a runtime failed or answers differ, 2 bad input. */
export function addBenchCommand(program: Command, io: CliIo): void {
  program.command('bench')
    .description('Measure the LatencySensitiveFunctions of a synthesized CDK app on this machine: each Rust bootstrap, its twins and a std-only floor '
      + 'against a loopback Lambda Runtime API; parity of every event first, then cold starts and warm invocations, interleaved. Run `cdk synth` first.')
    .option('--app <dir>', 'the CDK app\'s folder (its cdk.json output, cdk.out by default) or a cloud assembly folder', '.')
    .option('--stack <name>', 'only the functions of this stack (name or artifact ID)')
    .option('--function <id>', 'only this function: a construct ID (ValidateSignup) or path (MyStack/ValidateSignup)')
    .option('--cases <file>', 'JSON lines {"name", "event", "expected"?}: with expected, every runtime must return it; without, all must agree')
    .option('--event <file>', 'one JSON event; all runtimes must give the same answer')
    .addOption(new Option('--cold <N>', 'cold starts per runtime').argParser(wholeNumber('--cold N', 1, 500, 'cold starts per runtime')).default(50))
    .addOption(new Option('--warm <M>', 'warm invocations per runtime').argParser(wholeNumber('--warm M', 1, 100_000, 'warm invocations per runtime')).default(500))
    .option('--warm-case <name>', 'send only this case in the warm invocations (default: cycle through all cases)')
    .addOption(parityOption())
    .option('--json', 'print {"results": [one result per measured function]} instead of the tables', false)
    .option('--chart <file>', 'write the SVG chart here; with several functions, one file each, named after the function (default: in the cache)')
    .addOption(new Option('--cold-start-rate <percent>', 'share of cold starts in the cost estimate (default: the latency profile\'s cold-start rate budget)').argParser(percentage))
    .addOption(rpsOption())
    .option('--cache-dir <dir>', 'builds, venvs and runtime clients are cached here (default: $XDG_CACHE_HOME or ~/.cache, cdk-latency-sensitive-function/bench)')
    .option('--python <interpreter>', 'Python to run Python twins with (a pyenv shim is resolved to the real interpreter); default: python<version> of the twin\'s runtime when on this machine, else python3')
    .option('--node <path>', 'node to run Node twins with; default: the Node major of the twin\'s runtime (nodejs22.x: 22), this process\'s when it matches, else fetched once from the npm registry')
    .option('--no-python-twin', 'skip Python twins')
    .option('--no-node-twin', 'skip Node twins')
    .option('--no-arm64', 'on x86_64, skip the deployed arm64 bootstrap under qemu-user (parity only)')
    .addOption(new Option('--init-timeout <ms>', 'longest init before a runtime is failed').argParser(wholeNumber('--init-timeout ms', 100, 600_000, 'Lambda allows 10000')).default(10_000))
    .addOption(new Option('--timeout <ms>', 'invocation deadline (default: the function\'s timeout)').argParser(wholeNumber('--timeout ms', 10, 900_000, 'Lambda allows up to 900000')))
    .addOption(new Option('--memory <sizes>', 'also run every runtime at these memory sizes (MB, comma-separated, at most 8), each with the CPU share it buys: a sweep table and chart').argParser(memorySizes))
    .option('--no-cpu-share', 'give every runtime all of this machine\'s CPU instead of the share its memory buys on Lambda (memory / 1,769 vCPU)')
    .option('--throttle-init', 'apply the CPU share from the runtime\'s start, not from its first GET /next (Lambda runs init with burst CPU: this is the worst case)', false)
    .option('--check-budgets', 'exit 1 when the Rust function\'s cold start p99 or warm p99, at its own memory, exceeds its latency profile\'s budgets (a CI gate)', false)
    .action(async (options: BenchOptions) => {
      await bench(options, io);
    });
}

async function bench(options: BenchOptions, io: CliIo): Promise<void> {
  const bar = new ProgressBar(io);
  const log = (line: string) => io.stderr(`${line}\n`);
  let cpu: CpuShareUse | undefined;
  try {
    const cases = readInput(options);
    const recorded = selectFunctions(readRecordedFunctions(findAssembly(options.app)), { stack: options.stack, function: options.function });
    const measurements = measuredFunctions(recorded);
    requireOneMeasurement(measurements, recorded, options.function);
    checkSourcesUnchanged(recorded, { python: options.pythonTwin, node: options.nodeTwin }, log);
    const cacheRoot = path.resolve(options.cacheDir ?? defaultCacheDir());
    const firstRun = !existsSync(cacheRoot);
    // Before any build: a missing tool found after minutes of Rust builds is what this prevents.
    await checkPrerequisites(measurements, {
      cacheRoot, python: options.pythonTwin, node: options.nodeTwin, arm64: options.arm64, pythonCommand: options.python, nodeCommand: options.node,
    });
    cpu = cpuPlacement(options, log);

    const results: BenchResult[] = [];
    for (const fn of measurements) {
      log(`Measuring ${fn.name} (${fn.constructPaths.join(', ')}): ${fn.architecture}, ${fn.memorySize} MB, profile ${fn.latencyProfile.name}`);
      if (fn.unresolvedEnvironment.length > 0) {
        log(`  ${fn.unresolvedEnvironment.join(', ')}: known only at deploy time, so not set in the local runs`);
      }
      const prepared = await prepareRuntimes(fn, {
        cacheRoot,
        python: options.pythonTwin,
        node: options.nodeTwin,
        arm64: options.arm64,
        pythonCommand: options.python,
        nodeCommand: options.node,
        log,
      });
      for (const twin of prepared.notMeasured) log(`  ${twin.name}: not measured locally: ${twin.reason}`);
      bar.start('parity');
      const result = await runBench(prepared.specs, cases, {
        name: fn.name,
        constructPaths: fn.constructPaths,
        notMeasured: prepared.notMeasured,
        coldStarts: options.cold,
        warmInvocations: options.warm,
        warmCase: options.warmCase,
        limits: { initTimeoutMs: options.initTimeout, invocationTimeoutMs: options.timeout ?? fn.timeoutMs },
        parity: options.parity,
        assumptions: costAssumptions(fn, options),
        memorySizes: options.memory,
        cpu: { placement: cpu.placement, note: cpu.note },
        budgets: options.checkBudgets ? budgetsOf(fn) : undefined,
        onProgress: bar.update,
      });
      bar.stop();
      const chart = chartFile(options.chart, measurements.length > 1, fn, prepared.cacheDir);
      mkdirSync(path.dirname(chart), { recursive: true });
      writeFileSync(chart, renderChart(benchChart(result)));
      log(`Chart: ${chart}`);
      if (result.sweep) {
        const sweepChart = chart.replace(/(\.svg)?$/, '.sweep.svg');
        writeFileSync(sweepChart, renderSweepChart(`${result.function}: memory sweep (loopback Runtime API, this machine, CPU share per size)`, result.sweep));
        log(`Sweep chart: ${sweepChart}`);
      }
      results.push(result);
    }
    io.stdout(options.json ? `${JSON.stringify({ results }, null, 2)}\n` : `${results.map(renderReport).join('\n\n')}\n`);
    const exceeded = results.flatMap((r) => (r.budgets ?? []).filter((b) => !b.met).map((b) => `${r.function}: rust ${b.budget} of profile ${r.assumptions.profile} is ${b.limitMs} ms, measured ${b.measuredMs.toFixed(2)} ms`));
    if (firstRun && existsSync(cacheRoot)) {
      log(`Cache: ${cacheRoot} holds ${(folderBytes(cacheRoot) / 1e6).toFixed(0)} MB of builds, venvs and runtime clients (later runs reuse them; --cache-dir puts them elsewhere).`);
    }
    if (exceeded.length > 0) throw new RunFailure(`latency budgets exceeded:\n  ${exceeded.join('\n  ')}`);
  } finally {
    bar.stop();
    cpu?.release();
  }
}

/** The events, with --warm-case naming one of the cases. */
function readInput(options: BenchOptions): Case[] {
  const cases = readEvents(options.cases, options.event);
  if (options.warmCase !== undefined && !cases.some((c) => c.name === options.warmCase)) {
    throw new UsageError(`--warm-case: ${options.cases ?? options.event} has no case named "${options.warmCase}". Give the "name" of one of its lines.`);
  }
  return cases;
}

function budgetsOf(fn: MeasuredFunction) {
  const p = fn.latencyProfile;
  return { profile: p.name, coldStartMs: p.coldStartBudgetMs, warmLatencyMs: p.warmLatencyBudgetMs };
}

function costAssumptions(fn: MeasuredFunction, options: BenchOptions) {
  return {
    profile: fn.latencyProfile.name,
    memorySize: fn.memorySize,
    architecture: fn.architecture,
    coldStartRatePercent: options.coldStartRate ?? fn.latencyProfile.maxColdStartRatePercent,
    requestsPerSecond: options.rps,
  };
}

/** --chart as given for one function; with several, the function's name before the extension. */
function chartFile(chart: string | undefined, several: boolean, fn: MeasuredFunction, cacheDir: string): string {
  if (chart === undefined) return path.join(cacheDir, 'chart.svg');
  if (!several) return path.resolve(chart);
  const ext = path.extname(chart) || '.svg';
  return path.resolve(`${chart.slice(0, chart.length - path.extname(chart).length)}-${safeName(fn.name)}-${fn.buildKey.slice(0, 6)}${ext}`);
}

/**
 * The CPU share each runtime gets: its memory's, in a cgroup of its own, when this machine
 * lets us make one; otherwise unthrottled, said once and in every report.
 */
function cpuPlacement(options: BenchOptions, log: (line: string) => void): CpuShareUse {
  const none = () => undefined;
  if (!options.cpuShare) {
    return { note: { applied: false, mechanism: 'none', throttleInit: false, detail: '--no-cpu-share: every runtime had all of this machine\'s CPU' }, release: none };
  }
  // LSF_CGROUP_ROOT: where the cgroup file systems are mounted, when not /sys/fs/cgroup.
  const shares = CpuShares.detect({ root: process.env.LSF_CGROUP_ROOT || undefined });
  if (!shares.support.available) {
    log(`CPU share not applied: ${shares.support.detail}. Every figure below is from unthrottled runs, faster than Lambda's at small memory sizes.`);
    return { note: { applied: false, mechanism: 'none', throttleInit: false, detail: shares.support.detail }, release: none };
  }
  const stale = shares.removeStale();
  if (stale > 0) log(`Removed ${stale} cgroup(s) left by an lsf bench that was killed.`);
  // Ctrl-C exits through process.exit: the runtimes are killed first (runtime-process.ts), then this.
  const removeAll = () => shares.removeAll();
  process.once('exit', removeAll);
  return {
    placement: { create: (vcpus) => shares.create(vcpus), throttleInit: options.throttleInit },
    note: { applied: true, mechanism: shares.support.mechanism, throttleInit: options.throttleInit, detail: shares.support.detail },
    release: () => {
      process.removeListener('exit', removeAll);
      removeAll();
    },
  };
}

/** The CPU placement of a run, what its report says about it, and how to undo it. */
interface CpuShareUse {
  readonly placement?: CpuPlacement;
  readonly note: CpuShareNote;
  /** Removes every cgroup the run made. */
  readonly release: () => void;
}
