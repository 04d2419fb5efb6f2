import * as path from 'node:path';
import { Stack, Stage, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import type { SourceFingerprint } from './source-fingerprint';

/**
 * The construct metadata type under which every LatencySensitiveFunction records what a
 * measurement of it needs. Construct metadata is the CDK's own channel into the cloud
 * assembly: `cdk synth` writes it beside the stack's template (manifest.json or
 * `<stack>.metadata.json`), with tokens resolved, and no deployment reads it.
 */
export const MEASUREMENT_METADATA_TYPE = 'cdk-latency-sensitive-function:measurement';

/** Bumped when a field changes meaning; `lsf` refuses records of a version it does not know. */
export const MEASUREMENT_RECORD_VERSION = 1;

/**
 * What `lsf bench` and `lsf compare` read about one function. Paths are relative to the cloud
 * assembly's folder, so a record is the same on every checkout and `lsf` finds the sources
 * from wherever it runs.
 */
export interface MeasurementRecord {
  readonly version: number;
  readonly constructPath: string;
  /** The function's `AWS::Lambda::Function` logical ID in its stack's template. */
  readonly logicalId: string;
  readonly rust: RustRecord;
  readonly architecture: string;
  readonly memorySize: number;
  readonly timeoutMs: number;
  /** Environment variables; a value known only at deploy time is null. */
  readonly environment: { readonly [name: string]: string | null };
  readonly latencyProfile: LatencyProfileRecord;
  readonly twins: TwinRecord[];
}

/** How the bootstrap is built. */
export interface RustRecord {
  readonly manifest: string;
  readonly binary: string;
  readonly cargoProfile: string;
  readonly cargoLambdaFlags: string[];
  readonly buildEnvironment: { readonly [name: string]: string };
  readonly toolchain: string;
  /**
   * What the bootstrap was built from at synth: the crate, its local path dependencies, the
   * workspace's Cargo.toml and Cargo.lock. Absent when the stack's bundling was skipped, and in
   * records of library versions before it: optional, so that records stay version 1 and an lsf
   * that predates it ignores it.
   */
  readonly sources?: SourceFingerprint;
}

/** The latency profile, in plain numbers. */
export interface LatencyProfileRecord {
  readonly name: string;
  readonly memorySize: number;
  readonly timeoutMs: number;
  readonly coldStartBudgetMs: number;
  readonly warmLatencyBudgetMs: number;
  readonly maxColdStartRatePercent: number;
}

/** A twin the construct created from handler files, or an existing function. */
export type TwinRecord = PythonTwinRecord | NodeTwinRecord | ExistingTwinRecord;

export interface PythonTwinRecord {
  readonly kind: 'python';
  /** The twin's name (Twin's `name`): its column in reports. */
  readonly name: string;
  readonly constructPath: string;
  readonly logicalId: string;
  /** The handler folder. */
  readonly entry: string;
  /** The handler file, relative to `entry`. */
  readonly index: string;
  readonly handler: string;
  readonly runtime: string;
  /** `requirements.txt` relative to `entry`, when there is one. */
  readonly requirements?: string;
  /**
   * Set when the twin runs with SnapStart: the alias that is measured and invoked, since
   * $LATEST never restores from a snapshot. An lsf that predates it measures $LATEST, without
   * SnapStart, and says nothing: the field is optional so that records of twins without
   * SnapStart stay version 1.
   */
  readonly snapStart?: { readonly alias: string };
  /** The handler folder's files as bundled (requirements.txt included); optional like RustRecord's. */
  readonly sources?: SourceFingerprint;
}

export interface NodeTwinRecord {
  readonly kind: 'node';
  /** The twin's name (Twin's `name`): its column in reports. */
  readonly name: string;
  readonly constructPath: string;
  readonly logicalId: string;
  /** The handler's .ts or .js file. */
  readonly entry: string;
  readonly handler: string;
  readonly runtime: string;
  /** The entry, the local modules it imports, the nearest package.json and lock file; optional like RustRecord's. */
  readonly sources?: SourceFingerprint;
}

export interface ExistingTwinRecord {
  readonly kind: 'existing';
  /** The twin's name (Twin's `name`): its column in reports. */
  readonly name: string;
  readonly constructPath: string;
  /** Set when the function is defined in this app: its stack's artifact ID and logical ID. */
  readonly stack?: string;
  readonly logicalId?: string;
  /** Set when the function's name is known at synth time. */
  readonly functionName?: string;
}

/** A path relative to the cloud assembly of `scope`, as records hold them. */
export function assemblyRelative(scope: IConstruct, file: string): string {
  const outdir = Stage.of(scope)?.outdir ?? process.cwd();
  return path.relative(outdir, path.resolve(file)).split(path.sep).join('/');
}

/** The absolute path of a record's path, relative to the cloud assembly of `scope`. */
export function assemblyAbsolute(scope: IConstruct, relative: string): string {
  return path.resolve(Stage.of(scope)?.outdir ?? process.cwd(), relative);
}

/** The logical ID of a function's CfnFunction: a token resolved at synth, so an override is seen. */
export function logicalIdOf(fn: lambda.Function): string {
  return (fn.node.defaultChild as lambda.CfnFunction).logicalId;
}

/** What a twin that already exists records: where it is defined, or its name. */
export function existingTwinRecord(fn: lambda.IFunction): ExistingTwinRecord {
  const defined = fn instanceof lambda.Function;
  return {
    kind: 'existing',
    name: 'existing',
    constructPath: fn.node.path,
    stack: defined ? Stack.of(fn).artifactId : undefined,
    logicalId: defined ? logicalIdOf(fn) : undefined,
    functionName: Token.isUnresolved(fn.functionName) ? undefined : fn.functionName,
  };
}

/** Environment values known at synth time; a deploy-time value (a token) is recorded as null. */
export function recordedEnvironment(environment: { [name: string]: string } | undefined): { [name: string]: string | null } {
  return Object.fromEntries(Object.entries(environment ?? {}).map(([name, value]) => [name, Token.isUnresolved(value) ? null : value]));
}

/** Adds the record to the function's construct metadata, without a stack trace (synth stays deterministic). */
export function addMeasurementRecord(fn: IConstruct, record: MeasurementRecord): void {
  fn.node.addMetadata(MEASUREMENT_METADATA_TYPE, record);
}

const createdTwins = new WeakMap<IConstruct, TwinRecord>();

/** Called by a twin the construct creates, so that the function can record it. */
export function rememberTwinRecord(fn: IConstruct, record: TwinRecord): void {
  createdTwins.set(fn, record);
}

/** The record of a twin: what it remembered when created, or that of an existing function. */
export function twinRecordOf(fn: lambda.IFunction): TwinRecord {
  return createdTwins.get(fn) ?? existingTwinRecord(fn);
}
