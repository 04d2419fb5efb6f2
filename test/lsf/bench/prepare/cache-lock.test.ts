import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withCacheLock } from '../../../../src/lsf/bench/prepare/cache-lock';

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(path.join(os.tmpdir(), 'lsf-lock-'));
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

describe('withCacheLock', () => {
  test('two preparations of one cache run one after the other, and the lock is released', async () => {
    const events: string[] = [];
    const logs: string[] = [];
    const prepare = (name: string) => withCacheLock(cache, (line) => logs.push(line), async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      events.push(`${name} end`);
      return name;
    });
    await expect(Promise.all([prepare('a'), prepare('b')])).resolves.toEqual(['a', 'b']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(logs).toEqual([`Waiting for another lsf bench (pid ${process.pid}) to finish preparing ${cache}...`]);
    expect(existsSync(path.join(cache, '.lock'))).toBe(false);
  });

  test('a lock left by a process that is gone is taken over', async () => {
    mkdirSync(path.join(cache, '.lock'));
    // Pids are below 2^22 on Linux: this one cannot be running.
    writeFileSync(path.join(cache, '.lock', 'pid'), String(2 ** 22 + 1));
    await expect(withCacheLock(cache, () => undefined, async () => 'done')).resolves.toBe('done');
  });

  test('the lock is released when the preparation fails', async () => {
    await expect(withCacheLock(cache, () => undefined, async () => { throw new Error('build failed'); })).rejects.toThrow('build failed');
    expect(existsSync(path.join(cache, '.lock'))).toBe(false);
  });
});
