import type { Pool } from 'pg';
import { setTimeout as delay } from 'node:timers/promises';
import {
  addDaysToLocalDate,
  computeSchedule,
  DEFAULT_POLICY,
  DEFAULT_TIME_ZONE,
  localDateOf,
  mergePolicy,
  type PolicyOverride,
  type TimingPolicy,
  type TrajectoryFacts,
  validatePolicy,
} from '@doorloop/domain';
import { summarise, type Latency } from './stats';

const DAY_SECONDS = 86_400;

/**
 * The compressed policy of the fire-lag measurement: the region's placement evaluations come every `intervalSeconds`
 * (instead of three months) and are due a month after they fire, so nothing but evaluations fires while it runs and
 * nothing escalates. Ages stay real: a trajectory of a 14-year-old has no age milestone for years.
 */
export function fireLagPolicy(intervalSeconds: number): PolicyOverride {
  return {
    version: `bench-fire-${intervalSeconds}s`,
    fireTimeOfDay: null,
    milestones: {
      'placement-evaluation': { interval: `PT${intervalSeconds}S`, due: { relativeTo: 'fire', offset: 'P30D' } },
    },
  };
}

export function regionTimingPolicy(override: PolicyOverride): TimingPolicy {
  const checked = validatePolicy(mergePolicy(DEFAULT_POLICY, override));
  if (!checked.ok) throw new Error(`bench policy invalid: ${JSON.stringify(checked.errors)}`);
  return checked.policy;
}

/**
 * An interval near `seconds` that shares no factor with a day (86,400 = 2⁷·3³·5²). A series starting at local midnight
 * of day −j is then at phase −j·86,400 mod interval, and `interval` consecutive start days give that many distinct
 * phases: the fires of N trajectories spread evenly instead of coming all at once.
 */
export function spreadingInterval(seconds: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let interval = Math.max(7, Math.round(seconds));
  while (gcd(interval, DAY_SECONDS) !== 1) interval++;
  return interval;
}

export interface FireLagPopulation {
  trajectories: number;
  intervalSeconds: number;
  /** Distinct start days (phases) the trajectories are spread over. */
  phases: number;
  firesPerSecond: number;
}

/** The body of `POST /trajectories` for trajectory `index` of the population. */
export function fireLagTrajectory(
  index: number,
  population: FireLagPopulation,
  region: { municipalityCode: string; organisations: Record<'police' | 'school' | 'youth-care', string> },
  today: string = localDateOf(Date.now(), DEFAULT_TIME_ZONE),
): Record<string, unknown> {
  return {
    pseudonym: `TRJ-F${String(index).padStart(7, '0')}`,
    birthDate: '2012-06-15',
    municipalityCode: region.municipalityCode,
    partners: [
      { organisationId: region.organisations.police, role: 'police' },
      { organisationId: region.organisations.school, role: 'school' },
    ],
    placements: [
      {
        type: 'open-residential',
        startDate: addDaysToLocalDate(today, -(1 + (index % population.phases))),
        providerOrganisationId: region.organisations['youth-care'],
      },
    ],
  };
}

export interface FireLagResult {
  window: { from: string; to: string; seconds: number };
  /** Occurrences the schedule says fire within the window (computed with libs/domain from the stored facts). */
  expected: number;
  /** Of those, how many had their tasks in PostgreSQL by the end of the drain time. */
  inInbox: number;
  missing: number;
  tasksPerOccurrence: number;
  /** From the occurrence's moment to the commit of its last task (tasks.created_at − fire moment), over `expected`. */
  lagMs: Latency;
  /** Fires per second within the window: the most in any one second. */
  peakFiresPerSecond: number;
}

/**
 * Waits until the population's late fires are in (every trajectory's latest past evaluation fires at its start), then
 * lets `windowSeconds` of on-time fires happen and `drainSeconds` more for the last of them to land, and measures each
 * occurrence's lag against its scheduled moment.
 */
export async function measureFireLag(options: {
  db: Pool;
  regionId: string;
  policy: TimingPolicy;
  trajectories: number;
  windowSeconds: number;
  drainSeconds: number;
  /** Called when the window opens; what it returns is called when it closes (to measure what the window cost). */
  onWindow?: () => Promise<() => Promise<void>>;
  log: (line: string) => void;
}): Promise<FireLagResult> {
  const { db, regionId } = options;
  const started = Date.now();
  // Every trajectory has fired once: its latest past evaluation at its start (late), or, when the worker was behind
  // and the next one came first, that one.
  for (;;) {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(DISTINCT t.trajectory_id) AS n FROM tasks t JOIN trajectories tr ON tr.id = t.trajectory_id
        WHERE tr.region_id = $1`,
      [regionId],
    );
    if (Number(rows[0].n) >= options.trajectories) break;
    if (Date.now() - started > 30 * 60_000) throw new Error(`first fires incomplete: ${rows[0].n}`);
    await delay(2000);
  }
  options.log(`  every trajectory fired once, ${Math.round((Date.now() - started) / 1000)} s after the last start`);
  const from = Date.now() + 5000;
  const to = from + options.windowSeconds * 1000;
  await delay(from - Date.now());
  const closeWindow = await options.onWindow?.();
  await delay(to - Date.now());
  await closeWindow?.();
  await delay(to + options.drainSeconds * 1000 - Date.now());

  const { rows: trajectories } = await db.query<{ id: string; facts: TrajectoryFacts }>(
    `SELECT id, facts FROM trajectories WHERE region_id = $1`,
    [regionId],
  );
  const expected = new Map<string, number>();
  for (const { id, facts } of trajectories) {
    for (const occurrence of computeSchedule(facts, options.policy, from)) {
      if (occurrence.status === 'upcoming' && occurrence.fireAt < to)
        expected.set(`${id} ${occurrence.key}`, occurrence.fireAt);
    }
  }
  const { rows: fired } = await db.query<{ trajectory_id: string; occurrence_key: string; tasks: string; last: Date }>(
    `SELECT t.trajectory_id, t.occurrence_key, count(*) AS tasks, max(t.created_at) AS last
       FROM tasks t JOIN trajectories tr ON tr.id = t.trajectory_id
      WHERE tr.region_id = $1 AND NOT t.late AND t.fire_at >= $2 AND t.fire_at < $3
      GROUP BY t.trajectory_id, t.occurrence_key`,
    [regionId, new Date(from), new Date(to)],
  );
  const lags: number[] = [];
  let tasks = 0;
  const perSecond = new Map<number, number>();
  for (const row of fired) {
    const moment = expected.get(`${row.trajectory_id} ${row.occurrence_key}`);
    if (moment === undefined) continue;
    lags.push(row.last.getTime() - moment);
    tasks += Number(row.tasks);
    const second = Math.floor(moment / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const missing = expected.size - lags.length;
  // What never arrived counts as slower than anything that did.
  const lagMs = summarise([...lags, ...Array<number>(missing).fill(Number.POSITIVE_INFINITY)]);
  return {
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), seconds: options.windowSeconds },
    expected: expected.size,
    inInbox: lags.length,
    missing,
    tasksPerOccurrence: lags.length === 0 ? 0 : Math.round((tasks / lags.length) * 100) / 100,
    lagMs,
    peakFiresPerSecond: Math.max(0, ...perSecond.values()),
  };
}
