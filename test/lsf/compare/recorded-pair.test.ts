import { RecordedFunction } from '../../../src/lsf/assembly/recorded-functions';
import { chooseTwins } from '../../../src/lsf/compare/recorded-pair';
import { UsageError } from '../../../src/lsf/errors';
import { MeasurementRecord, TwinRecord } from '../../../src/private/measurement/measurement-record';

/** A recorded function with these twins (records hold an array: one today, maybe more tomorrow). */
function recorded(twins: TwinRecord[]): RecordedFunction {
  const record = { version: 1, constructPath: 'Shop/Checkout', logicalId: 'Checkout1234', twins } as unknown as MeasurementRecord;
  return { stackId: 'Shop', stackName: 'shop-prod', record, assemblyDir: '/app/cdk.out' };
}

const PYTHON: TwinRecord = { kind: 'python', name: 'python', constructPath: 'Shop/Checkout/Twin', logicalId: 'CheckoutTwin1', entry: 'x', index: 'handler.py', handler: 'handler', runtime: 'python3.13' };
const NODE: TwinRecord = { kind: 'node', name: 'node', constructPath: 'Shop/Checkout/NodeTwin', logicalId: 'CheckoutNodeTwin1', entry: 'x.ts', handler: 'handler', runtime: 'nodejs22.x' };
const LEGACY: TwinRecord = { kind: 'existing', name: 'existing', constructPath: 'Old/Legacy', stack: 'Old', logicalId: 'Legacy1' };
const IMPORTED: TwinRecord = { kind: 'existing', name: 'existing', constructPath: 'Shop/Imported', functionName: 'legacy-fn' };

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('every twin, or the one --twin picks', () => {
  const fn = recorded([PYTHON, NODE, LEGACY, IMPORTED]);

  test('no --twin: every twin, in the order of the records', () => {
    expect(chooseTwins(fn, undefined)).toEqual([PYTHON, NODE, LEGACY, IMPORTED]);
    expect(chooseTwins(recorded([NODE]), undefined)).toEqual([NODE]);
  });

  test('by name, kind, construct ID or construct path', () => {
    const snapStart: TwinRecord = { ...PYTHON, name: 'python-snapstart', constructPath: 'Shop/Checkout/TwinPythonSnapstart' };
    expect(chooseTwins(fn, 'python')).toEqual([PYTHON]);
    expect(chooseTwins(fn, 'node')).toEqual([NODE]);
    expect(chooseTwins(fn, 'NodeTwin')).toEqual([NODE]);
    expect(chooseTwins(fn, 'Old/Legacy')).toEqual([LEGACY]);
    expect(chooseTwins(fn, '/Shop/Imported')).toEqual([IMPORTED]);
    // A name wins over a kind that two twins share.
    expect(chooseTwins(recorded([PYTHON, snapStart]), 'python-snapstart')).toEqual([snapStart]);
    expect(chooseTwins(recorded([PYTHON, snapStart]), 'python')).toEqual([PYTHON]);
  });

  test('a --twin that matches several or none: a usage error listing them', () => {
    const legacyTwins = recorded([{ ...LEGACY, name: 'legacy' }, { ...IMPORTED, name: 'imported' }]);
    expect(refusal(() => chooseTwins(legacyTwins, 'existing'))).toBe('--twin existing matches 2 twins of Shop/Checkout: Old/Legacy (legacy), Shop/Imported (imported). Give the twin\'s name or construct path.');
    expect(refusal(() => chooseTwins(fn, 'rust'))).toMatch(/^--twin rust matches no twin of Shop\/Checkout: it has Shop\/Checkout\/Twin \(python\), /);
  });
});
