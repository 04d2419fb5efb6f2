import { Case } from '../events/cases';
import { CpuPlacement, InstanceLimits, RuntimeInstance } from './runtime/runtime-instance';
import { RuntimeSpec } from './runtime/runtime-spec';

/** The raw samples of one runtime. */
export interface Samples {
  /** Spawn to first `/next`, in ms, one per cold start. */
  readonly initMs: number[];
  /** Spawn to the first response, in ms, one per cold start. */
  readonly firstResponseMs: number[];
  /** `/next` returning the event to the response arriving, in ms, one per warm invocation. */
  readonly warmMs: number[];
  /** Peak RSS of the warm instance after all its invocations, in MB. */
  maxMemoryMb?: number;
}

/**
 * N cold starts of every runtime, interleaved (A B C A B C ...) so that drift of the machine
 * hits all of them alike: spawn, wait for the first `/next`, send `event`, wait for the answer,
 * kill. One runtime runs at a time.
 */
export async function measureColdStarts(
  specs: readonly RuntimeSpec[], count: number, event: string, limits: InstanceLimits, samples: Map<string, Samples>, onStep: () => void,
  cpu?: CpuPlacement,
): Promise<void> {
  for (let round = 0; round < count; round++) {
    for (const spec of specs) {
      const instance = await RuntimeInstance.start(spec, limits, cpu);
      try {
        const answer = await instance.invoke(event);
        const s = samples.get(spec.name)!;
        s.initMs.push(instance.initMs);
        s.firstResponseMs.push(answer.at - instance.spawnedAt);
      } finally {
        await instance.stop();
      }
      onStep();
    }
  }
}

/**
 * M warm invocations of every runtime, interleaved invocation by invocation, on one instance
 * each that has already answered once (its cold invocation is not a warm sample). Events
 * cycle through the cases, the same sequence for every runtime.
 */
export async function measureWarm(
  specs: readonly RuntimeSpec[], count: number, cases: readonly Case[], limits: InstanceLimits, samples: Map<string, Samples>, onStep: () => void,
  cpu?: CpuPlacement,
): Promise<void> {
  const instances: RuntimeInstance[] = [];
  try {
    for (const spec of specs) {
      const instance = await RuntimeInstance.start(spec, limits, cpu);
      instances.push(instance);
      await instance.invoke(cases[0].event);
    }
    for (let i = 0; i < count; i++) {
      const event = cases[i % cases.length].event;
      for (const instance of instances) {
        const answer = await instance.invoke(event);
        samples.get(instance.spec.name)!.warmMs.push(answer.durationMs);
        onStep();
      }
    }
    for (const instance of instances) samples.get(instance.spec.name)!.maxMemoryMb = instance.maxRssMb();
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
}
