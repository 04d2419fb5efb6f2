import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { CliIo } from './cli-io';
import { endpointUrl, percentage, regionName, rpsOption, wholeNumber } from './cli-options';
import { interruptible } from './interrupt';
import { parityOption } from './parity-option';
import { ProgressBar } from './progress-bar';
import { asRunFailure } from '../aws-failure';
import { lsfCacheRoot } from '../cache-dir';
import { connect } from '../compare/aws-clients';
import { COLD_START_VARIABLE } from '../compare/cold-start-switch';
import { compareChart, renderCompareReport } from '../compare/compare-report';
import { CompareResult } from '../compare/compare-result';
import { runCompare } from '../compare/compare-run';
import { PUBLISHED_BY_LSF } from '../compare/snapstart-versions';
import { TwinPair, resolvePairs } from '../compare/twin-pair';
import { ParityMode } from '../events/answer-comparison';
import { readEvents } from '../events/read-events';
import { renderChart } from '../report/chart-svg';

interface CompareOptions {
  readonly stack?: string;
  readonly app?: string;
  readonly function?: string;
  readonly twin?: string;
  readonly functionOutput: string;
  readonly twinOutput: string;
  readonly cases?: string;
  readonly event?: string;
  readonly parity: ParityMode;
  readonly cold: number;
  readonly warm: number;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly json: boolean;
  readonly chart?: string;
  readonly coldStartRate: number;
  readonly rps: number;
  readonly maxRetries: number;
  readonly backoffMs: number;
  readonly pollMs: number;
  readonly updateTimeout: number;
}

/** `lsf compare`: the side-by-side table from live invocations of a deployed pair. Exit codes: 0, 1 a failed run, 2 bad input, 130 Ctrl-C. */
export function addCompareCommand(program: Command, io: CliIo): void {
  program.command('compare')
    .description('Force cold starts of a deployed function and its twin, invoke both with the same events, and print the side-by-side table from Lambda\'s reports. '
      + 'Changes one environment variable of each function while it runs and restores it at the end; a SnapStart twin is invoked through its alias, '
      + 'and each forced cold start publishes a version of it, deleted at the end with the alias restored.')
    .option('--stack <name>', 'the pair\'s stack: your CDK app\'s records of it name the pair (see --app), else its outputs do')
    .option('--app <dir>', 'the CDK app\'s folder or its cloud assembly, whose records of --stack name the pair (default: the current folder\'s cdk.out or cdk.json output, if there is one)')
    .option('--function <id|name>', 'the LatencySensitiveFunction\'s construct ID or path, when the app records several in the stack; or the Rust function\'s name or ARN (see below)')
    .option('--twin <name|id|deployed name>', 'with --stack: one twin by its name (python, node, existing unless named otherwise) or construct ID or path; without it, every twin of the function is compared, one after the other. Without --stack: the twin\'s deployed name or ARN')
    .option('--function-output <key>', 'stack output holding the function\'s name; naming an output key reads the outputs, not the app', 'FunctionName')
    .option('--twin-output <key>', 'stack output holding the twin\'s name; naming an output key reads the outputs, not the app', 'TwinFunctionName')
    .option('--cases <file>', 'send these events (a cases.jsonl as lsf bench reads; answers are checked against "expected")')
    .option('--event <file>', 'send this one JSON event (answers of the two functions are checked against each other)')
    .addOption(parityOption())
    .addOption(new Option('--cold <N>', 'forced cold starts per function (each is one configuration update)').argParser(wholeNumber('--cold N', 1, 200, 'forced cold starts')).default(10))
    .addOption(new Option('--warm <M>', 'warm invocations per function').argParser(wholeNumber('--warm M', 1, 10_000, 'warm invocations')).default(100))
    .addOption(new Option('--region <region>', 'AWS region (default: AWS_REGION or your profile\'s region)').argParser(regionName))
    .addOption(new Option('--endpoint-url <url>', 'send the Lambda and CloudFormation calls here instead of AWS\'s endpoints').argParser(endpointUrl))
    .option('--json', 'print the result as JSON instead of the table', false)
    .option('--chart <file>', 'write the SVG chart here (default: <function>-vs-<twin>.svg in ~/.cache/cdk-latency-sensitive-function/compare; with several twins, the twin\'s name is added before the extension)')
    .addOption(new Option('--cold-start-rate <percent>', 'share of cold starts in the cost estimate').argParser(percentage).default(1))
    .addOption(rpsOption())
    .addOption(new Option('--max-retries <n>', 'retries of a throttled or conflicting call').argParser(wholeNumber('--max-retries n', 0, 50, 'retries per call')).default(8))
    .addOption(new Option('--backoff-ms <ms>', 'first wait after a throttle; doubles per retry').argParser(wholeNumber('--backoff-ms ms', 1, 60_000, 'first backoff')).default(200))
    .addOption(new Option('--poll-ms <ms>', 'between two reads of an update\'s status').argParser(wholeNumber('--poll-ms ms', 1, 60_000, 'poll interval')).default(1000))
    .addOption(new Option('--update-timeout <ms>', 'longest wait for a configuration update').argParser(wholeNumber('--update-timeout ms', 100, 900_000, 'update timeout')).default(180_000))
    .addHelpText('after', PAIR_HELP)
    .action(async (options: CompareOptions, command: Command) => {
      const outputNamed = ['functionOutput', 'twinOutput'].some((key) => command.getOptionValueSource(key) === 'cli');
      await interruptible({
        stopping: 'Interrupted: stopping after the current call and restoring the configuration (Ctrl-C again exits without restoring).',
        abandoned: `Exited without restoring: remove ${COLD_START_VARIABLE} from both functions' environment variables by hand, or run lsf compare again (it removes it). `
          + `A SnapStart twin: point its alias back at its version and delete the versions described "${PUBLISHED_BY_LSF}".`,
      }, (signal) => compare(options, outputNamed, io, signal));
    });
}

/** The precedence rule, as `lsf compare --help` ends (the README's "Compare on AWS" says the same). */
const PAIR_HELP = `
Which pair is compared (the first rule that applies):
  1. --stack NAME, and your CDK app's cloud assembly (--app DIR, else the current
     folder's: manifest.json, cdk.json's "output", or cdk.out) records a
     LatencySensitiveFunction in that stack: the function and its twin from the
     records, their deployed names from the stack's resources (ListStackResources).
     No stack outputs are needed. --function (construct ID or path) picks one when
     the stack has several. The function is compared with each of its twins in
     turn; --twin (a twin's name, or its construct ID or path) picks one.
  2. --stack NAME otherwise (no cloud assembly here, no record of that stack in it,
     or --function-output/--twin-output given): the stack's outputs FunctionName
     and TwinFunctionName (DescribeStacks); --function/--twin NAME replace one.
  3. No --stack: --function NAME --twin NAME, two deployed names or ARNs.
  With --app there is no fallback: its records must hold the stack (exit 2 if not).
  With --stack, a log line says whether the app or the outputs named the pair.

Examples:
  cdk deploy FormValidation             (in the app's folder: leaves cdk.out)
  lsf compare --stack FormValidation --cases cases.jsonl     (same folder)
  lsf compare --stack Shop --function Checkout --app ../shop-app --event event.json
  lsf compare --function my-rust-fn --twin my-python-fn --event event.json
`;

async function compare(options: CompareOptions, outputNamed: boolean, io: CliIo, signal: AbortSignal): Promise<void> {
  const bar = new ProgressBar(io);
  const log = (line: string) => io.stderr(`${line}\n`);
  try {
    const events = readEvents(options.cases, options.event);
    const clients = await connect({ region: options.region, endpoint: options.endpointUrl, log });
    const pairs = await resolvePairs(clients, {
      stack: options.stack,
      app: options.app,
      functionName: options.function,
      twinName: options.twin,
      functionOutput: options.functionOutput,
      twinOutput: options.twinOutput,
      outputNamed,
      log,
    });
    // One run, one pair after the other: the function against each of its twins.
    const results: CompareResult[] = [];
    for (const pair of pairs) {
      log(`Comparing ${pair.function.name} (${pair.function.runtime}) with ${pair.twin.name} (${pair.twin.runtime}) in ${clients.region}...`);
      bar.start('starting');
      const result = await runCompare(clients, pair, {
        coldStarts: options.cold,
        warmInvocations: options.warm,
        events,
        parity: options.parity,
        coldStartRatePercent: options.coldStartRate,
        requestsPerSecond: options.rps,
        backoff: { baseMs: options.backoffMs, maxRetries: options.maxRetries },
        pollMs: options.pollMs,
        updateTimeoutMs: options.updateTimeout,
        signal,
        log: (line) => { bar.stop(); log(line); },
        onProgress: bar.update,
      });
      bar.stop();
      const chart = chartFile(options.chart, pairs.length > 1, pair);
      mkdirSync(path.dirname(chart), { recursive: true });
      writeFileSync(chart, renderChart(compareChart(result)));
      log(`Chart: ${chart}`);
      results.push(result);
    }
    io.stdout(options.json ? `${JSON.stringify({ results }, null, 2)}\n` : `${results.map(renderCompareReport).join('\n\n')}\n`);
  } catch (error) {
    throw asRunFailure(error, options.endpointUrl, 'The README section "Compare on AWS: Permissions" lists the IAM policy the command needs.');
  } finally {
    bar.stop();
  }
}

/** --chart as given for one pair; with several, the twin's name before the extension. By default, in lsf's cache folder. */
function chartFile(chart: string | undefined, several: boolean, pair: TwinPair): string {
  if (chart === undefined) return path.join(lsfCacheRoot(), 'compare', `${pair.function.name}-vs-${pair.twin.name}.svg`);
  if (!several) return path.resolve(chart);
  const ext = path.extname(chart) || '.svg';
  return path.resolve(`${chart.slice(0, chart.length - path.extname(chart).length)}-${pair.twin.name}${ext}`);
}
