import { FunctionFacts } from '../../../src/lsf/compare/function-facts';
import { LiveSampleSet } from '../../../src/lsf/compare/live-samples';

const FN: FunctionFacts = { name: 'fn', arn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', runtime: 'provided.al2023', architecture: 'arm64', memorySize: 1024, codeSize: 1 };
const WARM = { durationMs: 1.5, billedDurationMs: 2, memorySizeMb: 1024, maxMemoryUsedMb: 20 };
const COLD = { ...WARM, initDurationMs: 20, maxMemoryUsedMb: 25 };

describe('LiveSampleSet', () => {
  test('a cold report gives init and init + duration; warm ones give duration and billed duration; memory is the peak', () => {
    const set = new LiveSampleSet([FN]);
    set.recordCold(FN, COLD);
    set.recordWarm(FN, WARM);
    expect(set.samplesOf(FN, 1)).toEqual({
      initMs: [20], billedColdStartMs: [20], firstResponseMs: [21.5], warmMs: [1.5], billedMs: [2], maxMemoryMb: 25,
    });
  });

  test('a forced cold start without Init Duration was not cold: the run stops and says why', () => {
    expect(() => new LiveSampleSet([FN]).recordCold(FN, WARM)).toThrow(/fn answered the first invocation after a configuration change without an Init or Restore Duration.*Provisioned concurrency keeps/);
  });

  test('a SnapStart restore is a cold start: restore and restore + duration; a warm invocation served by a restore is counted', () => {
    const set = new LiveSampleSet([FN]);
    const restored = { ...WARM, restoreDurationMs: 180 };
    set.recordCold(FN, restored);
    set.recordWarm(FN, WARM);
    set.recordWarm(FN, restored);
    expect(set.samplesOf(FN, 2)).toMatchObject({ initMs: [180], billedColdStartMs: [180], firstResponseMs: [181.5], warmMs: [1.5] });
    expect(set.unexpectedColdStarts).toEqual({ fn: 1 });
  });

  test('a restore bills its Billed Restore Duration where the report has one, the whole restore where not', () => {
    const set = new LiveSampleSet([FN]);
    set.recordCold(FN, { ...WARM, restoreDurationMs: 180, billedRestoreDurationMs: 41 });
    set.recordCold(FN, { ...WARM, restoreDurationMs: 190 });
    expect(set.samplesOf(FN, 0)).toMatchObject({ initMs: [180, 190], billedColdStartMs: [41, 190] });
  });

  test('a warm invocation served cold is counted and left out of the warm samples', () => {
    const set = new LiveSampleSet([FN]);
    set.recordWarm(FN, WARM);
    set.recordWarm(FN, COLD);
    expect(set.unexpectedColdStarts).toEqual({ fn: 1 });
    expect(set.samplesOf(FN, 2).warmMs).toEqual([1.5]);
  });

  test('no warm sample at all when warm invocations were asked for fails the run', () => {
    const set = new LiveSampleSet([FN]);
    set.recordWarm(FN, COLD);
    expect(() => set.samplesOf(FN, 1)).toThrow('Every warm invocation of fn was a cold start');
  });
});
