import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { toolchainEnvironment } from '../../../private/build/rust-toolchain-environment';
import { RustToolchain } from '../../../rust-build';
import { UsageError } from '../../errors';
import { withEntryLock } from '../prepare/cache-lock';
import { runBuild } from '../prepare/run-command';
import { RuntimeProcess } from '../runtime/runtime-process';

/** Whether aarch64 binaries that start a thread run under qemu-user on this machine. */
export interface QemuThreadCheck {
  readonly threadsRun: boolean;
  /** One sentence for a user. */
  readonly detail: string;
  /** Environment that qemu runs need for threads to work here (the glibc fix below), or none. */
  readonly environment: Record<string, string>;
}

export const QEMU_COMMAND = 'qemu-aarch64-static';
export const AARCH64_SYSROOT = '/usr/aarch64-linux-gnu';
/** The probe under `<cacheRoot>/`: its sources, its cargo target folder and the cached verdict. */
export const PROBE_FOLDER = 'qemu-thread-probe';
/** The probe binary, relative to its folder. */
export const PROBE_BINARY = path.join('target', 'aarch64-unknown-linux-gnu', 'release', 'lsf-qemu-thread-probe');
/** What the probe prints once its thread has been joined. */
export const PROBE_MARKER = 'lsf-qemu-thread-probe: thread joined';
/** A probe that has not finished by then hangs: it needs about 50 ms. */
export const PROBE_TIMEOUT_MS = 3000;

/**
 * The fix. `-L /usr/aarch64-linux-gnu` makes qemu run the loader of libc6-arm64-cross; that
 * loader finds libc.so.6 through the host's /etc/ld.so.cache, which lists the multiarch
 * libc6:arm64 under /lib/aarch64-linux-gnu when that package is installed (rust's aarch64 std
 * pulls it in). When the two are different glibc builds (checked here: ld.so 2.36-8 has a
 * 4,512-byte `_rtld_global`, libc 2.36-9+deb12u14 expects 4,520 bytes), libc reads the
 * loader's thread-stack list at the wrong offset and pthread_create walks it forever, with no
 * system call: the "qemu hangs on threads" symptom. Nothing in qemu itself. Pointing the
 * loader at the libc next to it makes the pair match again.
 */
const LIBRARY_FIX: Record<string, string> = { LD_LIBRARY_PATH: `${AARCH64_SYSROOT}/lib` };

const PROBE_CARGO_TOML = `[package]
name = "lsf-qemu-thread-probe"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
`;

const PROBE_MAIN_RS = `//! Starts and joins one thread: hangs where qemu-user cannot run aarch64 threads.
fn main() {
    std::thread::spawn(|| ()).join().unwrap();
    println!("${PROBE_MARKER}");
}
`;

/** The files whose versions decide the verdict: a change to any of them re-checks. */
const GLIBC_FILES = [
  `${AARCH64_SYSROOT}/lib/ld-linux-aarch64.so.1`,
  `${AARCH64_SYSROOT}/lib/libc.so.6`,
  '/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1',
  '/lib/aarch64-linux-gnu/libc.so.6',
  '/etc/ld.so.cache',
];

const INSTALL_RUST = 'Install Rust with rustup (https://rustup.rs), or Debian\'s with scripts/setup-toolchain.sh.';

/** How one run of the probe under qemu ended. */
interface ProbeRun {
  readonly outcome: 'ok' | 'timeout' | 'failed';
  readonly ms: number;
  /** Exit code and output, for a failed run. */
  readonly summary: string;
}

/**
 * Checks, in a few seconds at most, whether an aarch64 binary that starts a thread runs under
 * `qemu-aarch64-static -L /usr/aarch64-linux-gnu` here, and with which environment. Builds a
 * std-only probe into `<cacheRoot>/qemu-thread-probe/` and caches the verdict there, keyed by
 * the qemu binary and the aarch64 glibc files it loads: a second call only stats files.
 * Throws a UsageError when the aarch64 probe cannot be built (the arm64 bootstrap could
 * not be either).
 */
export async function checkQemuThreads(cacheRoot: string, log: (line: string) => void): Promise<QemuThreadCheck> {
  const qemu = resolveOnPath(QEMU_COMMAND);
  if (qemu === undefined || !existsSync(AARCH64_SYSROOT)) {
    return {
      threadsRun: false,
      detail: `arm64 binaries cannot run here: ${QEMU_COMMAND} or ${AARCH64_SYSROOT} is missing (apt-get install qemu-user-static libc6-arm64-cross).`,
      environment: {},
    };
  }
  const folder = path.join(cacheRoot, PROBE_FOLDER);
  const verdictFile = path.join(folder, 'verdict.json');
  const key = verdictKey(qemu);
  const cached = readVerdict(verdictFile, key);
  if (cached !== undefined) return cached;
  // One run probes at a time: cargo would relink the probe while another run executes it.
  return withEntryLock(`${folder}.lock`, 'checking qemu-user threads', log, async () => readVerdict(verdictFile, key) ?? probeThreads(qemu, folder, verdictFile, key, log));
}

/** Builds and runs the probe, and saves the verdict. */
async function probeThreads(qemu: string, folder: string, verdictFile: string, key: string, log: (line: string) => void): Promise<QemuThreadCheck> {
  log(`Checking whether ${QEMU_COMMAND} runs aarch64 threads on this machine (a few seconds, once per qemu version)...`);
  const binary = await buildProbe(folder);
  const plain = await runProbe(qemu, binary, {});
  let check: QemuThreadCheck;
  if (plain.outcome === 'ok') {
    check = { threadsRun: true, detail: `qemu-user runs aarch64 threads on this machine (a std::thread probe finished in ${plain.ms} ms).`, environment: {} };
  } else {
    const fixed = await runProbe(qemu, binary, LIBRARY_FIX);
    const fix = Object.entries(LIBRARY_FIX).map(([name, value]) => `${name}=${value}`).join(' ');
    if (fixed.outcome === 'ok') {
      check = {
        threadsRun: true,
        detail: `qemu-user runs aarch64 threads here only with ${fix} (a std::thread probe ${plain.summary} without it, and finished in ${fixed.ms} ms with it): `
          + `without it the loader of ${AARCH64_SYSROOT} loads ${mismatch()}, and pthread_create loops forever.`,
        environment: { ...LIBRARY_FIX },
      };
    } else if (plain.outcome === 'timeout' && fixed.outcome === 'timeout') {
      check = {
        threadsRun: false,
        detail: `qemu-user on this machine hangs in any aarch64 binary that starts a thread (a std::thread probe did not finish in ${PROBE_TIMEOUT_MS / 1000} s, with or without ${fix}).`,
        environment: {},
      };
    } else {
      check = {
        threadsRun: false,
        detail: `An aarch64 binary that starts a thread does not run under qemu-user here (a std::thread probe ${plain.summary}; with ${fix} it ${fixed.summary}).`,
        environment: {},
      };
    }
  }
  writeVerdict(verdictFile, key, check);
  return check;
}

/** Writes the probe's sources (only when changed, or cargo rebuilds) and builds it for aarch64. */
async function buildProbe(folder: string): Promise<string> {
  const lookup = toolchainEnvironment(RustToolchain.AUTO, lambda.Architecture.ARM_64);
  if ('missing' in lookup) {
    throw new UsageError(`Cannot build the qemu thread probe: ${lookup.missing} is missing. Install it with scripts/setup-toolchain.sh (Debian) or pass --no-arm64.`);
  }
  mkdirSync(path.join(folder, 'src'), { recursive: true });
  writeIfChanged(path.join(folder, 'Cargo.toml'), PROBE_CARGO_TOML);
  writeIfChanged(path.join(folder, 'src', 'main.rs'), PROBE_MAIN_RS);
  await runBuild({
    command: 'cargo',
    args: ['build', '--release', '--target', 'aarch64-unknown-linux-gnu'],
    cwd: folder,
    env: { ...lookup.environment, CARGO_TARGET_DIR: path.join(folder, 'target') },
    what: 'build the qemu thread probe for aarch64',
    install: INSTALL_RUST,
  });
  return path.join(folder, PROBE_BINARY);
}

/**
 * Runs the probe under qemu in its own process group, with a clean environment plus `extra`;
 * kills the whole group after PROBE_TIMEOUT_MS, and in every case waits until it is gone.
 */
async function runProbe(qemu: string, binary: string, extra: Record<string, string>): Promise<ProbeRun> {
  const started = Date.now();
  const probe = new RuntimeProcess({ command: qemu, args: ['-L', AARCH64_SYSROOT, binary], cwd: path.dirname(binary), env: { ...extra } });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), PROBE_TIMEOUT_MS); });
  try {
    const exit = await Promise.race([probe.exited, timedOut]);
    const ms = Date.now() - started;
    if (exit === 'timeout') return { outcome: 'timeout', ms, summary: `did not finish in ${PROBE_TIMEOUT_MS / 1000} s` };
    const output = probe.outputTail();
    if (exit.code === 0 && output.includes(PROBE_MARKER)) return { outcome: 'ok', ms, summary: `finished in ${ms} ms` };
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const firstLine = output.split('\n').find((line) => line !== '' && !line.startsWith('--- '));
    return { outcome: 'failed', ms, summary: firstLine ? `${how} (${firstLine.trim().slice(0, 200)})` : how };
  } finally {
    clearTimeout(timer);
    // Also after a normal exit: reaps the group and forgets it.
    await probe.kill();
  }
}

/** Names the two glibc builds in play, when their version banners can be read. */
function mismatch(): string {
  const loader = banner(`${AARCH64_SYSROOT}/lib/ld-linux-aarch64.so.1`, /ld\.so \(([^)]+)\)/);
  const libc = banner('/lib/aarch64-linux-gnu/libc.so.6', /GNU C Library \(([^)]+)\)/);
  return loader && libc && loader !== libc
    ? `the libc.so.6 of another glibc build (${loader} loader, ${libc} libc from /lib/aarch64-linux-gnu)`
    : 'a libc.so.6 from another glibc build (/lib/aarch64-linux-gnu)';
}

function banner(file: string, pattern: RegExp): string | undefined {
  try {
    return pattern.exec(readFileSync(file, 'latin1'))?.[1];
  } catch {
    return undefined;
  }
}

/** The identity of everything that decides the verdict, from file metadata only. */
function verdictKey(qemu: string): string {
  const identity = (file: string) => {
    try {
      const stat = statSync(file);
      return `${file}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return `${file}:absent`;
    }
  };
  return createHash('sha256')
    .update([identity(qemu), ...GLIBC_FILES.map(identity), PROBE_CARGO_TOML, PROBE_MAIN_RS, String(PROBE_TIMEOUT_MS)].join('\n'))
    .digest('hex');
}

function readVerdict(file: string, key: string): QemuThreadCheck | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if (saved.key !== key) return undefined;
    const check = saved.check;
    if (typeof check?.threadsRun !== 'boolean' || typeof check.detail !== 'string' || typeof check.environment !== 'object' || check.environment === null) return undefined;
    return { threadsRun: check.threadsRun, detail: check.detail, environment: { ...check.environment } };
  } catch {
    return undefined;
  }
}

/** Written whole, then renamed: a concurrent reader sees the old verdict or the new one. */
function writeVerdict(file: string, key: string, check: QemuThreadCheck): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ key, check }, undefined, 2)}\n`);
  renameSync(temporary, file);
}

/** Writes a generated source file; rewriting an unchanged one would make cargo rebuild it. */
function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

/** The real path of `command` on PATH, or undefined. */
function resolveOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}
