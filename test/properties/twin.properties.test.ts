import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { badEntry, badNodeTwinOptions, badPythonTwinOptions, nodeRuntime, pythonRuntime, sharedProps, wrongType } from './arbitraries';
import { expectPropError, PROPERTY_TIMEOUT_MS, runs } from './settings';
import { resourceOf, synthFunction } from './synth';
import { Twin } from '../../src';
import { FIXTURES, stackWithoutBundling } from '../fixtures';

const createdTwin = fc.oneof(
  pythonRuntime.map((runtime) => Twin.python({ entry: FIXTURES.pythonTwin, index: 'handler.py', runtime })),
  nodeRuntime.map((runtime) => Twin.node({ entry: FIXTURES.nodeTwinEntry, runtime })));

/** Alarms and dashboard off: twins are about the functions, and each run synthesizes a stack. */
const LEAN = {
  alarms: Object.fromEntries(['coldStartInit', 'warmLatency', 'coldStartRate', 'errors', 'throttles'].map((a) => [a, { enabled: false }])),
  dashboard: { enabled: false },
};

describe('Twin properties', () => {
  test('a created twin has the function\'s architecture, memory, timeout and environment', () => {
    fc.assert(fc.property(sharedProps, createdTwin, (props, twin) => {
      const s = synthFunction({ ...props, ...LEAN, twins: [twin] });
      const fn = resourceOf(s, s.fn);
      const created = resourceOf(s, s.fn.twins[0].lambdaFunction);
      expect(created.Architectures).toEqual(fn.Architectures);
      expect(created.MemorySize).toBe(fn.MemorySize);
      expect(created.Timeout).toBe(fn.Timeout);
      expect(created.Environment).toEqual(fn.Environment);
      expect(created.LoggingConfig.LogFormat).toBe('JSON');
    }), runs(60));
  }, PROPERTY_TIMEOUT_MS);

  test('broken Python or Node twin options are our error naming the option', () => {
    const broken = fc.oneof(
      badPythonTwinOptions.map(({ value, broken: b }) => ({ twin: () => Twin.python({ entry: FIXTURES.pythonTwin, ...value }), owner: /Twin\.python for 'Test\/Fn'/, prop: b.prop })),
      badEntry.map((entry) => ({ twin: () => Twin.python({ entry, index: 'handler.py' } as any), owner: /Twin\.python for 'Test\/Fn'/, prop: 'entry' })),
      badNodeTwinOptions.map(({ value, broken: b }) => ({ twin: () => Twin.node({ entry: FIXTURES.nodeTwinEntry, ...value }), owner: /Twin\.node for 'Test\/Fn'/, prop: b.prop })),
      badEntry.map((entry) => ({ twin: () => Twin.node({ entry } as any), owner: /Twin\.node for 'Test\/Fn'/, prop: 'entry' })));
    fc.assert(fc.property(broken, ({ twin, owner, prop }) => {
      expectPropError(() => synthFunction({ ...LEAN, twins: [twin()] }), owner, prop);
    }), runs(200));
  }, PROPERTY_TIMEOUT_MS);

  test('Twin.fromFunction takes a function and, if given, a log group, and nothing else', () => {
    const broken = fc.oneof(
      wrongType.map((value) => ({ fn: value, logGroup: undefined, prop: 'fn' })),
      wrongType.map((value) => ({ fn: 'existing', logGroup: value, prop: 'logGroup' })));
    fc.assert(fc.property(broken, ({ fn, logGroup, prop }) => {
      const stack = stackWithoutBundling();
      const existing = lambda.Function.fromFunctionName(stack, 'Existing', 'legacy');
      expectPropError(() => Twin.fromFunction((fn === 'existing' ? existing : fn) as any, logGroup as any), /Twin\.fromFunction/, prop);
    }), runs(100));
  }, PROPERTY_TIMEOUT_MS);
});
