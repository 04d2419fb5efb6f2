import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { LatencyProfileRecord, RustRecord, TwinRecord } from '../../private/measurement/measurement-record';
import { RecordedFunction, candidates, recordedPath } from '../assembly/recorded-functions';
import { UsageError } from '../errors';

/** How the Rust bootstrap of a measured function is built, with absolute paths. */
export interface RustBuild extends Omit<RustRecord, 'manifest'> {
  readonly manifestFile: string;
}

/** A twin to run locally, or the reason it cannot be. */
export type LocalTwin =
  | { readonly name: string; readonly kind: 'python'; readonly entry: string; readonly index: string; readonly handler: string; readonly runtime: string }
  | { readonly name: string; readonly kind: 'node'; readonly entry: string; readonly handler: string; readonly runtime: string }
  | { readonly name: string; readonly kind: 'existing'; readonly reason: string };

/**
 * One local measurement: functions that deploy the same build (manifest, binary, Cargo
 * settings, architecture, memory) are measured once, with all their twins in one table.
 */
export interface MeasuredFunction {
  /** A short name for tables and the cache: the construct ID they share, or their paths. */
  readonly name: string;
  /** The construct paths measured. */
  readonly constructPaths: string[];
  readonly rust: RustBuild;
  readonly architecture: string;
  readonly memorySize: number;
  readonly timeoutMs: number;
  /** Environment variables known at synth time; deploy-time values are left out (`unresolved`). */
  readonly environment: { readonly [name: string]: string };
  readonly unresolvedEnvironment: string[];
  readonly latencyProfile: LatencyProfileRecord;
  readonly twins: LocalTwin[];
  /** Identifies the build settings: the cache folder's suffix. */
  readonly buildKey: string;
}

/**
 * Groups the recorded functions into measurements and checks that their sources are still
 * where the assembly says, before anything is built.
 * @throws UsageError when a recorded file is gone (the app moved or changed since `cdk synth`)
 */
export function measuredFunctions(functions: readonly RecordedFunction[]): MeasuredFunction[] {
  const groups = new Map<string, RecordedFunction[]>();
  for (const fn of functions) {
    const key = buildKeyOf(fn);
    groups.set(key, [...(groups.get(key) ?? []), fn]);
  }
  return [...groups].map(([key, members]) => measured(key, members));
}

function buildKeyOf(fn: RecordedFunction): string {
  const { rust, architecture, memorySize } = fn.record;
  const identity = [
    recordedPath(fn, rust.manifest), rust.binary, rust.cargoProfile, rust.cargoLambdaFlags, rust.buildEnvironment, rust.toolchain,
    architecture, memorySize,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 12);
}

function measured(buildKey: string, members: RecordedFunction[]): MeasuredFunction {
  const first = members[0];
  const { rust, ...record } = first.record;
  const manifestFile = recordedPath(first, rust.manifest);
  if (!existsSync(manifestFile)) {
    throw new UsageError(`${first.record.constructPath}: its Cargo manifest ${manifestFile} no longer exists (the app moved or changed since it was synthesized). Run \`cdk synth\` again.`);
  }
  const ids = new Set(members.map((m) => m.record.constructPath.split('/').pop()!));
  const environment: { [name: string]: string } = {};
  const unresolved: string[] = [];
  for (const [name, value] of Object.entries(record.environment)) {
    if (value === null) unresolved.push(name);
    else environment[name] = value;
  }
  const names = new Map<string, number>();
  const seen = new Set<string>();
  const twins: LocalTwin[] = [];
  // Python, Node, then existing functions, whatever the order of the stacks in the assembly.
  const recorded = members.flatMap((member) => member.record.twins.map((twin) => ({ member, twin })))
    .sort((a, b) => KIND_ORDER.indexOf(a.twin.kind) - KIND_ORDER.indexOf(b.twin.kind));
  for (const { member, twin } of recorded) {
    const local = localTwin(member, twin);
    const identity = JSON.stringify({ ...local, name: undefined });
    if (seen.has(identity)) continue;
    seen.add(identity);
    // Two functions of one measurement may each have a twin of the same name: number them.
    const count = (names.get(local.name) ?? 0) + 1;
    names.set(local.name, count);
    twins.push({ ...local, name: count === 1 ? local.name : `${local.name}-${count}` });
  }
  return {
    name: ids.size === 1 ? [...ids][0] : members.map((m) => m.record.constructPath).join(', '),
    constructPaths: members.map((m) => m.record.constructPath).sort(),
    rust: { ...rust, manifestFile },
    architecture: record.architecture,
    memorySize: record.memorySize,
    timeoutMs: record.timeoutMs,
    environment,
    unresolvedEnvironment: unresolved,
    latencyProfile: record.latencyProfile,
    twins,
    buildKey,
  };
}

const KIND_ORDER: ReadonlyArray<TwinRecord['kind']> = ['python', 'node', 'existing'];

/** A measurement's name made safe for file, folder and function names. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '-');
}

function localTwin(fn: RecordedFunction, twin: TwinRecord): LocalTwin {
  const owner = `${fn.record.constructPath}: its ${twin.name} twin`;
  switch (twin.kind) {
    case 'python': {
      if (twin.snapStart !== undefined) {
        // Listed, not run: a local process has no snapshot to restore, so it would time the
        // plain Python init again under another name.
        return {
          name: twin.name,
          kind: 'existing',
          reason: `${twin.constructPath} runs with SnapStart, whose cold starts are restores of a snapshot that only Lambda takes: `
            + `measure it on AWS with \`lsf compare\` (through its alias ${twin.snapStart.alias}).`,
        };
      }
      const entry = recordedPath(fn, twin.entry);
      requireFile(owner, path.join(entry, twin.index));
      return { name: twin.name, kind: 'python', entry, index: twin.index, handler: twin.handler, runtime: twin.runtime };
    }
    case 'node': {
      const entry = recordedPath(fn, twin.entry);
      requireFile(owner, entry);
      return { name: twin.name, kind: 'node', entry, handler: twin.handler, runtime: twin.runtime };
    }
    default:
      return {
        name: twin.name === 'existing' ? 'existing-twin' : twin.name,
        kind: 'existing',
        reason: `${twin.constructPath} is an existing function (Twin.fromFunction): its code is not in the app, so it cannot run locally. Measure it on AWS with \`lsf compare\`.`,
      };
  }
}

function requireFile(owner: string, file: string): void {
  if (!existsSync(file)) {
    throw new UsageError(`${owner} ${file} no longer exists (the app moved or changed since it was synthesized). Run \`cdk synth\` again.`);
  }
}

/**
 * Several functions matched by one `--function` are one measurement only when they deploy
 * the same build.
 * @throws UsageError otherwise, listing them
 */
export function requireOneMeasurement(
  measurements: readonly MeasuredFunction[], functions: readonly RecordedFunction[], filter: string | undefined,
): void {
  if (filter !== undefined && measurements.length > 1) {
    throw new UsageError(`--function ${filter} matches ${functions.length} functions built differently: ${candidates(functions)}. Give the construct path of one of them, or add --stack.`);
  }
}
