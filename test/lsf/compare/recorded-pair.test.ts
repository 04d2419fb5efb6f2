import { RecordedFunction } from '../../../src/lsf/assembly/recorded-functions';
import { chooseTwin } from '../../../src/lsf/compare/recorded-pair';
import { UsageError } from '../../../src/lsf/errors';
import { MeasurementRecord, TwinRecord } from '../../../src/private/measurement/measurement-record';

/** A recorded function with these twins (records hold an array: one today, maybe more tomorrow). */
function recorded(twins: TwinRecord[]): RecordedFunction {
  const record = { version: 1, constructPath: 'Shop/Checkout', logicalId: 'Checkout1234', twins } as unknown as MeasurementRecord;
  return { stackId: 'Shop', stackName: 'shop-prod', record, assemblyDir: '/app/cdk.out' };
}

const PYTHON: TwinRecord = { kind: 'python', constructPath: 'Shop/Checkout/Twin', logicalId: 'CheckoutTwin1', entry: 'x', index: 'handler.py', handler: 'handler', runtime: 'python3.13' };
const NODE: TwinRecord = { kind: 'node', constructPath: 'Shop/Checkout/NodeTwin', logicalId: 'CheckoutNodeTwin1', entry: 'x.ts', handler: 'handler', runtime: 'nodejs22.x' };
const LEGACY: TwinRecord = { kind: 'existing', constructPath: 'Old/Legacy', stack: 'Old', logicalId: 'Legacy1' };
const IMPORTED: TwinRecord = { kind: 'existing', constructPath: 'Shop/Imported', functionName: 'legacy-fn' };

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('--twin picks one of a function\'s twins', () => {
  const fn = recorded([PYTHON, NODE, LEGACY, IMPORTED]);

  test('by kind, construct ID or construct path', () => {
    expect(chooseTwin(fn, 'python')).toBe(PYTHON);
    expect(chooseTwin(fn, 'node')).toBe(NODE);
    expect(chooseTwin(fn, 'NodeTwin')).toBe(NODE);
    expect(chooseTwin(fn, 'Old/Legacy')).toBe(LEGACY);
    expect(chooseTwin(fn, '/Shop/Imported')).toBe(IMPORTED);
    expect(chooseTwin(recorded([NODE]), undefined)).toBe(NODE);
  });

  test('several twins and no --twin, or a --twin that matches several or none: a usage error listing them', () => {
    expect(refusal(() => chooseTwin(fn, undefined))).toBe('Shop/Checkout has 4 twins: Shop/Checkout/Twin (python), Shop/Checkout/NodeTwin (node), Old/Legacy (existing), Shop/Imported (existing). '
      + 'Say which with --twin (python, node, existing, or a construct ID or path).');
    expect(refusal(() => chooseTwin(fn, 'existing'))).toBe('--twin existing matches 2 twins of Shop/Checkout: Old/Legacy (existing), Shop/Imported (existing). Give the twin\'s construct path.');
    expect(refusal(() => chooseTwin(fn, 'rust'))).toMatch(/^--twin rust matches no twin of Shop\/Checkout: it has Shop\/Checkout\/Twin \(python\), /);
  });
});
