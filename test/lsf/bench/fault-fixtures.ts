import * as path from 'node:path';
import { RuntimeSpec, lambdaEnvironment } from '../../../src/lsf/bench/runtime/runtime-spec';

const FAULTS = path.join(__dirname, '..', '..', 'fixtures', 'local-bench', 'faults');

/** A Node fixture from test/fixtures/local-bench/faults as a benchmark runtime. */
export function nodeFixture(script: string, extra: Record<string, string> = {}): RuntimeSpec {
  return {
    name: script.replace(/\.js$/, ''),
    description: `fault fixture ${script}`,
    role: 'twin',
    launch: {
      command: process.execPath,
      args: [path.join(FAULTS, script)],
      cwd: FAULTS,
      env: lambdaEnvironment({ functionName: 'fixture', memorySize: 128, handler: script, taskRoot: FAULTS, extra }),
    },
  };
}
