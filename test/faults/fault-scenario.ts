import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
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
import { dataSourceOptions, runMigrations } from '@doorloop/persistence';
import { loadConfig } from '@doorloop/config';
import { trajectoryWorkflowId } from '@doorloop/temporal';
import { stateQuery } from '@doorloop/workflows';
import { createApi } from '../../apps/api/src/bootstrap';
import { createTestRegion, type TestRegion } from '../test-region';
import { bornAgo } from '../dates';
import { startFaultServers } from './fault-servers-process';
import { WorkerProcess } from './worker-process';

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
  /** Evaluation tasks the schedule says fire in the load window, and how many of them PostgreSQL holds exactly once. */
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
  /** Evaluations whose inputs were all completed, and those without a consolidation task. */
  completedEvaluations: number;
  consolidationsMissing: string[];
  failedRequests: number;
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
 * every occurrence the schedule put in the window has its tasks exactly once; every completion answered 2xx is done,
 * and nothing else is; the workflow knows every completion; every fully answered evaluation has its consolidation.
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
    const checked = validatePolicy(mergePolicy(DEFAULT_POLICY, override));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const policy = checked.policy;
    const region = await sharedRegion(dataSource, override);

    const worker = new WorkerProcess(env);
    worker.start();
    cleanups.unshift(() => worker.stop());
    const api = await createApi(config);
    await api.listen(0, '127.0.0.1');
    cleanups.unshift(() => api.close());
    const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const http = new Http(url, options.tokenFor);

    // Distinct start days give distinct phases when the interval shares no factor with a day (see the bench).
    const today = localDateOf(Date.now(), DEFAULT_TIME_ZONE);
    const ids: string[] = [];
    for (let i = 0; i < options.trajectories; i++) {
      const created = await http.call<{ id: string }>(region.users.coordinator, 'POST', '/api/v1/trajectories', {
        pseudonym: `TRJ-K${i.toString(36).toUpperCase().padStart(3, '0')}`,
        birthDate: bornAgo(14, 6),
        municipalityCode: region.municipalities[0],
        partners: [
          { organisationId: region.organisations.police, role: 'police' },
          { organisationId: region.organisations.school, role: 'school' },
        ],
        placements: [
          {
            type: 'open-residential',
            startDate: addDaysToLocalDate(today, -(1 + (i % options.intervalSeconds))),
            providerOrganisationId: region.organisations['youth-care'],
          },
        ],
      });
      ids.push(created.id);
    }
    const windowFrom = Date.now() + 2000;
    const windowTo = windowFrom + options.loadSeconds * 1000;
    log(`${ids.length} trajectories started; load until ${new Date(windowTo).toISOString()}`);

    const completer = new Completer(http, region, log);
    const completing = completer.run();
    const faults = { workerKills: 0, temporalRestarts: 0, postgresRestarts: 0 };
    const at = (fraction: number) => windowFrom + fraction * options.loadSeconds * 1000;
    const events: { moment: number; act: () => Promise<void> }[] = [
      {
        moment: at(0.3),
        act: async () => {
          log('killing the Temporal dev server');
          await servers.restartTemporal(1000);
          faults.temporalRestarts++;
          log('Temporal is back');
        },
      },
      {
        moment: at(0.6),
        act: async () => {
          log('crashing PostgreSQL');
          await servers.restartPostgres(1000);
          faults.postgresRestarts++;
          log('PostgreSQL is back');
        },
      },
    ];
    const [minKill, maxKill] = options.workerKillEverySeconds;
    for (let moment = windowFrom; ;) {
      moment += (minKill + Math.random() * (maxKill - minKill)) * 1000;
      if (moment >= windowTo) break;
      events.push({
        moment,
        act: async () => {
          await worker.kill();
          faults.workerKills++;
          worker.start();
        },
      });
    }
    events.sort((a, b) => a.moment - b.moment);
    for (const event of events) {
      await sleep(event.moment - Date.now());
      await event.act();
    }
    await sleep(windowTo - Date.now());
    if (!worker.running) worker.start();
    log(`load over (${faults.workerKills} worker kills); settling`);

    // Settle until the reconciliation holds, or the time is up: a fire or completion cut off by the last SIGKILL is
    // tried again only after its activity's start-to-close timeout, so tasks may still appear after the load.
    const expected = await expectedTasks(dataSource, ids, policy, windowFrom, windowTo);
    const settled = async () => {
      const { taskDiscrepancies } = await reconcileTasks(dataSource, ids, expected, windowFrom, windowTo);
      if (taskDiscrepancies.length > 0) return false;
      const { consolidationsMissing } = await reconcileConsolidations(dataSource, ids, windowTo);
      if (consolidationsMissing.length > 0) return false;
      const [{ open }] = await dataSource.query<{ open: string }[]>(
        `SELECT count(*) AS open FROM tasks WHERE trajectory_id = ANY($1) AND fire_at < $2
            AND status IN ('open', 'claimed')`,
        [ids, new Date(windowTo)],
      );
      return Number(open) === 0;
    };
    const settleStarted = Date.now();
    const settleBy = settleStarted + options.settleSeconds * 1000;
    while (Date.now() < settleBy && !(await settled().catch(() => false))) await sleep(500);
    log(`settled in ${((Date.now() - settleStarted) / 1000).toFixed(1)} s`);
    await completer.stop();
    await completing;

    const temporal = api.get(Client);
    const report = await reconcile({ dataSource, temporal, ids, expected, windowFrom, windowTo, completer });
    await worker.stop();
    return {
      ...report,
      faults: { ...faults, workerStarts: worker.starts },
      failedRequests: http.failures,
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

/** One task the schedule expects: an occurrence of a trajectory, for one organisation. */
interface ExpectedTask {
  trajectoryId: string;
  occurrenceKey: string;
  organisationId: string;
  fireAt: number;
}

/** What the schedule (libs/domain, from the stored facts) says fires in the window, and to whom. */
async function expectedTasks(
  dataSource: DataSource,
  ids: string[],
  policy: TimingPolicy,
  windowFrom: number,
  windowTo: number,
): Promise<ExpectedTask[]> {
  const trajectories = await dataSource.query<{ id: string; facts: TrajectoryFacts }[]>(
    `SELECT id, facts FROM trajectories WHERE id = ANY($1)`,
    [ids],
  );
  return trajectories.flatMap(({ id, facts }) =>
    computeSchedule(facts, policy, windowFrom)
      .filter((occurrence) => occurrence.status === 'upcoming' && occurrence.fireAt < windowTo)
      .flatMap((occurrence) =>
        occurrence.assignees.map((assignee) => ({
          trajectoryId: id,
          occurrenceKey: occurrence.key,
          organisationId: assignee.organisationId,
          fireAt: occurrence.fireAt,
        })),
      ),
  );
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
    return `due to fire ${at} s into the load${skipped ? '; a later one of its series fired: skipped as missed' : ''}`;
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
}): Promise<Omit<FaultReport, 'faults' | 'failedRequests' | 'serverErrors'>> {
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
    ...(await reconcileConsolidations(dataSource, ids, windowTo)),
  };
}

/** Every evaluation whose inputs were all completed must have its consolidation task. */
async function reconcileConsolidations(
  dataSource: DataSource,
  ids: string[],
  windowTo: number,
): Promise<{ completedEvaluations: number; consolidationsMissing: string[] }> {
  const consolidations = await dataSource.query<{ trajectory_id: string; occurrence_key: string; found: boolean }[]>(
    `WITH answered AS (
       SELECT trajectory_id, occurrence_key FROM tasks
        WHERE trajectory_id = ANY($1) AND kind = 'placement-evaluation' AND fire_at < $2
        GROUP BY 1, 2 HAVING bool_and(status = 'done'))
     SELECT a.trajectory_id, a.occurrence_key, c.id IS NOT NULL AS found
       FROM answered a LEFT JOIN tasks c
         ON c.trajectory_id = a.trajectory_id AND c.kind = 'evaluation-consolidation'
        AND c.context->>'evaluationKey' = a.occurrence_key`,
    [ids, new Date(windowTo)],
  );
  return {
    completedEvaluations: consolidations.length,
    consolidationsMissing: consolidations
      .filter((row) => !row.found)
      .map((row) => `${row.trajectory_id} ${row.occurrence_key}`),
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
