import { ratio, runConcurrently } from './stats';

export interface Throughput {
  starts: number;
  seconds: number;
  perSecond: number;
}

export interface StartsResult {
  concurrency: number;
  rounds: number;
  api: Throughput;
  raw: Throughput;
  /** api starts per second ÷ raw starts per second. */
  ratio: number;
  /**
   * The same once more with both workers stopped (SIGSTOP): the start path alone, without the work each started
   * workflow then makes (an empty workflow one workflow task; a trajectory its activities and their workflow tasks).
   */
  workersPaused?: { api: Throughput; raw: Throughput; ratio: number };
}

/**
 * Trajectory starts through the api against raw `client.workflow.start` calls of an empty workflow, with the same
 * number of requests in flight. The two alternate in `rounds` rounds so that neither gets the fresher server.
 */
export async function measureStarts(options: {
  count: number;
  concurrency: number;
  rounds?: number;
  startThroughApi: (index: number) => Promise<void>;
  startRaw: (index: number) => Promise<void>;
  /** Stops and resumes both workers, for the `workersPaused` round. */
  workers?: { pause(): void; resume(): void };
  /** Waits until the workers have done what the starts so far gave them, so no round pays for the one before. */
  settle?: () => Promise<void>;
  log: (line: string) => void;
}): Promise<StartsResult> {
  const rounds = options.rounds ?? 2;
  const perRound = Math.ceil(options.count / rounds);
  const totals = { api: { starts: 0, ms: 0 }, raw: { starts: 0, ms: 0 } };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['raw', 'api'] as const) {
      const start = kind === 'api' ? options.startThroughApi : options.startRaw;
      const indexes = Array.from({ length: perRound }, (_, i) => round * perRound + i);
      const ms = await runConcurrently(indexes, options.concurrency, (index) => start(index));
      totals[kind].starts += perRound;
      totals[kind].ms += ms;
      options.log(`  round ${round + 1} ${kind}: ${perRound} starts in ${(ms / 1000).toFixed(1)} s`);
      await options.settle?.();
    }
  }
  const throughput = ({ starts, ms }: { starts: number; ms: number }): Throughput => ({
    starts,
    seconds: Math.round(ms) / 1000,
    perSecond: Math.round((starts / (ms / 1000)) * 10) / 10,
  });
  const api = throughput(totals.api);
  const raw = throughput(totals.raw);
  const result: StartsResult = {
    concurrency: options.concurrency,
    rounds,
    api,
    raw,
    ratio: ratio(api.perSecond, raw.perSecond),
  };
  if (options.workers) {
    const paused = { api: { starts: 0, ms: 0 }, raw: { starts: 0, ms: 0 } };
    options.workers.pause();
    try {
      // In two halves, in both orders: the first starts after the pause find the stopped workers' polls still open,
      // and every start after them puts its first task in the backlog, so neither kind may have the first turn only.
      const half = Math.ceil(perRound / 2);
      for (const [part, order] of [['raw', 'api'] as const, ['api', 'raw'] as const].entries()) {
        for (const kind of order) {
          const start = kind === 'api' ? options.startThroughApi : options.startRaw;
          const indexes = Array.from({ length: half }, (_, i) => rounds * perRound + part * half + i);
          const ms = await runConcurrently(indexes, options.concurrency, (index) => start(index));
          paused[kind].ms += ms;
          paused[kind].starts += half;
          options.log(`  workers paused, ${kind}: ${half} starts in ${(ms / 1000).toFixed(1)} s`);
        }
      }
    } finally {
      options.workers.resume();
    }
    await options.settle?.();
    const pausedApi = throughput(paused.api);
    const pausedRaw = throughput(paused.raw);
    result.workersPaused = { api: pausedApi, raw: pausedRaw, ratio: ratio(pausedApi.perSecond, pausedRaw.perSecond) };
  }
  return result;
}
