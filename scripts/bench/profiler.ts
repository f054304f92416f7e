// V8 profiles of exactly the linting loop, through the in-process inspector (node --cpu-prof
// would also record tsx compiling the bench and ESLint loading its modules): a CPU profile, and
// a sampling allocation profile that keeps collected objects too, so it shows who makes the
// garbage the collector then spends its time on.
import { Session } from 'node:inspector/promises';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** The parts of a `.cpuprofile` the analysis reads (Chrome DevTools opens the whole file). */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The tree of a `.heapprofile`: bytes allocated (sampled) at each call path. */
export interface HeapProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapProfileNode[];
}

export interface HeapProfile {
  head: HeapProfileNode;
}

/** CPU sampling interval in µs: finer than V8's 1 ms default, since many listeners run for less. */
const CPU_INTERVAL_US = 250;
/** Mean bytes between allocation samples: V8's default is 32 KiB; finer costs little here. */
const HEAP_INTERVAL_BYTES = 16 * 1024;

export async function startProfiler(): Promise<{ stop(): Promise<{ cpu: CpuProfile; heap: HeapProfile }> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: CPU_INTERVAL_US });
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: HEAP_INTERVAL_BYTES,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile: cpu } = await session.post('Profiler.stop');
      const { profile: heap } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      return { cpu: cpu as CpuProfile, heap: heap as unknown as HeapProfile };
    },
  };
}
