import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HarnessColdStart, HarnessProcess } from './harness-process';
import { RieColdStart, liveRieSessions, processesInSessions, requireRie, rieColdStart, rieSessionsStarted } from './rie';
import { addFormValidationStacks } from '../../examples/form-validation/app';
import { readRecordedFunctions } from '../../src/lsf/assembly/recorded-functions';
import { measuredFunctions } from '../../src/lsf/bench/measured-function';
import { InstanceLimits } from '../../src/lsf/bench/runtime/runtime-instance';
import { liveProcessGroups } from '../../src/lsf/bench/runtime/runtime-process';
import { RuntimeSpec, lambdaEnvironment } from '../../src/lsf/bench/runtime/runtime-spec';
import { prepareRuntimes } from '../../src/lsf/bench/runtime/runtimes';
import { readCases } from '../../src/lsf/events/cases';
import { distribution } from '../../src/lsf/report/distribution';
import { TEST_CACHE, synthApp } from '../lsf/bench/bench-apps';

/**
 * An independent oracle for lsf bench's loopback harness: AWS's Runtime Interface Emulator
 * (aws-lambda-rie, installed by scripts/setup-rie.sh) runs the same Rust bootstrap and Python
 * twin of the example, with the same environment, and reports its own init duration. The
 * harness runs as `npx lsf bench` runs it, bundled on plain node in a process of that size
 * (harness-worker.ts): it times a cold start from just before it spawns the runtime, and that
 * fork costs more the more memory the measuring process holds (this jest worker holds a
 * synthesized CDK app), so the table shows how much of its init the spawn() call is.
 */
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'form-validation');
const COLD_STARTS = 10;
// The harness's Rust init p50 and RIE's may differ by this factor at most.
const MAX_RATIO = 2;
// The Rust build and the Python venv are cached in .test-cache, shared with the lsf bench tests; a
// first run builds them (minutes on 2 cores).
const FIRST_BUILD_MS = 20 * 60_000;

let out: string;
beforeAll(() => { out = mkdtempSync(path.join(os.tmpdir(), 'lsf-rie-oracle-')); });
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
  expect(liveRieSessions()).toEqual([]);
  // Every emulator and every runtime it forked, killed: nothing of their sessions is left.
  expect(processesInSessions(rieSessionsStarted())).toEqual([]);
});

describe('lsf bench\'s harness against AWS\'s Runtime Interface Emulator', () => {
  test('the example\'s Rust bootstrap and Python twin: Rust init p50 within 2x of RIE\'s INIT REPORT, Python slower than Rust in both', async () => {
    requireRie();
    const assembly = synthApp(path.join(out, 'cdk.out'), addFormValidationStacks);
    const [fn] = measuredFunctions(readRecordedFunctions(assembly));
    const prepared = await prepareRuntimes(fn, {
      cacheRoot: TEST_CACHE, python: true, node: false, arm64: false, pythonCommand: 'python3', log: () => undefined,
    });
    const specs = ['rust', 'python'].map((name) => prepared.specs.find((s) => s.name === name)!);
    expect(specs.every(Boolean)).toBe(true);
    const [first] = readCases(path.join(EXAMPLE, 'cases.jsonl'));
    const limits: InstanceLimits = { initTimeoutMs: 10_000, invocationTimeoutMs: fn.timeoutMs };

    const harness = new Map<string, HarnessColdStart[]>(specs.map((s) => [s.name, []]));
    const rie = new Map<string, RieColdStart[]>(specs.map((s) => [s.name, []]));
    const worker = HarnessProcess.start(out);
    const underHarness = async (spec: RuntimeSpec, into: HarnessColdStart[]) => {
      into.push(await worker.coldStart(spec, first.event, limits));
    };
    const underRie = async (spec: RuntimeSpec, into: RieColdStart[]) => {
      const start = await rieColdStart(spec.launch, first.event, limits.initTimeoutMs + limits.invocationTimeoutMs);
      expect(JSON.parse(start.body)).toEqual(first.expected);
      into.push(start);
    };

    let workerGroupsLeft: number[] | undefined;
    try {
      // One untimed round first (page cache, each process's first start), then N rounds,
      // interleaved runtime by runtime and alternating which of the two goes first.
      for (const spec of specs) {
        await underHarness(spec, []);
        await underRie(spec, []);
      }
      for (let round = 0; round < COLD_STARTS; round++) {
        for (const spec of specs) {
          const both = [() => underHarness(spec, harness.get(spec.name)!), () => underRie(spec, rie.get(spec.name)!)];
          if (round % 2 === 1) both.reverse();
          for (const run of both) await run();
        }
      }
    } finally {
      workerGroupsLeft = await worker.close();
    }
    // The worker's own record of the runtime process groups it started and has not seen die.
    expect(workerGroupsLeft).toEqual([]);

    const rows = specs.map((spec) => {
      const h = harness.get(spec.name)!;
      const r = rie.get(spec.name)!;
      return {
        runtime: spec.name,
        harnessInit: distribution(h.map((s) => s.initMs)),
        rieInit: distribution(r.map((s) => s.initReportMs)),
        harnessFirst: distribution(h.map((s) => s.firstResponseMs)),
        rieFirst: distribution(r.map((s) => s.firstReportMs)),
        harnessInitRange: range(h.map((s) => s.initMs)),
        harnessSpawn: distribution(h.map((s) => s.spawnMs)),
        rieInitRange: range(r.map((s) => s.initReportMs)),
      };
    });
    const harnessRssMb = Math.max(...[...harness.values()].flat().map((s) => s.rssMb));
    console.log([
      `lsf bench's harness against aws-lambda-rie: ${COLD_STARTS} cold starts each, interleaved (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; `
        + `harness process ${harnessRssMb.toFixed(0)} MB resident, this jest worker ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)`,
      table([
        ['runtime', 'harness init p50 (min-max)', 'of which spawn() p50', 'RIE INIT REPORT p50 (min-max)', 'RIE / harness', 'harness first response p50', 'RIE first REPORT Duration p50'],
        ...rows.map((r) => [
          r.runtime,
          `${ms(r.harnessInit.p50)} (${r.harnessInitRange})`,
          ms(r.harnessSpawn.p50),
          `${ms(r.rieInit.p50)} (${r.rieInitRange})`,
          `${(r.rieInit.p50 / r.harnessInit.p50).toFixed(2)}x`,
          ms(r.harnessFirst.p50),
          ms(r.rieFirst.p50),
        ]),
      ]),
    ].join('\n'));

    const [rust, python] = rows;
    const problems: string[] = [];
    const ratio = Math.max(rust.rieInit.p50, rust.harnessInit.p50) / Math.min(rust.rieInit.p50, rust.harnessInit.p50);
    if (!(ratio <= MAX_RATIO)) {
      problems.push(`Rust init p50: harness ${ms(rust.harnessInit.p50)}, RIE ${ms(rust.rieInit.p50)}: ${ratio.toFixed(2)}x apart (at most ${MAX_RATIO}x)`);
    }
    if (!(python.harnessInit.p50 > rust.harnessInit.p50)) problems.push(`harness: Python init p50 ${ms(python.harnessInit.p50)} is not slower than Rust's ${ms(rust.harnessInit.p50)}`);
    if (!(python.rieInit.p50 > rust.rieInit.p50)) problems.push(`RIE: Python INIT REPORT p50 ${ms(python.rieInit.p50)} is not slower than Rust's ${ms(rust.rieInit.p50)}`);
    expect(problems).toEqual([]);
  }, FIRST_BUILD_MS);

  test('the runtime sees the environment the harness gives it, plus only what RIE adds: its Runtime API, empty credentials, its metadata API', async () => {
    requireRie();
    const script = path.join(out, 'dump-env');
    writeFileSync(script, '#!/bin/sh\nenv > "$0.txt"\nexit 1\n');
    chmodSync(script, 0o755);
    const env = lambdaEnvironment({ functionName: 'ValidateSignup-rust', memorySize: 512, handler: 'bootstrap', taskRoot: out });
    await expect(rieColdStart({ command: script, args: [], cwd: out, env }, '{}', 5000)).rejects.toThrow(/aws-lambda-rie answered 5\d\d/);
    const seen = Object.fromEntries(readFileSync(`${script}.txt`, 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    // sh itself sets PWD (and SHLVL, _ in some shells): not the runtime's environment.
    for (const shell of ['PWD', 'SHLVL', '_', 'OLDPWD']) delete seen[shell];
    const { AWS_LAMBDA_RUNTIME_API: api, AWS_LAMBDA_METADATA_API: metadata, AWS_LAMBDA_METADATA_TOKEN: token, ...rest } = seen;
    expect(rest).toEqual({ ...env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' });
    expect(api).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(metadata).toBe(api);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a runtime that never asks for an event: the emulator and the runtime are killed at the deadline, nothing left', async () => {
    requireRie();
    const launch = { command: '/bin/sleep', args: ['30'], cwd: os.tmpdir(), env: { PATH: '/usr/bin:/bin' } };
    await expect(rieColdStart(launch, '{}', 1000)).rejects.toThrow(/no answer within 1000 ms/);
  });

  test('a runtime that exits during init: the emulator\'s error, nothing left', async () => {
    requireRie();
    const launch = { command: '/bin/false', args: [], cwd: os.tmpdir(), env: { PATH: '/usr/bin:/bin' } };
    await expect(rieColdStart(launch, '{}', 5000)).rejects.toThrow(/aws-lambda-rie answered 5\d\d/);
  });
});

function range(values: readonly number[]): string {
  return `${ms(Math.min(...values))}-${ms(Math.max(...values))}`;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

function table(lines: string[][]): string {
  const widths = lines[0].map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  return lines.map((line) => line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
