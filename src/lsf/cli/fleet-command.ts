import { Command, Option } from 'commander';
import { CliIo } from './cli-io';
import { SinceWindow, endpointUrl, regionName, sinceDuration, wholeNumber } from './cli-options';
import { ProgressBar } from './progress-bar';
import { asRunFailure } from '../aws-failure';
import { connect } from '../compare/aws-clients';
import { renderFleetReport } from '../fleet/fleet-report';
import { runFleet } from '../fleet/fleet-run';

interface FleetOptions {
  readonly stack?: string;
  readonly since: SinceWindow;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly json: boolean;
  readonly maxRetries: number;
  readonly backoffMs: number;
  readonly concurrency: number;
  readonly pollMs: number;
  readonly queryTimeout: number;
}

const DEFAULT_SINCE = '7d';

/** `lsf fleet`: the account's (or a stack's) functions ranked as Rust candidates from their logs. Read-only. Exit codes: 0, 1 a failed run, 2 bad input. */
export function addFleetCommand(program: Command, io: CliIo): void {
  program.command('fleet')
    .description('Rank the functions of the region (or of one stack) by the cold-start time their users wait, from Lambda\'s JSON platform.report records '
      + '(the fleet dashboard\'s Logs Insights query), with a "Rust candidate" score. Read-only.')
    .option('--stack <name>', 'only the Lambda functions of this CloudFormation stack (default: every function of the region)')
    .addOption(new Option('--since <duration>', 'the window, back from now: 7d, 12h, 30m').argParser(sinceDuration).default(sinceDuration(DEFAULT_SINCE), DEFAULT_SINCE))
    .addOption(new Option('--region <region>', 'AWS region (default: AWS_REGION or your profile\'s region)').argParser(regionName))
    .addOption(new Option('--endpoint-url <url>', 'send the Lambda, CloudFormation and CloudWatch Logs calls here instead of AWS\'s endpoints').argParser(endpointUrl))
    .option('--json', 'print { "functions": [...] } instead of the table', false)
    .addOption(new Option('--max-retries <n>', 'retries of a throttled call').argParser(wholeNumber('--max-retries n', 0, 50, 'retries per call')).default(8))
    .addOption(new Option('--backoff-ms <ms>', 'first wait after a throttle; doubles per retry').argParser(wholeNumber('--backoff-ms ms', 1, 60_000, 'first backoff')).default(200))
    // CloudWatch Logs runs a limited number of Logs Insights queries per account at once (a quota; 30 when this was written).
    .addOption(new Option('--concurrency <n>', 'Logs Insights queries (and configuration reads) at once').argParser(wholeNumber('--concurrency n', 1, 30, 'queries at once')).default(4))
    .addOption(new Option('--poll-ms <ms>', 'between two reads of a query\'s results').argParser(wholeNumber('--poll-ms ms', 1, 60_000, 'poll interval')).default(1000))
    .addOption(new Option('--query-timeout <ms>', 'longest wait for one query; it is stopped after').argParser(wholeNumber('--query-timeout ms', 100, 3_600_000, 'query timeout')).default(300_000))
    .action((options: FleetOptions) => fleet(options, io));
}

async function fleet(options: FleetOptions, io: CliIo): Promise<void> {
  const bar = new ProgressBar(io);
  const log = (line: string) => { bar.stop(); io.stderr(`${line}\n`); };
  try {
    const clients = await connect({ region: options.region, endpoint: options.endpointUrl, log });
    bar.start('listing functions');
    const result = await runFleet(clients, {
      stack: options.stack,
      sinceMs: options.since.ms,
      backoff: { baseMs: options.backoffMs, maxRetries: options.maxRetries },
      concurrency: options.concurrency,
      pollMs: options.pollMs,
      queryTimeoutMs: options.queryTimeout,
      log,
      onProgress: bar.update,
    });
    bar.stop();
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderFleetReport(result, options.since.text)}\n`);
  } catch (error) {
    throw asRunFailure(error, options.endpointUrl,
      'lsf fleet needs lambda:ListFunctions, lambda:GetFunctionConfiguration, cloudformation:ListStackResources (with --stack), logs:StartQuery, logs:GetQueryResults and logs:StopQuery.');
  } finally {
    bar.stop();
  }
}
