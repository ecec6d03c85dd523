/** Latency figures in milliseconds, from a list of samples. */
export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

export function summarise(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(sorted.length, 1)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Milliseconds since `start` (a process.hrtime.bigint() reading), with microsecond resolution. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `task` once per item with at most `concurrency` running at a time; returns the wall time in ms. */
export async function runConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<number> {
  const start = process.hrtime.bigint();
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  });
  await Promise.all(lanes);
  return elapsedMs(start);
}

/** Calls `measure` `warmup` times unrecorded, then `count` times one after another; returns the durations. */
export async function sampleSequentially(
  count: number,
  warmup: number,
  measure: () => Promise<void>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await measure();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await measure();
    samples.push(elapsedMs(start));
  }
  return samples;
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}
