import { RuntimeFault } from '../../../../src/lsf/bench/runtime/runtime-fault';
import { RuntimeInstance } from '../../../../src/lsf/bench/runtime/runtime-instance';
import { liveProcessGroups } from '../../../../src/lsf/bench/runtime/runtime-process';
import { nodeFixture } from '../fault-fixtures';
import { processesInGroups } from '../process-groups';

const LIMITS = { initTimeoutMs: 5000, invocationTimeoutMs: 1500 };
const started: number[] = [];

async function start(script: string, extra?: Record<string, string>): Promise<RuntimeInstance> {
  const instance = await RuntimeInstance.start(nodeFixture(script, extra), LIMITS);
  started.push(instance.pid);
  return instance;
}

/** Runs `work` against the fixture and returns the fault it must end in. */
async function faultOf(script: string, work: (instance: RuntimeInstance) => Promise<unknown>): Promise<RuntimeFault> {
  try {
    const instance = await start(script);
    await work(instance);
  } catch (error) {
    if (error instanceof RuntimeFault) return error;
    throw error;
  }
  throw new Error(`${script} did not fail`);
}

afterEach(() => {
  expect(liveProcessGroups()).toEqual([]);
  expect(processesInGroups(started)).toEqual([]);
});

describe('RuntimeInstance against real processes on the loopback Runtime API', () => {
  test('a healthy runtime answers every event in order, then stops with what it forked', async () => {
    const instance = await start('echo.js', { FORK_SLEEPER: '1' });
    expect(instance.initMs).toBeGreaterThan(0);
    for (const n of [1, 2, 3]) {
      const answer = await instance.invoke(JSON.stringify({ n }));
      expect(answer.json).toEqual({ n });
      expect(answer.durationMs).toBeGreaterThan(0);
    }
    expect(instance.maxRssMb()).toBeGreaterThan(1);
    expect(processesInGroups([instance.pid]).length).toBeGreaterThanOrEqual(2);
    await instance.stop();
  });

  test('a handler that throws is a handler-error with the error body and stderr', async () => {
    const fault = await faultOf('throws.js', (i) => i.invoke('{}'));
    expect(fault.kind).toBe('handler-error');
    expect(fault.message).toContain('form is undefined');
    expect(fault.message).toContain('validating the form...');
  });

  test('a runtime that exits during init is an init-exit with its exit code and stderr', async () => {
    const fault = await faultOf('exits-during-init.js', async () => undefined);
    expect(fault.kind).toBe('init-exit');
    expect(fault.message).toContain('exited with code 3');
    expect(fault.message).toContain("No module named 'pydantic'");
  });

  test('a runtime that posts /init/error is an init-error with the reported error', async () => {
    const fault = await faultOf('init-error.js', async () => undefined);
    expect(fault.kind).toBe('init-error');
    expect(fault.message).toContain('cannot find handler.handler');
  });

  test('a handler that hangs past its deadline is a timeout, and its process is killed', async () => {
    const fault = await faultOf('hangs.js', (i) => i.invoke('{}'));
    expect(fault.kind).toBe('timeout');
    expect(fault.message).toContain('did not answer within its 1500 ms deadline');
    expect(fault.message).toContain('waiting on a database');
  });

  test('a runtime that prints garbage is a protocol fault whose output tail is escaped', async () => {
    const fault = await faultOf('prints-garbage.js', (i) => i.invoke('{}'));
    expect(fault.kind).toBe('protocol');
    expect(fault.message).toContain('malformed HTTP request');
    expect(fault.message).toMatch(/\\u000[0-8]/);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(fault.message).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  test('a handler that returns invalid JSON is an invalid-json fault quoting the body', async () => {
    const fault = await faultOf('invalid-json.js', (i) => i.invoke('{}'));
    expect(fault.kind).toBe('invalid-json');
    expect(fault.message).toContain('{"valid": true, errors: [}');
  });

  test('a command that does not exist is an init-exit naming it', async () => {
    const spec = nodeFixture('echo.js');
    const missing = { ...spec, launch: { ...spec.launch, command: '/nonexistent/bootstrap' } };
    await expect(RuntimeInstance.start(missing, LIMITS)).rejects.toThrow(/init-exit[\s\S]*cannot start \/nonexistent\/bootstrap/);
  });

  test('a runtime that never polls is an init-timeout', async () => {
    const spec = nodeFixture('echo.js');
    const silent = { ...spec, launch: { ...spec.launch, args: ['-e', 'setInterval(() => undefined, 1000)'] } };
    await expect(RuntimeInstance.start(silent, { ...LIMITS, initTimeoutMs: 1000 })).rejects.toThrow(/init-timeout: did not ask for an event within 1000 ms/);
  });
});
