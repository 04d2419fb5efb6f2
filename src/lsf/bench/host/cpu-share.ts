import { mkdirSync, readdirSync, readFileSync, rmdirSync, statfsSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What the machine allows. */
export interface CpuShareSupport {
  readonly available: boolean;
  readonly mechanism: 'cgroup-v2' | 'cgroup-v1' | 'none';
  /** One sentence, e.g. why not available and what to do. */
  readonly detail: string;
}

/** One cgroup limited to a share of the CPU. */
export interface CpuCgroup {
  /** The cgroup's folder in the cgroup file system. */
  readonly path: string;
  /** The share it gets: its quota over its period (the request, unless raised to the kernel's 1 ms minimum quota). */
  readonly vcpus: number;
  /**
   * Moves these processes (e.g. every pid of a runtime's process group, read from /proc) into
   * the cgroup; processes they start afterwards are in it too. A pid that has already exited
   * is skipped.
   */
  addProcesses(pids: readonly number[]): void;
  /** Removes the cgroup; its processes must be gone (retry briefly while they exit). */
  remove(): Promise<void>;
}

/** Memory that buys one vCPU on Lambda, in MB. */
export const MB_PER_VCPU = 1769;

/**
 * The CFS period of every cgroup made here: 20 ms (the kernel's default is 100 ms).
 *
 * A CFS quota is a budget of CPU time refilled at the start of each period; a group that has
 * spent it is stopped until the next period. The period therefore decides how the share is
 * spread in time, which matters for invocations of a millisecond or so:
 * - 100 ms at 128 MB (0.0724 vCPU) is a 7.24 ms budget. A 1 ms invocation runs at full speed
 *   while the period's budget lasts, and when it arrives after the budget is spent (after an
 *   init, a heavy invocation, a GC) it waits up to ~93 ms: mostly unthrottled, with rare
 *   ~90 ms outliers. That is a long-tail artefact of the period, not of the share.
 * - 1 to 5 ms approaches a fluid 7 % of a core: every 1 ms invocation would take ~14 ms,
 *   with scheduler overhead at each period. And the kernel refuses quotas under 1 ms, which
 *   0.0724 vCPU reaches below a 13.8 ms period.
 * - 20 ms gives the smallest Lambda size (128 MB) 1.45 ms per period, above the kernel's
 *   minimum: a ~1 ms invocation runs at full speed unless the period's budget is already
 *   spent, the worst stall is ~18.5 ms, and CPU-bound work (inits, heavy invocations) converges
 *   to memory / 1769 of a core within tens of ms.
 * Lambda does not document the period it uses, and no primary source for it was found: the
 * choice rests on the argument above. Checking it takes a 128 MB function on Lambda whose busy
 * loop timestamps its stalls (their spacing is the period); this constant is then the one
 * thing to adjust.
 */
export const CFS_PERIOD_US = 20_000;

/** The kernel refuses smaller quotas (EINVAL). */
const MIN_QUOTA_US = 1_000;
/** statfs f_type of cgroup v1 and cgroup2 file systems (linux/magic.h). */
const CGROUP_SUPER_MAGIC = 0x27e0eb;
const CGROUP2_SUPER_MAGIC = 0x63677270;
/** lsf-<owner pid>-<n>: the owner is the lsf process that made the cgroup. */
const CGROUP_NAME = /^lsf-(\d+)-(\d+)$/;
/** How long remove() waits for processes that are exiting to leave the cgroup. */
const REMOVE_WAIT_MS = 2000;
/** How long removeAll() and removeStale() wait per cgroup, synchronously, after killing what is left in it. */
const SYNC_REMOVE_WAIT_MS = 1000;
const RETRY_MS = 10;
const NO_CPU_SHARE = 'pass --no-cpu-share to bench without CPU shares';

/**
 * The vCPUs that `memorySize` MB buys on Lambda (memory / 1769), capped at `cores` (this
 * machine's, by default): a share larger than the machine would not limit anything.
 */
export function vcpusForMemory(memorySize: number, cores: number = machineCores()): number {
  if (!Number.isFinite(memorySize) || memorySize <= 0) throw new RangeError(`memory size must be a positive number of MB, not ${memorySize}`);
  return Math.min(memorySize / MB_PER_VCPU, cores);
}

/** Every pid whose process group is `pgid` (from /proc/<pid>/stat), zombies included. */
export function processesInGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // After the parenthesised command name: state, ppid, pgrp.
    if (fields && Number(fields[2]) === pgid) found.push(Number(entry));
  }
  return found;
}

/** Where cgroups are made and how they are limited. */
interface Layout {
  readonly mechanism: 'cgroup-v2' | 'cgroup-v1';
  /** The cgroup under which lsf-<pid>-<n> cgroups are made. */
  readonly base: string;
}

let lastNumber = 0;

/** The cgroups one lsf process makes: one per runtime process, each with its own CFS quota. */
export class CpuShares {
  /**
   * Finds a writable cpu controller (v2 cpu.max preferred where the cpu controller is there,
   * else v1 cfs_quota); never throws: reports 'none' with the reason (not root, read-only,
   * container without the controller). `root` overrides the cgroup mount root for tests.
   *
   * On cgroup v2 it may write `+cpu` to the `cgroup.subtree_control` of the mount root, which
   * enables the controller for the root's children (systemd hosts usually have it already).
   */
  public static detect(options: { root?: string } = {}): CpuShares {
    const root = options.root ?? '/sys/fs/cgroup';
    try {
      const found = findLayout(root, options.root === undefined);
      return 'base' in found ? new CpuShares(availableSupport(found), found) : new CpuShares(found);
    } catch (error) {
      return new CpuShares({ available: false, mechanism: 'none', detail: `cannot inspect the cgroups under ${root} (${describe(error)}): run as root, or ${NO_CPU_SHARE}` });
    }
  }

  private readonly made = new Set<LimitedCgroup>();

  private constructor(public readonly support: CpuShareSupport, private readonly layout?: Layout) {}

  /**
   * Removes lsf cgroups left by killed runs (their owner pid gone); returns how many, so the
   * caller can say it once. Processes still in such a cgroup (runtimes that outlived a killed
   * lsf) are killed first. A cgroup whose owner pid has been reused by another process is kept.
   */
  public removeStale(): number {
    if (!this.layout) return 0;
    let removed = 0;
    for (const entry of readdirSync(this.layout.base)) {
      const match = CGROUP_NAME.exec(entry);
      if (!match || processExists(Number(match[1]))) continue;
      if (removeNow(path.join(this.layout.base, entry))) removed++;
    }
    return removed;
  }

  /**
   * A new cgroup limited to `vcpus`: quota = vcpus × CFS_PERIOD_US (20 ms, see there why),
   * at least the kernel's 1 ms. Named lsf-<this pid>-<n>, so that removeStale can tell whose
   * it is.
   * @throws Error when cpu shares are not available here, or the kernel refuses the cgroup
   */
  public create(vcpus: number): CpuCgroup {
    if (!this.layout) throw new Error(`cpu shares are not available: ${this.support.detail}`);
    if (!Number.isFinite(vcpus) || vcpus <= 0) throw new RangeError(`vcpus must be a positive number, not ${vcpus}`);
    const quotaUs = Math.max(MIN_QUOTA_US, Math.round(vcpus * CFS_PERIOD_US));
    const folder = makeCgroup(this.layout.base);
    try {
      writeLimit(this.layout.mechanism, folder, quotaUs);
    } catch (error) {
      removeNow(folder);
      throw new Error(`cannot limit cgroup ${folder} to ${vcpus} vCPU: ${describe(error)}`);
    }
    const cgroup = new LimitedCgroup(folder, quotaUs / CFS_PERIOD_US, () => this.made.delete(cgroup));
    this.made.add(cgroup);
    return cgroup;
  }

  /**
   * Removes every cgroup this instance created that is still there (call on exit;
   * synchronous). Processes still in one are killed, then it retries for up to a second
   * while they die; a cgroup that still cannot be removed is left for removeStale.
   */
  public removeAll(): void {
    for (const cgroup of [...this.made]) {
      if (removeNow(cgroup.path)) this.made.delete(cgroup);
    }
  }
}

class LimitedCgroup implements CpuCgroup {
  public readonly path: string;

  constructor(folder: string, public readonly vcpus: number, private readonly forget: () => void) {
    this.path = folder;
  }

  public addProcesses(pids: readonly number[]): void {
    const procs = path.join(this.path, 'cgroup.procs');
    for (const pid of pids) {
      try {
        // One pid per write: the kernel moves that process (all its threads).
        writeFileSync(procs, `${pid}\n`);
      } catch (error) {
        if (errorCode(error) === 'ESRCH') continue;
        throw new Error(`cannot move process ${pid} into cgroup ${this.path}: ${describe(error)}`);
      }
    }
  }

  public async remove(): Promise<void> {
    const giveUpAt = Date.now() + REMOVE_WAIT_MS;
    for (;;) {
      const outcome = tryRemove(this.path);
      if (outcome === 'removed') break;
      if (outcome !== 'busy') throw new Error(`cannot remove cgroup ${this.path}: ${describe(outcome)}`);
      if (Date.now() >= giveUpAt) {
        throw new Error(`cannot remove cgroup ${this.path}: processes ${membersOf(this.path).join(', ')} still in it after ${REMOVE_WAIT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    this.forget();
  }
}

function findLayout(root: string, ownMachine: boolean): Layout | CpuShareSupport {
  const none = (detail: string): CpuShareSupport => ({ available: false, mechanism: 'none', detail });
  const v2Root = [root, path.join(root, 'unified')].find((folder) => fileSystemType(folder) === CGROUP2_SUPER_MAGIC);
  const v1Root = v1CpuHierarchy(root);
  let v2Problem: string | undefined;
  if (v2Root !== undefined) {
    const controllers = words(readFileSync(path.join(v2Root, 'cgroup.controllers'), 'utf8'));
    if (controllers.includes('cpu')) {
      const usable = v2Base(v2Root, ownMachine);
      if ('base' in usable) return usable;
      v2Problem = usable.problem;
    } else if (v1Root === undefined) {
      const offered = controllers.length > 0 ? controllers.join(' ') : 'none';
      return none(`cgroup v2 at ${v2Root} has no cpu controller (it offers: ${offered}) and there is no cgroup v1 cpu hierarchy, as in a container not given it: run on the host or in a container with the cpu controller, or ${NO_CPU_SHARE}`);
    }
  }
  if (v1Root !== undefined) {
    if (!readable(path.join(v1Root, 'cpu.cfs_quota_us'))) {
      return none(`cgroup v1 cpu controller at ${v1Root} has no cpu.cfs_quota_us (a kernel without CFS bandwidth control): ${NO_CPU_SHARE}`);
    }
    const failure = probe({ mechanism: 'cgroup-v1', base: v1Root });
    if (failure === undefined) return { mechanism: 'cgroup-v1', base: v1Root };
    return none(`cgroup v1 cpu controller at ${v1Root} is not writable (${failure.reason}): ${failure.remedy}, or ${NO_CPU_SHARE}`);
  }
  if (v2Problem !== undefined) return none(`${v2Problem}, or ${NO_CPU_SHARE}`);
  return none(`no cgroup file system under ${root} (neither cgroup v2 nor a cgroup v1 cpu hierarchy): ${NO_CPU_SHARE}`);
}

/**
 * A cgroup v2 folder whose children get the cpu controller and that we may make children in:
 * the mount root (which may hold processes and still enable controllers for its children), or
 * on this machine the parent of our own cgroup (when cpu is enabled there, its children, our
 * own cgroup's siblings, have cpu.max). A cgroup holding processes cannot enable controllers
 * for children ("no internal processes"), so our own cgroup is never a candidate.
 */
function v2Base(v2Root: string, ownMachine: boolean): Layout | { problem: string } {
  const candidates = [v2Root];
  const own = ownMachine ? ownV2Cgroup() : undefined;
  if (own !== undefined && own !== '/') candidates.push(path.join(v2Root, path.dirname(own)));
  const problems: string[] = [];
  // The first candidate's: the mount root is the one that works on a host.
  let remedy: string | undefined;
  for (const base of new Set(candidates)) {
    const refused = enableCpu(base);
    if (refused !== undefined) {
      problems.push(`cannot enable it for the children of ${base} (${refused.reason})`);
      remedy ??= refused.remedy;
      continue;
    }
    const layout: Layout = { mechanism: 'cgroup-v2', base };
    const failure = probe(layout);
    if (failure === undefined) return layout;
    problems.push(`cannot make a cgroup with cpu.max under ${base} (${failure.reason})`);
    remedy ??= failure.remedy;
  }
  return { problem: `cgroup v2 at ${v2Root} has the cpu controller but ${problems.join(', and ')}: ${remedy}` };
}

/** Makes sure `cpu` is in the folder's cgroup.subtree_control; returns why it cannot be. */
function enableCpu(base: string): ProbeFailure | undefined {
  const control = path.join(base, 'cgroup.subtree_control');
  try {
    if (words(readFileSync(control, 'utf8')).includes('cpu')) return undefined;
    writeFileSync(control, '+cpu');
    return undefined;
  } catch (error) {
    if (errorCode(error) !== 'EBUSY') return probeFailure(error);
    return {
      reason: 'EBUSY: it holds processes itself',
      remedy: 'which happens in a container whose processes sit in its root cgroup; run on the host, or move them into a child cgroup first',
    };
  }
}

/** The v1 hierarchy the cpu controller is mounted on: <root>/cpu, or <root>/cpu,cpuacct and the like. */
function v1CpuHierarchy(root: string): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return undefined;
  }
  const named = entries.filter((entry) => entry.split(',').includes('cpu')).sort((a, b) => a.length - b.length);
  return named.map((entry) => path.join(root, entry)).find((folder) => fileSystemType(folder) === CGROUP_SUPER_MAGIC);
}

/** Why a cgroup could not be made or limited, and what to do about it. */
interface ProbeFailure {
  readonly reason: string;
  readonly remedy: string;
}

/** Makes and removes one limited cgroup; returns why that fails. */
function probe(layout: Layout): ProbeFailure | undefined {
  let folder: string;
  try {
    folder = makeCgroup(layout.base);
  } catch (error) {
    return probeFailure(error);
  }
  try {
    writeLimit(layout.mechanism, folder, CFS_PERIOD_US);
    return undefined;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') return probeFailure(error);
    const file = layout.mechanism === 'cgroup-v2' ? 'cpu.max' : 'cpu.cfs_quota_us';
    return { reason: `its cgroups have no ${file}`, remedy: 'it needs a kernel with CFS bandwidth control' };
  } finally {
    removeNow(folder);
  }
}

function probeFailure(error: unknown): ProbeFailure {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return { reason: code, remedy: 'run as root' };
  if (code === 'EROFS') return { reason: 'EROFS: mounted read-only, as in most containers', remedy: 'run on the host or in a container given a writable cgroup mount' };
  return { reason: describe(error), remedy: 'run as root on a machine whose cgroups offer the cpu controller' };
}

function makeCgroup(base: string): string {
  for (;;) {
    const folder = path.join(base, `lsf-${process.pid}-${++lastNumber}`);
    try {
      mkdirSync(folder);
      return folder;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
}

function writeLimit(mechanism: Layout['mechanism'], folder: string, quotaUs: number): void {
  // A regular folder would accept new files: write only to the kernel's own.
  const write = (file: string, value: string) => writeFileSync(path.join(folder, file), value, { flag: 'r+' });
  if (mechanism === 'cgroup-v2') {
    write('cpu.max', `${quotaUs} ${CFS_PERIOD_US}`);
  } else {
    // Period first: the quota is checked against it.
    write('cpu.cfs_period_us', `${CFS_PERIOD_US}`);
    write('cpu.cfs_quota_us', `${quotaUs}`);
  }
}

/** Removes a cgroup now: kills what is still in it and retries while that dies. */
function removeNow(folder: string): boolean {
  const giveUpAt = Date.now() + SYNC_REMOVE_WAIT_MS;
  for (;;) {
    const outcome = tryRemove(folder);
    if (outcome === 'removed') return true;
    if (outcome !== 'busy' || Date.now() >= giveUpAt) return false;
    for (const pid of membersOf(folder)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    sleepSync(RETRY_MS);
  }
}

/** rmdir: 'removed' (also when it was gone already), 'busy' while processes are in it, or the error. */
function tryRemove(folder: string): 'removed' | 'busy' | Error {
  try {
    rmdirSync(folder);
    return 'removed';
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return 'removed';
    if (code === 'EBUSY') return 'busy';
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The pids in a cgroup (0 for processes of other pid namespaces, left out). */
function membersOf(folder: string): number[] {
  try {
    return words(readFileSync(path.join(folder, 'cgroup.procs'), 'utf8')).map(Number).filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

/** Our own cgroup v2 path, from the "0::<path>" line of /proc/self/cgroup. */
function ownV2Cgroup(): string | undefined {
  try {
    const line = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((l) => l.startsWith('0::'));
    return line?.slice(3);
  } catch {
    return undefined;
  }
}

function availableSupport(layout: Layout): CpuShareSupport {
  const where = layout.mechanism === 'cgroup-v2' ? `cgroup v2 cpu.max under ${layout.base}` : `cgroup v1 cpu controller at ${layout.base}`;
  return {
    available: true,
    mechanism: layout.mechanism,
    detail: `${where}: each runtime gets a CFS quota of memory / ${MB_PER_VCPU} vCPU per ${CFS_PERIOD_US / 1000} ms period`,
  };
}

/** Live or zombie: a zombie owner is still an owner. */
function processExists(pid: number): boolean {
  return statFields(pid) !== undefined;
}

/** The fields of /proc/<pid>/stat after the command name, or undefined when there is no such process. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function fileSystemType(folder: string): number | undefined {
  try {
    return statfsSync(folder).type;
  } catch {
    return undefined;
  }
}

function readable(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

function machineCores(): number {
  return os.cpus().length || os.availableParallelism();
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
}
