import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { MEASUREMENT_METADATA_TYPE, MEASUREMENT_RECORD_VERSION, MeasurementRecord } from '../../private/measurement/measurement-record';
import { UsageError } from '../errors';


/** One LatencySensitiveFunction as the cloud assembly records it. */
export interface RecordedFunction {
  /** The stack's artifact ID (`cdk deploy` names stacks by it). */
  readonly stackId: string;
  /** The stack's CloudFormation name. */
  readonly stackName: string;
  readonly record: MeasurementRecord;
  /** The folder the record's paths are relative to: the (nested) assembly holding the stack. */
  readonly assemblyDir: string;
}

/** What to measure: a stack, a function, or everything. */
export interface FunctionFilter {
  /** A stack's name or artifact ID. */
  readonly stack?: string;
  /** A construct ID (`ValidateSignup`) or construct path (`MyStack/ValidateSignup`). */
  readonly function?: string;
}

const RUN_SYNTH = 'Run `cdk synth` in your CDK app\'s folder first, or pass --app <folder of the cloud assembly>';

/**
 * The cloud assembly of an app: `dir` itself when it holds a manifest.json, else the
 * `output` folder that dir's cdk.json names (cdk.out by default).
 */
export function findAssembly(dir: string): string {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`--app ${dir} is not a folder. ${RUN_SYNTH}.`);
  }
  if (existsSync(path.join(root, 'manifest.json'))) return root;
  const assembly = path.join(root, cdkJsonOutput(root) ?? 'cdk.out');
  if (!existsSync(path.join(assembly, 'manifest.json'))) {
    throw new UsageError(`There is no cloud assembly in ${path.relative(process.cwd(), assembly) || '.'} (no manifest.json). ${RUN_SYNTH}.`);
  }
  return assembly;
}

function cdkJsonOutput(dir: string): string | undefined {
  const file = path.join(dir, 'cdk.json');
  if (!existsSync(file)) return undefined;
  try {
    const output = JSON.parse(readFileSync(file, 'utf8')).output;
    return typeof output === 'string' ? output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every LatencySensitiveFunction recorded in the assembly, nested stages included, in the
 * assembly's order.
 * @throws UsageError when the assembly has none, or was made by a version of the
 * library that records nothing or records another version
 */
export function readRecordedFunctions(assemblyDir: string): RecordedFunction[] {
  let assembly: cxapi.CloudAssembly;
  try {
    // The assembly may come from a newer CDK CLI than this aws-cdk-lib: only our records matter.
    assembly = new cxapi.CloudAssembly(assemblyDir, { skipVersionCheck: true });
  } catch (error) {
    throw new UsageError(`Cannot read the cloud assembly in ${assemblyDir} (${(error as Error).message}). ${RUN_SYNTH}.`);
  }
  const found: RecordedFunction[] = [];
  let unrecorded = 0;
  for (const stack of assembly.stacksRecursively) {
    const entries = stack.findMetadataByType(MEASUREMENT_METADATA_TYPE);
    for (const entry of entries) {
      const record = entry.data as unknown as MeasurementRecord;
      if (record?.version !== MEASUREMENT_RECORD_VERSION) {
        throw new UsageError(`${entry.path} was recorded by another version of cdk-latency-sensitive-function (record version ${String(record?.version)}, this lsf reads ${MEASUREMENT_RECORD_VERSION}). `
          + 'Use the lsf of the library version your app synthesizes with (npx lsf from the app\'s folder), then run `cdk synth` again.');
      }
      found.push({ stackId: stack.id, stackName: stack.stackName, record, assemblyDir: stack.assembly.directory });
    }
    if (entries.length === 0) unrecorded += countUnrecordedFunctions(stack.template);
  }
  if (found.length === 0) {
    throw new UsageError(unrecorded > 0
      ? `The cloud assembly in ${assemblyDir} has ${unrecorded} function(s) with this library's cold-start metrics but no record of what lsf measures: `
        + 'LatencySensitiveFunctions made by an older version of cdk-latency-sensitive-function (update the library in your app and run `cdk synth` again), '
        + 'or ColdStartMetrics on other functions (lsf measures LatencySensitiveFunctions only).'
      : `The cloud assembly in ${assemblyDir} has no LatencySensitiveFunction. Add one to your app (or pass --app for another app) and run \`cdk synth\`.`);
  }
  return found;
}

/** Functions with this library's cold-start metrics (every version has created them) but no record. */
interface TemplateResources {
  readonly Resources?: Record<string, { Type?: string; Properties?: { MetricTransformations?: MetricTransformation[] } }>;
}

interface MetricTransformation {
  readonly MetricNamespace?: unknown;
  readonly MetricName?: unknown;
}

function countUnrecordedFunctions(template: TemplateResources): number {
  return Object.values(template.Resources ?? {}).filter((resource) => resource.Type === 'AWS::Logs::MetricFilter'
    && resource.Properties?.MetricTransformations?.some((t) => t.MetricName === 'InitDuration' && JSON.stringify(t.MetricNamespace).includes('ColdStartMetrics/'))).length;
}

/**
 * The functions a command measures: those of `--stack`, and those `--function` names (one
 * construct ID can match a function in each of several stacks: the caller decides whether
 * that is one measurement or ambiguous).
 * @throws UsageError when a filter matches nothing
 */
export function selectFunctions(functions: readonly RecordedFunction[], filter: FunctionFilter): RecordedFunction[] {
  let selected = [...functions];
  if (filter.stack !== undefined) {
    selected = selected.filter((f) => f.stackName === filter.stack || f.stackId === filter.stack);
    if (selected.length === 0) {
      const stacks = [...new Set(functions.map((f) => f.stackName))];
      throw new UsageError(`--stack ${filter.stack}: no stack of that name holds a LatencySensitiveFunction. Stacks that do: ${stacks.join(', ')}.`);
    }
  }
  if (filter.function !== undefined) {
    const wanted = filter.function.replace(/^\/+/, '');
    const matches = selected.filter((f) => {
      const p = f.record.constructPath;
      return p === wanted || p.endsWith(`/${wanted}`);
    });
    if (matches.length === 0) {
      throw new UsageError(`--function ${filter.function} matches no LatencySensitiveFunction${filter.stack ? ` in stack ${filter.stack}` : ''}. `
        + `Give a construct ID or path: ${candidates(selected)}.`);
    }
    selected = matches;
  }
  return selected;
}

export function candidates(functions: readonly RecordedFunction[]): string {
  return functions.map((f) => f.record.constructPath).join(', ');
}

/** An absolute path from a record's assembly-relative one. */
export function recordedPath(fn: RecordedFunction, relative: string): string {
  return path.resolve(fn.assemblyDir, relative);
}
