#!/usr/bin/env node
/**
 * lsf: the command-line tool of cdk-latency-sensitive-function.
 *
 *   lsf bench <example folder> [--cold N] [--warm M] [--json] [--chart FILE] ...
 *   lsf compare (--stack NAME [--app DIR] | --function A --twin B) (--cases FILE | --event FILE) [--cold N] [--warm M] ...
 *   lsf fleet [--stack NAME] [--since 7d] [--json] [--concurrency N] ...
 */
import { Command, CommanderError } from 'commander';
import { addBenchCommand } from './bench-command';
import { CliIo } from './cli-io';
import { addCompareCommand } from './compare-command';
import { addFleetCommand } from './fleet-command';
import { onInterrupt } from './interrupt';
import { exitCodeOf } from '../errors';

/**
 * Exit codes, from the one error model (errors.ts): 0 done, 1 a run failed, 2 bad input or a
 * missing toolchain, 130 interrupted. A new command goes in its own `<name>-command.ts` beside
 * this file and throws UsageError or RunFailure; it never picks an exit code itself.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('lsf')
    .description('Measure latency-sensitive Lambda handlers.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  addBenchCommand(program, io);
  addCompareCommand(program, io);
  addFleetCommand(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const exitCode = exitCodeOf(error);
    if (exitCode === undefined) throw error;
    const command = argv.find((arg) => !arg.startsWith('-')) ?? 'lsf';
    io.stderr(`lsf ${command}: ${(error as Error).message}\n`);
    return exitCode;
  }
}

if (require.main === module) {
  // Ctrl-C, or a CI job cancelled: lsf compare restores the configuration first; lsf bench
  // exits through process.exit, whose handler kills every runtime still running.
  process.on('SIGINT', () => onInterrupt(130, (text) => process.stderr.write(text)));
  process.on('SIGTERM', () => onInterrupt(143, (text) => process.stderr.write(text)));
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: process.stderr.isTTY === true,
  }).then((code) => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`lsf: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
