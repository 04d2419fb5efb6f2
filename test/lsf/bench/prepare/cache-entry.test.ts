import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MANIFEST, cachedEntry, verifyEntry } from '../../../../src/lsf/bench/prepare/cache-entry';

let cache: string;
let entry: string;
let builds: number;
let logs: string[];
beforeEach(() => {
  cache = mkdtempSync(path.join(os.tmpdir(), 'lsf-entry-'));
  entry = path.join(cache, 'tool-1234');
  builds = 0;
  logs = [];
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

/** An entry of two files, `bin/tool` its main file; each build waits a little, as a real one does. */
function tool(): Promise<string> {
  return cachedEntry({ dir: entry, what: 'the test tool', main: path.join('bin', 'tool'), log: (line) => logs.push(line) }, async (scratch) => {
    builds += 1;
    const built = path.join(scratch, 'tool');
    mkdirSync(path.join(built, 'bin'), { recursive: true });
    writeFileSync(path.join(built, 'bin', 'tool'), 'a'.repeat(1000));
    writeFileSync(path.join(built, 'data.txt'), 'some data');
    await new Promise((resolve) => setTimeout(resolve, 200));
    return built;
  });
}

describe('cachedEntry', () => {
  test('concurrent requests build the entry once and all get it whole; later ones do not build', async () => {
    const dirs = await Promise.all([tool(), tool(), tool()]);
    expect(dirs).toEqual([entry, entry, entry]);
    expect(builds).toBe(1);
    expect(verifyEntry(entry, path.join('bin', 'tool'))).toBeUndefined();
    await tool();
    expect(builds).toBe(1);
    expect(logs.filter((l) => l.startsWith('Cached '))).toEqual([`Cached the test tool in ${entry}`]);
    // Nothing but the entry: its lock and scratch folder are gone.
    expect(readdirSync(cache)).toEqual(['tool-1234']);
  });

  test('a truncated main file is caught by its hash and the entry rebuilt, never used', async () => {
    await tool();
    truncateSync(path.join(entry, 'bin', 'tool'), 10);
    expect(verifyEntry(entry, path.join('bin', 'tool'))).toBe(`${path.join('bin', 'tool')} is 10 bytes, was 1000 bytes`);
    await tool();
    expect(builds).toBe(2);
    expect(logs).toContain(`Cache entry ${entry} (the test tool) is not whole (${path.join('bin', 'tool')} is 10 bytes, was 1000 bytes): rebuilt.`);
    expect(verifyEntry(entry, path.join('bin', 'tool'))).toBeUndefined();
  });

  test('a main file changed in place, at the same size, fails its hash', async () => {
    await tool();
    writeFileSync(path.join(entry, 'bin', 'tool'), 'b'.repeat(1000));
    expect(verifyEntry(entry, path.join('bin', 'tool'))).toBe(`${path.join('bin', 'tool')} does not match its sha256`);
  });

  test('a half-written entry (no manifest: its build was killed) and a missing file are rebuilt', async () => {
    mkdirSync(path.join(entry, 'bin'), { recursive: true });
    writeFileSync(path.join(entry, 'bin', 'tool'), 'a'.repeat(300));
    expect(verifyEntry(entry)).toBe(`no ${MANIFEST} manifest: its build never finished`);
    await tool();
    expect(builds).toBe(1);
    expect(verifyEntry(entry, path.join('bin', 'tool'))).toBeUndefined();

    unlinkSync(path.join(entry, 'data.txt'));
    expect(verifyEntry(entry)).toBe('data.txt is missing');
    await tool();
    expect(builds).toBe(2);
    expect(existsSync(path.join(entry, 'data.txt'))).toBe(true);
  });

  test('what Python writes as it runs (__pycache__) does not make an entry corrupt', async () => {
    await tool();
    mkdirSync(path.join(entry, '__pycache__'));
    writeFileSync(path.join(entry, '__pycache__', 'x.pyc'), 'compiled');
    expect(verifyEntry(entry, path.join('bin', 'tool'))).toBeUndefined();
  });

  test('a failed build publishes nothing and leaves nothing behind', async () => {
    await expect(cachedEntry({ dir: entry, what: 'the test tool', log: () => undefined }, async (scratch) => {
      writeFileSync(path.join(scratch, 'partial'), 'x');
      throw new Error('compiler crashed');
    })).rejects.toThrow('compiler crashed');
    expect(readdirSync(cache)).toEqual([]);
  });
});
