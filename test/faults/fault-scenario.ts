import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PolicyOverride } from '@doorloop/domain';
import { dataSourceOptions, runMigrations } from '@doorloop/persistence';
import { loadConfig } from '@doorloop/config';
import { trajectoryWorkflowId } from '@doorloop/temporal';
import { stateQuery } from '@doorloop/workflows';
import { createApi } from '../../apps/api/src/bootstrap';
import { createTestRegion, type TestRegion } from '../test-region';
import { regionPartners, youthCarePlacement } from '../factories/trajectory-parts.factory';
import { bornAgo, plusDays, today } from '../dates';
import { amsterdam } from '../../libs/domain/test/calendar-oracle';
import { startFaultServers } from './fault-servers-process';
import { WorkerProcess } from './worker-process';
import { pseudonym } from '../pseudonyms';

/**
 * A worker SIGKILLed mid-activity holds it until the activity's start-to-close timeout (30 s) has passed, and Temporal
 * retries it after the first retry interval (1 s): workflows/src/trajectory.workflow.ts. Until then a task that
 * activity inserted is refused a completion with 503 (the workflow does not know it fired yet): the fault has not healed.
 */
const KILLED_ACTIVITY_RETRIED_AFTER_MS = 30_000 + 1_000;
/** The settling goes on at least this long after the last fault healed, so that a 503 there would be seen. */
const OBSERVED_AFTER_HEALED_MS = 5_000;

export interface FaultScenarioOptions {
  trajectories: number;
  /** How long fires and completions run while the faults happen. */
  loadSeconds: number;
  /** Every trajectory fires a placement evaluation this often; longer than any outage, so no occurrence is skipped. */
  intervalSeconds: number;
  /** The worker is SIGKILLed at random moments this far apart (min, max). */
  workerKillEverySeconds: [number, number];
  /** How long to wait after the load for the last completions and consolidations. */
  settleSeconds: number;
  /** 503s (try again) the api may answer while faults last; after the last one has healed it may answer none. */
  maxUnavailableDuringFaults: number;
  /** An access token for a user of the test region. */
  tokenFor: (username: string) => Promise<string>;
  log?: (line: string) => void;
}

/** One line of the reconciliation that is not as it should be. */
export interface Discrepancy {
  trajectoryId: string;
  occurrenceKey: string;
  organisationId?: string;
  detail: string;
}

export interface FaultReport {
  faults: { workerKills: number; workerStarts: number; temporalRestarts: number; postgresRestarts: number };
  /** When the last fault had healed (epoch ms; undefined if a restarted worker never said it polls), and how long the
   * api was then still watched. */
  lastFaultHealedAt?: number;
  observedAfterHealedMs: number;
  /** Evaluation tasks the oracle says fire in the load window, and how many of them PostgreSQL holds exactly once. */
  expectedTasks: number;
  tasksExactlyOnce: number;
  /** Expected tasks missing, duplicated, or present without being expected. */
  taskDiscrepancies: Discrepancy[];
  completionsSent: number;
  tasksDone: number;
  /** Completions answered 2xx that are not done in PostgreSQL, and done tasks nobody completed. */
  completionDiscrepancies: string[];
  /** Completions the trajectory workflow has no record of (it decides consolidations from its records). */
  completionsUnknownToWorkflow: string[];
  /** Tasks still open or claimed after settling that the simulated users should have answered: every task fired
   * before the load ended, and the consolidation of every evaluation fired before then. */
  openAfterSettling: string[];
  /** Evaluations (fired before the load ended) whose inputs were all completed, and those without a consolidation. */
  completedEvaluations: number;
  consolidationsMissing: string[];
  /** Evaluations consolidated more than once. */
  consolidationsDuplicated: string[];
  /** Consolidations of an evaluation not fully answered, fired before its last answer, or listing missing input. */
  consolidationsPremature: string[];
  failedRequests: number;
  /** 503s answered before the last fault healed, and every one answered after it. */
  unavailableDuringFaults: number;
  unavailableAfterHealed: string[];
  /** Answers of 500 and up other than 503, which a fault must never cause. */
  serverErrors: string[];
}

const EVALUATION_INPUT = {
  observations: [{ lifeDomain: 'education-or-work', observation: 'Demo: gaat weer naar school.' }],
  riskSignals: [],
  wishes: 'Demo: wil op deze school blijven.',
};
const CONSOLIDATION = {
  summary: 'Demo: alle input is binnen.',
  conclusions: [{ lifeDomain: 'education-or-work', conclusion: 'Demo: schoolgang stabiel.' }],
  wishes: 'Demo: wil op deze school blijven.',
};

/** A trajectory the scenario created: what the oracle needs of it. */
interface Created {
  id: string;
  /** The start date of its one placement, whose evaluations it fires. */
  startDate: string;
}

interface InboxTask {
  id: string;
  trajectoryId: string;
  kind: string;
  organisationId: string;
}

/**
 * Fires and completions under faults, then a reconciliation. Trajectories in a test region of their own fire a
 * placement evaluation every `intervalSeconds` (three partners each); partners complete every task they see, the
 * coordinator every consolidation. Meanwhile the worker is SIGKILLed again and again, the Temporal dev server is killed
 * and restarted on its SQLite file, and PostgreSQL is crashed (immediate shutdown) and restarted. Afterwards:
 * every evaluation the oracle puts in the window has its tasks exactly once; every completion answered 2xx is done,
 * and nothing else is; the workflow knows every completion; no task that should have been answered is open; every
 * fully answered evaluation has exactly one consolidation, and nothing else has one; 503s were few while faults lasted
 * and none came after the last had healed.
 */
export async function runFaultScenario(options: FaultScenarioOptions): Promise<FaultReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[faults] ${line}\n`));
  const servers = await startFaultServers();
  const cleanups: (() => Promise<unknown>)[] = [() => servers.stop()];
  try {
    await runMigrations(servers.databaseUrl);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: servers.databaseUrl,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      TEMPORAL_TASK_QUEUE: `faults-${randomUUID()}`,
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    };
    const config = loadConfig(env);
    const dataSource = await new DataSource(dataSourceOptions(servers.databaseUrl)).initialize();
    cleanups.unshift(() => dataSource.destroy());
    const override: PolicyOverride = {
      version: `faults-${options.intervalSeconds}s`,
      fireTimeOfDay: null,
      milestones: {
        'placement-evaluation': {
          interval: `PT${options.intervalSeconds}S`,
          due: { relativeTo: 'fire', offset: 'P30D' },
        },
      },
    };
    const region = await sharedRegion(dataSource, override);

    // At info the worker says when it polls: the moment a restarted one is back.
    const worker = new WorkerProcess({ ...env, LOG_LEVEL: 'info' });
    void worker.start();
    cleanups.unshift(() => worker.stop());
    const api = await createApi(config);
    await api.listen(0, '127.0.0.1');
    cleanups.unshift(() => api.close());
    const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const http = new Http(url, options.tokenFor);

    // Distinct start days give distinct phases when the interval shares no factor with a day (see the bench).
    const startedOn = today();
    const created: Created[] = [];
    for (let i = 0; i < options.trajectories; i++) {
      const startDate = plusDays(startedOn, -(1 + (i % options.intervalSeconds)));
      const { id } = await http.call<{ id: string }>(region.users.coordinator, 'POST', '/api/v1/trajectories', {
        pseudonym: pseudonym(),
        birthDate: bornAgo(14, 6),
        municipalityCode: region.municipalities[0],
        partners: regionPartners(region, 'police', 'school'),
        placements: [youthCarePlacement(region, startDate)],
      });
      created.push({ id, startDate });
    }
    const ids = created.map(({ id }) => id);
    const windowFrom = Date.now() + 2000;
    const windowTo = windowFrom + options.loadSeconds * 1000;
    log(`${ids.length} trajectories started; load until ${new Date(windowTo).toISOString()}`);

    const completer = new Completer(http, region, log);
    const completing = completer.run();
    const faults = { workerKills: 0, temporalRestarts: 0, postgresRestarts: 0 };
    /** When each fault healed, or will have: a promise for a worker's, which is back once it polls again. */
    const healed: Promise<number>[] = [];
    const at = (fraction: number) => windowFrom + fraction * options.loadSeconds * 1000;
    /** A server taken down for a second at `fraction` of the load: healed the moment it is back. */
    const serverRestart = (
      fraction: number,
      server: string,
      restart: (downMs: number) => Promise<void>,
      counted: keyof typeof faults,
    ) => ({
      moment: at(fraction),
      act: async () => {
        log(`restarting ${server}`);
        await restart(1000);
        healed.push(Promise.resolve(Date.now()));
        faults[counted]++;
        log(`${server} is back`);
      },
    });
    const events: { moment: number; act: () => Promise<void> }[] = [
      serverRestart(0.3, 'the Temporal dev server', (down) => servers.restartTemporal(down), 'temporalRestarts'),
      serverRestart(0.6, 'PostgreSQL', (down) => servers.restartPostgres(down), 'postgresRestarts'),
    ];
    const [minKill, maxKill] = options.workerKillEverySeconds;
    for (let moment = windowFrom; ;) {
      moment += (minKill + Math.random() * (maxKill - minKill)) * 1000;
      if (moment >= windowTo) break;
      events.push({
        moment,
        act: async () => {
          await worker.kill();
          const killedAt = Date.now();
          faults.workerKills++;
          const polling = worker.start();
          healed.push(polling.then((polls) => Math.max(polls, killedAt + KILLED_ACTIVITY_RETRIED_AFTER_MS)));
        },
      });
    }
    events.sort((a, b) => a.moment - b.moment);
    for (const event of events) {
      await sleep(event.moment - Date.now());
      await event.act();
    }
    await sleep(windowTo - Date.now());
    if (!worker.running) healed.push(worker.start());
    log(`load over (${faults.workerKills} worker kills); settling`);

    // Settle until the reconciliation holds and the last fault has healed a while ago, or the time is up: a fire or
    // completion cut off by the last SIGKILL is tried again only after its activity's start-to-close timeout, so tasks
    // may still appear after the load; and a 503 after the healing is a failure only if there was traffic to answer.
    const settleStarted = Date.now();
    const settleBy = settleStarted + options.settleSeconds * 1000;
    let lastFaultHealedAt: number | undefined;
    void Promise.all(healed).then((moments) => (lastFaultHealedAt = Math.max(...moments)));
    const expected = await expectedTasks(dataSource, created, region, options.intervalSeconds, windowFrom, windowTo);
    const settled = async () => {
      if (lastFaultHealedAt === undefined || Date.now() < lastFaultHealedAt + OBSERVED_AFTER_HEALED_MS) return false;
      const { taskDiscrepancies } = await reconcileTasks(dataSource, ids, expected, windowFrom, windowTo);
      if (taskDiscrepancies.length > 0) return false;
      const { consolidationsMissing } = await reconcileConsolidations(dataSource, ids, windowTo);
      if (consolidationsMissing.length > 0) return false;
      return (await openAfterSettling(dataSource, ids, windowTo)).length === 0;
    };
    while (Date.now() < settleBy && !(await settled().catch(() => false))) await sleep(500);
    log(`settled in ${((Date.now() - settleStarted) / 1000).toFixed(1)} s`);
    await completer.stop();
    await completing;
    const stoppedAt = Date.now();

    const temporal = api.get(Client);
    const report = await reconcile({ dataSource, temporal, ids, expected, windowFrom, windowTo, completer });
    await worker.stop();
    const healedBy = lastFaultHealedAt ?? Infinity;
    return {
      ...report,
      faults: { ...faults, workerStarts: worker.starts },
      ...(lastFaultHealedAt === undefined ? {} : { lastFaultHealedAt }),
      observedAfterHealedMs: Math.max(0, stoppedAt - healedBy),
      failedRequests: http.failures,
      unavailableDuringFaults: http.unavailable.filter(({ at }) => at < healedBy).length,
      unavailableAfterHealed: http.unavailable
        .filter(({ at }) => at >= healedBy)
        .map(({ at, what }) => `${((at - healedBy) / 1000).toFixed(1)} s after the last fault healed: ${what}`),
      serverErrors: http.serverErrors,
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

/**
 * A test region in the fault servers' database whose users also exist in the shared test database: the test run's
 * OIDC issuer (test/global-setup.ts) knows its accounts from there, while this api resolves them in its own. Made in the
 * shared database first (it picks municipality codes free there), then copied row for row.
 */
async function sharedRegion(own: DataSource, policy: PolicyOverride): Promise<TestRegion> {
  const shared = await new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? '')).initialize();
  try {
    const region = await createTestRegion(shared, policy);
    const copies: [string, string][] = [
      ['regions', 'id = $1'],
      ['municipalities', 'region_id = $1'],
      ['organisations', 'region_id = $1'],
      ['users', 'region_id = $1'],
    ];
    for (const [table, where] of copies) {
      const rows = await shared.query<Record<string, unknown>[]>(`SELECT * FROM ${table} WHERE ${where}`, [region.id]);
      for (const row of rows) {
        const columns = Object.keys(row);
        await own.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          columns.map((column) => (column === 'timing_policy' ? JSON.stringify(row[column]) : row[column])),
        );
      }
    }
    return region;
  } finally {
    await shared.destroy();
  }
}

/** One task the oracle expects: an occurrence of a trajectory, for one organisation. */
interface ExpectedTask {
  trajectoryId: string;
  occurrenceKey: string;
  organisationId: string;
  fireAt: number;
}

/**
 * What fires in the window, and to whom, worked out here without libs/domain (the oracle of the issue: expectations
 * independent of `computeSchedule`). The region's policy has no fire time of day and an evaluation interval of
 * `intervalSeconds`, so evaluation k of a placement is due at the start of its start date in Amsterdam plus k intervals
 * (DOMAIN.md: counted from the anchor). It goes to the placement's provider and the partners that give input: police
 * and school (DOMAIN.md's "assigned to" column). The key is the workflow's `placement-evaluation:<placement id>:<k>`.
 */
async function expectedTasks(
  dataSource: DataSource,
  created: Created[],
  region: TestRegion,
  intervalSeconds: number,
  windowFrom: number,
  windowTo: number,
): Promise<ExpectedTask[]> {
  const placements = await dataSource.query<{ id: string; placement_id: string }[]>(
    `SELECT id, facts->'placements'->0->>'id' AS placement_id FROM trajectories WHERE id = ANY($1)`,
    [created.map(({ id }) => id)],
  );
  const placementOf = new Map(placements.map((row) => [row.id, row.placement_id]));
  const intervalMs = intervalSeconds * 1000;
  const organisations = [region.organisations['youth-care'], region.organisations.police, region.organisations.school];
  return created.flatMap(({ id, startDate }) => {
    const start = amsterdam(startDate);
    const tasks: ExpectedTask[] = [];
    for (let k = Math.max(1, Math.ceil((windowFrom - start) / intervalMs)); start + k * intervalMs < windowTo; k++) {
      const fireAt = start + k * intervalMs;
      for (const organisationId of organisations) {
        tasks.push({
          trajectoryId: id,
          occurrenceKey: `placement-evaluation:${placementOf.get(id)}:${k}`,
          organisationId,
          fireAt,
        });
      }
    }
    return tasks;
  });
}

/** Expected tasks × organisations against the evaluation tasks PostgreSQL holds for the window. */
async function reconcileTasks(
  dataSource: DataSource,
  ids: string[],
  expected: ExpectedTask[],
  windowFrom: number,
  windowTo: number,
): Promise<{ tasksExactlyOnce: number; taskDiscrepancies: Discrepancy[] }> {
  const taskRows = await dataSource.query<
    { trajectory_id: string; occurrence_key: string; organisation_id: string; expected: boolean; held: string }[]
  >(
    `WITH expected AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS e(trajectory_id, occurrence_key, organisation_id)),
     held AS (
       SELECT trajectory_id, occurrence_key, organisation_id, count(*) AS n FROM tasks
        WHERE trajectory_id = ANY($4) AND kind = 'placement-evaluation' AND fire_at >= $5 AND fire_at < $6
        GROUP BY 1, 2, 3)
     SELECT trajectory_id, occurrence_key, organisation_id, e.trajectory_id IS NOT NULL AS expected,
            coalesce(h.n, 0) AS held
       FROM expected e FULL OUTER JOIN held h USING (trajectory_id, occurrence_key, organisation_id)`,
    [
      expected.map((task) => task.trajectoryId),
      expected.map((task) => task.occurrenceKey),
      expected.map((task) => task.organisationId),
      ids,
      new Date(windowFrom),
      new Date(windowTo),
    ],
  );
  // Where in the window an expected occurrence lay tells a lost fire (early) from one cut off near the end; whether a
  // later occurrence of its series fired tells one the workflow skipped: a recurring evaluation whose next one has
  // passed too is not fired late (libs/domain, "missed"), which happens when the worker falls behind by an interval.
  const fireAtOf = new Map(expected.map((task) => [task.occurrenceKey, task.fireAt]));
  const latest = new Map<string, number>();
  const fired = await dataSource.query<{ trajectory_id: string; occurrence_key: string }[]>(
    `SELECT DISTINCT trajectory_id, occurrence_key FROM tasks WHERE trajectory_id = ANY($1) AND kind = 'placement-evaluation'`,
    [ids],
  );
  const seriesOf = (trajectoryId: string, key: string) => `${trajectoryId} ${key.slice(0, key.lastIndexOf(':'))}`;
  const numberOf = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));
  for (const row of fired) {
    const series = seriesOf(row.trajectory_id, row.occurrence_key);
    latest.set(series, Math.max(latest.get(series) ?? 0, numberOf(row.occurrence_key)));
  }
  const why = (row: { trajectory_id: string; occurrence_key: string }) => {
    const at = (((fireAtOf.get(row.occurrence_key) ?? 0) - windowFrom) / 1000).toFixed(1);
    const skipped = (latest.get(seriesOf(row.trajectory_id, row.occurrence_key)) ?? 0) > numberOf(row.occurrence_key);
    return skipped
      ? `due to fire ${at} s into the load; skipped as missed: a later occurrence of its series fired first, so the ` +
          `workflow did not fire this one late (the domain's rule). The worker fell more than an interval behind: the ` +
          `machine is too loaded for this rate of fires and kills (docs/testing.md, "Fault test")`
      : `due to fire ${at} s into the load`;
  };
  const taskDiscrepancies: Discrepancy[] = taskRows
    .filter((row) => !row.expected || Number(row.held) !== 1)
    .map((row) => ({
      trajectoryId: row.trajectory_id,
      occurrenceKey: row.occurrence_key,
      organisationId: row.organisation_id,
      detail: row.expected
        ? `expected once, held ${row.held} times (${why(row)})`
        : `held ${row.held} times, not expected`,
    }));
  return {
    tasksExactlyOnce: taskRows.filter((row) => row.expected && Number(row.held) === 1).length,
    taskDiscrepancies,
  };
}

async function reconcile(input: {
  dataSource: DataSource;
  temporal: Client;
  ids: string[];
  expected: ExpectedTask[];
  windowFrom: number;
  windowTo: number;
  completer: Completer;
}): Promise<
  Omit<
    FaultReport,
    | 'faults'
    | 'failedRequests'
    | 'serverErrors'
    | 'lastFaultHealedAt'
    | 'observedAfterHealedMs'
    | 'unavailableDuringFaults'
    | 'unavailableAfterHealed'
  >
> {
  const { dataSource, ids, windowFrom, windowTo } = input;
  const { tasksExactlyOnce, taskDiscrepancies } = await reconcileTasks(
    dataSource,
    ids,
    input.expected,
    windowFrom,
    windowTo,
  );

  // Completions answered 2xx against tasks done.
  const sent = [...input.completer.completed.keys()];
  const completionRows = await dataSource.query<{ id: string; sent: boolean; status: string | null }[]>(
    `WITH sent AS (SELECT unnest($1::uuid[]) AS id),
     done AS (SELECT id, status FROM tasks WHERE trajectory_id = ANY($2) AND status = 'done')
     SELECT id, s.id IS NOT NULL AS sent, d.status FROM sent s FULL OUTER JOIN done d USING (id)
      WHERE s.id IS NULL OR d.id IS NULL`,
    [sent, ids],
  );
  const completionDiscrepancies = completionRows.map((row) =>
    row.sent ? `${row.id}: completed (2xx) but not done` : `${row.id}: done but never completed`,
  );
  const [{ done }] = await dataSource.query<{ done: string }[]>(
    `SELECT count(*) AS done FROM tasks WHERE trajectory_id = ANY($1) AND status = 'done'`,
    [ids],
  );

  // The workflow decides consolidations from its own records of completions: it must know every one.
  const sentTasks = await dataSource.query<
    { trajectory_id: string; occurrence_key: string; organisation_id: string }[]
  >(`SELECT trajectory_id, occurrence_key, organisation_id FROM tasks WHERE id = ANY($1)`, [sent]);
  const completionsUnknownToWorkflow: string[] = [];
  for (const id of ids) {
    const state = await input.temporal.workflow.getHandle(trajectoryWorkflowId(id)).query(stateQuery);
    const known = new Set(state.completed.map((c) => `${c.occurrenceKey} ${c.organisationId}`));
    for (const task of sentTasks.filter((t) => t.trajectory_id === id)) {
      if (!known.has(`${task.occurrence_key} ${task.organisation_id}`)) {
        completionsUnknownToWorkflow.push(`${id} ${task.occurrence_key} ${task.organisation_id}`);
      }
    }
  }

  return {
    expectedTasks: input.expected.length,
    tasksExactlyOnce,
    taskDiscrepancies,
    completionsSent: sent.length,
    tasksDone: Number(done),
    completionDiscrepancies,
    completionsUnknownToWorkflow,
    openAfterSettling: await openAfterSettling(dataSource, ids, windowTo),
    ...(await reconcileConsolidations(dataSource, ids, windowTo)),
  };
}

/**
 * The tasks the simulated users should have answered and have not: every task fired before the load ended (the users
 * work on through the settling), and the consolidation of every evaluation fired before then.
 */
async function openAfterSettling(dataSource: DataSource, ids: string[], windowTo: number): Promise<string[]> {
  const open = await dataSource.query<{ trajectory_id: string; occurrence_key: string; organisation_id: string }[]>(
    `SELECT t.trajectory_id, t.occurrence_key, t.organisation_id FROM tasks t
      WHERE t.trajectory_id = ANY($1) AND t.status IN ('open', 'claimed')
        AND (t.fire_at < $2 OR EXISTS (
              SELECT 1 FROM tasks e WHERE e.trajectory_id = t.trajectory_id AND e.kind = 'placement-evaluation'
                 AND e.occurrence_key = t.context->>'evaluationKey' AND e.fire_at < $2))
      ORDER BY 1, 2, 3`,
    [ids, new Date(windowTo)],
  );
  return open.map((row) => `${row.trajectory_id} ${row.occurrence_key} ${row.organisation_id}: still open`);
}

/**
 * Exactly one consolidation per fully answered evaluation, and none for any other: every evaluation fired before the
 * load ended whose inputs were all completed has one; no evaluation has two; none was fired before the evaluation's
 * last answer or for an evaluation not fully answered, and none lists missing input (the due moment, which fires a
 * consolidation with what is missing, lies 30 days ahead).
 */
async function reconcileConsolidations(
  dataSource: DataSource,
  ids: string[],
  windowTo: number,
): Promise<
  Pick<
    FaultReport,
    'completedEvaluations' | 'consolidationsMissing' | 'consolidationsDuplicated' | 'consolidationsPremature'
  >
> {
  const rows = await dataSource.query<
    {
      trajectory_id: string;
      occurrence_key: string;
      fired_at: Date | null;
      answered: boolean;
      last_answer: Date | null;
      consolidations: string;
      first_consolidation: Date | null;
      lists_missing: boolean;
    }[]
  >(
    `WITH evaluations AS (
       SELECT trajectory_id, occurrence_key, min(fire_at) AS fired_at, bool_and(status = 'done') AS answered,
              max(completed_at) AS last_answer
         FROM tasks WHERE trajectory_id = ANY($1) AND kind = 'placement-evaluation' GROUP BY 1, 2),
     consolidations AS (
       SELECT trajectory_id, context->>'evaluationKey' AS occurrence_key, count(*) AS consolidations,
              min(fire_at) AS first_consolidation,
              bool_or(jsonb_array_length(coalesce(context->'missingOrganisationIds', '[]')) > 0) AS lists_missing
         FROM tasks WHERE trajectory_id = ANY($1) AND kind = 'evaluation-consolidation' GROUP BY 1, 2)
     SELECT trajectory_id, occurrence_key, e.fired_at, coalesce(e.answered, false) AS answered, e.last_answer,
            coalesce(c.consolidations, 0) AS consolidations, c.first_consolidation, coalesce(c.lists_missing, false) AS lists_missing
       FROM evaluations e FULL OUTER JOIN consolidations c USING (trajectory_id, occurrence_key)`,
    [ids],
  );
  const name = (row: (typeof rows)[number]) => `${row.trajectory_id} ${row.occurrence_key}`;
  const due = rows.filter((row) => row.answered && row.fired_at !== null && row.fired_at.getTime() < windowTo);
  const consolidated = rows.filter((row) => Number(row.consolidations) > 0);
  const prematurely = (row: (typeof rows)[number]): string | undefined => {
    if (row.fired_at === null) return 'consolidates an evaluation that never fired';
    if (!row.answered) return 'consolidated while input is still open';
    if (row.lists_missing) return 'consolidated listing missing input';
    if (row.last_answer !== null && row.first_consolidation !== null && row.first_consolidation < row.last_answer) {
      return `consolidated ${row.last_answer.getTime() - row.first_consolidation.getTime()} ms before its last answer`;
    }
    return undefined;
  };
  return {
    completedEvaluations: due.length,
    consolidationsMissing: due.filter((row) => Number(row.consolidations) === 0).map(name),
    consolidationsDuplicated: consolidated
      .filter((row) => Number(row.consolidations) > 1)
      .map((row) => `${name(row)}: consolidated ${row.consolidations} times`),
    consolidationsPremature: consolidated.flatMap((row) => {
      const why = prematurely(row);
      return why === undefined ? [] : [`${name(row)}: ${why}`];
    }),
  };
}

/** Partners complete every task in their inbox, the coordinator every consolidation; failures are tried again. */
class Completer {
  /** Tasks whose completion was answered 2xx, by id. */
  readonly completed = new Map<string, InboxTask>();
  private stopping = false;

  constructor(
    private readonly http: Http,
    private readonly region: TestRegion,
    private readonly log: (line: string) => void,
  ) {}

  /** One loop per user, as people work side by side; each takes what its inbox shows. */
  async run(): Promise<void> {
    const { police, school, coordinator } = this.region.users;
    await Promise.all([
      this.work(police, ''),
      this.work(school, ''),
      this.work(this.region.users['youth-care'], ''),
      this.work(coordinator, '&kind=evaluation-consolidation'),
    ]);
  }

  private async work(user: string, filter: string): Promise<void> {
    // Completions that failed are sent again, whether or not the task still shows as open: a request can fail after
    // its change was committed (the audit append, the answer lost), and the same answer twice is the same completion.
    const unanswered = new Map<string, InboxTask>();
    for (let roundsAfterStop = 0; !this.stopping || (unanswered.size > 0 && roundsAfterStop++ < 20);) {
      const page = this.stopping
        ? { items: [] }
        : await this.http
            .call<{ items: InboxTask[] }>(user, 'GET', `/api/v1/tasks?limit=200${filter}`)
            .catch(() => ({ items: [] as InboxTask[] }));
      for (const task of [...unanswered.values(), ...page.items.filter((t) => !unanswered.has(t.id))]) {
        const outcome = task.kind === 'evaluation-consolidation' ? CONSOLIDATION : EVALUATION_INPUT;
        const answered = await this.http
          .call<InboxTask>(user, 'POST', `/api/v1/tasks/${task.id}/completion`, { outcome })
          .catch((error: unknown) => {
            this.log(`completion of ${task.id} failed: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
          });
        if (answered) {
          unanswered.delete(task.id);
          this.completed.set(task.id, task);
        } else unanswered.set(task.id, task);
      }
      await sleep(300);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await sleep(0);
  }
}

class Http {
  failures = 0;
  /** Every 503 (the api's "try again"), when it came and what it answered. */
  readonly unavailable: { at: number; what: string }[] = [];
  /** Answers of 500 and up other than 503 (the api's "try again"): a fault must never surface as an internal error. */
  readonly serverErrors: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly tokenFor: (username: string) => Promise<string>,
  ) {}

  async call<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.tokenFor(username)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    }).catch((error: unknown) => {
      this.failures++;
      throw error;
    });
    const text = await response.text();
    if (!response.ok) {
      this.failures++;
      if (response.status === 503)
        this.unavailable.push({ at: Date.now(), what: `${method} ${path}: ${text.slice(0, 200)}` });
      if (response.status >= 500 && response.status !== 503)
        this.serverErrors.push(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
      throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as T;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));
}
