import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCacheDir, lsfCacheRoot } from '../../src/lsf/cache-dir';

describe('lsfCacheRoot and defaultCacheDir', () => {
  const home = path.join(os.homedir(), '.cache', 'cdk-latency-sensitive-function');

  test('an absolute XDG_CACHE_HOME is the base', () => {
    expect(lsfCacheRoot({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/cdk-latency-sensitive-function');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/cdk-latency-sensitive-function/bench');
  });

  test.each([
    ['unset', {}],
    ['empty', { XDG_CACHE_HOME: '' }],
    // The XDG spec: a relative path is invalid and must be ignored (else the cache lands in the app's folder).
    ['relative', { XDG_CACHE_HOME: 'cache' }],
    ['dot-relative', { XDG_CACHE_HOME: './.cache' }],
  ])('XDG_CACHE_HOME %s: ~/.cache is the base', (_, env) => {
    expect(lsfCacheRoot(env)).toBe(home);
    expect(defaultCacheDir(env)).toBe(path.join(home, 'bench'));
  });

  test('by default it reads this process\'s environment', () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/tmp/lsf-xdg';
    try {
      expect(defaultCacheDir()).toBe('/tmp/lsf-xdg/cdk-latency-sensitive-function/bench');
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
