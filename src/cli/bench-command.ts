import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { CliIo } from './cli-io';
import { ProgressBar } from './progress-bar';
import { LatencyProfile } from '../latency-profile';
import { percentage, profileNamed, wholeNumber } from './cli-options';
import { runBench } from '../local-bench/bench';
import { BenchUsageError, ParityError } from '../local-bench/bench-errors';
import { withCacheLock } from '../local-bench/cache-lock';
import { readCases } from '../local-bench/cases';
import { readExampleLayout } from '../local-bench/example-layout';
import { benchChart, renderReport } from '../local-bench/report-table';
import { RuntimeFault } from '../local-bench/runtime-fault';
import { prepareRuntimes } from '../local-bench/runtimes';
import { renderChart } from '../report/chart-svg';

interface BenchOptions {
  readonly cold: number;
  readonly warm: number;
  readonly warmCase?: string;
  readonly json: boolean;
  readonly chart?: string;
  readonly profile: LatencyProfile;
  readonly coldStartRate?: number;
  readonly cacheDir: string;
  readonly python: string;
  readonly pythonTwin: boolean;
  readonly nodeTwin: boolean;
  readonly arm64: boolean;
  readonly initTimeout: number;
  readonly timeout?: number;
}

/** `lsf bench`: the local side-by-side benchmark. Exit codes: 0 done, 1 a runtime failed or answers differ, 2 bad input. */
export function addBenchCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program.command('bench')
    .description('Run the Rust bootstrap and its twins against a loopback Lambda Runtime API: parity of every case, then cold starts and warm invocations, interleaved.')
    .argument('<folder>', 'an example folder: cases.jsonl, rust/, twin-python/, twin-node/')
    .addOption(new Option('--cold <N>', 'cold starts per runtime').argParser(wholeNumber('--cold N', 1, 500, 'cold starts per runtime')).default(50))
    .addOption(new Option('--warm <M>', 'warm invocations per runtime').argParser(wholeNumber('--warm M', 1, 100_000, 'warm invocations per runtime')).default(500))
    .option('--warm-case <name>', 'send only this case in the warm invocations (default: cycle through all cases)')
    .option('--json', 'print the result as JSON instead of the table', false)
    .option('--chart <file>', 'write the SVG chart here (default: <cache-dir>/<example>/chart.svg)')
    .addOption(new Option('--profile <name>', 'latency profile for memory and cost').argParser(profileNamed).default(LatencyProfile.USER_FACING_VALIDATION, 'user-facing-validation'))
    .addOption(new Option('--cold-start-rate <percent>', "share of cold starts in the cost estimate (default: the profile's cold-start rate budget)").argParser(percentage))
    .option('--cache-dir <dir>', 'builds, venvs and the Node runtime client are cached here', '.bench')
    .option('--python <interpreter>', 'Python to run the twin with (a pyenv shim is resolved to the real interpreter)', 'python3')
    .option('--no-python-twin', 'skip the Python twin')
    .option('--no-node-twin', 'skip the Node twin')
    .option('--no-arm64', 'skip the arm64 bootstrap under qemu-user (parity only)')
    .addOption(new Option('--init-timeout <ms>', 'longest init before a runtime is failed').argParser(wholeNumber('--init-timeout ms', 100, 600_000, 'Lambda allows 10000')).default(10_000))
    .addOption(new Option('--timeout <ms>', "invocation deadline (default: the profile's timeout)").argParser(wholeNumber('--timeout ms', 10, 900_000, 'Lambda allows up to 900000')))
    .action(async (folder: string, options: BenchOptions) => {
      setExitCode(await bench(folder, options, io));
    });
}

async function bench(folder: string, options: BenchOptions, io: CliIo): Promise<number> {
  const bar = new ProgressBar(io);
  try {
    const layout = readExampleLayout(folder);
    const cases = readCases(layout.casesFile);
    if (options.warmCase !== undefined && !cases.some((c) => c.name === options.warmCase)) {
      throw new BenchUsageError(`--warm-case: ${layout.casesFile} has no case named "${options.warmCase}". Give the "name" of one of its lines.`);
    }
    const profile = options.profile;
    const cacheRoot = path.resolve(options.cacheDir);
    const log = (line: string) => io.stderr(`${line}\n`);
    const specs = await withCacheLock(cacheRoot, log, () => prepareRuntimes(layout, {
      cacheRoot,
      memorySize: profile.memorySize,
      python: options.pythonTwin,
      node: options.nodeTwin,
      arm64: options.arm64,
      pythonCommand: options.python,
      log,
    }));
    bar.start('parity');
    const result = await runBench(specs, cases, {
      example: layout.name,
      coldStarts: options.cold,
      warmInvocations: options.warm,
      warmCase: options.warmCase,
      limits: { initTimeoutMs: options.initTimeout, invocationTimeoutMs: options.timeout ?? profile.timeout.toMilliseconds() },
      assumptions: {
        profile: profile.name,
        memorySize: profile.memorySize,
        coldStartRatePercent: options.coldStartRate ?? profile.maxColdStartRatePercent,
      },
      onProgress: bar.update,
    });
    bar.stop();
    const chart = path.resolve(options.chart ?? path.join(options.cacheDir, layout.name, 'chart.svg'));
    mkdirSync(path.dirname(chart), { recursive: true });
    writeFileSync(chart, renderChart(benchChart(result)));
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderReport(result)}\n`);
    io.stderr(`Chart: ${chart}\n`);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof BenchUsageError) {
      io.stderr(`lsf bench: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RuntimeFault || error instanceof ParityError) {
      io.stderr(`lsf bench: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
