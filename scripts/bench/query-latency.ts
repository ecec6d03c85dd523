import {
  addDaysToLocalDate,
  addDuration,
  DEFAULT_TIME_ZONE,
  localDateOf,
  requireDuration,
  startOfLocalDay,
} from '@doorloop/domain';
import { randomUUID } from 'node:crypto';
import {
  AuditRecordRepository,
  OversightRepository,
  TaskRepository,
  type OversightScope,
  type TaskFilter,
} from '@doorloop/persistence';
import type { HttpClient } from './http-client';
import type { CapturedQuery, QueryCapture } from './query-capture';
import { ratio, sampleSequentially, summarise, type Latency } from './stats';
import type { SyntheticSubjects } from './synthetic-data';

export interface QueryComparison {
  name: string;
  route: string;
  as: string;
  /** Rows (or items) the read returns. */
  rows: number;
  /** The whole request over HTTP: auth, validation, repository, serialisation, logging. */
  api: Latency;
  /** The repository call in-process (TypeORM: query building, the query, entity hydration). */
  repository: Latency;
  /** The statements the repository issues, replayed with the same parameters on a plain pg pool. */
  raw: Latency;
  apiToRawP95: number;
  statements: CapturedQuery[];
}

export interface QueryLatencyResult {
  samples: number;
  comparisons: QueryComparison[];
  /** GET /health/live (no auth, no database): the HTTP stack's floor on this machine. */
  httpFloor: Latency;
  /** GET /me as the partner: the floor plus verifying the token and reading the user (not audited). */
  authFloor: Latency;
  /**
   * One append to the hash-chained audit log (what every audited request commits before its response leaves), through
   * the repository in-process, with fifty object ids like an inbox page.
   */
  auditAppend: Latency;
  /** EXPLAIN (ANALYZE, BUFFERS) of the partner inbox's first page. */
  inboxPlan: string;
  inboxDeepPagePlan: string;
}

interface Case {
  name: string;
  path: string;
  as: string;
  token: string;
  repository: () => Promise<unknown[]>;
}

const ACTIVE = ['open', 'claimed'] as const;

/**
 * Inbox and oversight reads at the synthetic data set's size, three ways: through the api, through the repository
 * in-process, and as the raw statements the repository issues. The repository calls mirror what the services do
 * (apps/api/src/tasks/tasks.service.ts, oversight.controller.ts): default statuses, limit + 1, the principal's scope.
 */
export async function measureQueries(options: {
  capture: QueryCapture;
  http: HttpClient;
  subjects: SyntheticSubjects;
  tokens: { partner: string; coordinator: string; director: string };
  samples: number;
  warmup: number;
  log: (line: string) => void;
}): Promise<QueryLatencyResult> {
  const { capture, http, subjects, tokens } = options;
  const tasks = new TaskRepository(capture.dataSource);
  const oversight = new OversightRepository(capture.dataSource);
  const partnerScope = { organisationId: subjects.busiestOrganisationId };
  const regionScope: OversightScope = { regionId: subjects.regionId };
  const directorScope: OversightScope = {
    regionId: subjects.regionId,
    municipalityCodes: subjects.directorMunicipalities,
  };
  const inbox = (filter: Partial<TaskFilter> = {}) =>
    tasks.list(partnerScope, { statuses: ACTIVE, limit: 51, ...filter });

  // A page deep in the busiest inbox: follow nextCursor twenty pages in, through the api.
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const body: { nextCursor: string | null } = await http.json(
      'GET',
      `/api/v1/tasks${cursor ? `?cursor=${cursor}` : ''}`,
      {
        token: tokens.partner,
      },
    );
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  if (!cursor) throw new Error('the busiest inbox has fewer than two pages');
  const [afterDue, afterId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
  const after = { dueAt: new Date(afterDue), id: afterId };
  // A due window of two months around today, as a partner planning her work would ask.
  const today = localDateOf(Date.now(), DEFAULT_TIME_ZONE);
  const [dueFrom, dueTo] = [addDaysToLocalDate(today, -30), addDaysToLocalDate(today, 30)];

  const cases: Case[] = [
    {
      name: 'inbox, first page',
      path: '/api/v1/tasks',
      as: 'partner (busiest organisation)',
      token: tokens.partner,
      repository: () => inbox(),
    },
    {
      name: 'inbox, page 21 (keyset cursor)',
      path: `/api/v1/tasks?cursor=${cursor}`,
      as: 'partner (busiest organisation)',
      token: tokens.partner,
      repository: () => inbox({ after }),
    },
    {
      name: 'inbox, kind and due window',
      path: `/api/v1/tasks?kind=placement-evaluation&dueFrom=${dueFrom}&dueTo=${dueTo}`,
      as: 'partner (busiest organisation)',
      token: tokens.partner,
      repository: () =>
        inbox({
          kinds: ['placement-evaluation'],
          dueFrom: new Date(startOfLocalDay(dueFrom, DEFAULT_TIME_ZONE)),
          dueBefore: new Date(
            addDuration(startOfLocalDay(dueTo, DEFAULT_TIME_ZONE), requireDuration('P1D'), DEFAULT_TIME_ZONE),
          ),
        }),
    },
    {
      name: 'inbox, whole region',
      path: '/api/v1/tasks',
      as: 'coordinator (largest region)',
      token: tokens.coordinator,
      repository: () => tasks.list({ regionId: subjects.regionId }, { statuses: ACTIVE, limit: 51 }),
    },
    {
      name: 'dashboard, one municipality',
      path: '/api/v1/dashboard',
      as: 'director',
      token: tokens.director,
      repository: () => oversight.dashboard(directorScope, new Date()),
    },
    {
      name: 'dashboard, whole region',
      path: '/api/v1/dashboard',
      as: 'coordinator (largest region)',
      token: tokens.coordinator,
      repository: () => oversight.dashboard(regionScope, new Date()),
    },
    {
      name: 'overdue handovers, one municipality',
      path: '/api/v1/overdue-handovers',
      as: 'director',
      token: tokens.director,
      repository: () => oversight.overdueHandovers(directorScope, new Date()),
    },
  ];

  const comparisons: QueryComparison[] = [];
  for (const c of cases) {
    options.log(`  ${c.name} as ${c.as}`);
    let rows = 0;
    const statements = await capture.capture(async () => {
      rows = (await c.repository()).length;
    });
    const api = await sampleSequentially(options.samples, options.warmup, async () => {
      const response = await http.send('GET', c.path, { token: c.token });
      if (response.status !== 200) throw new Error(`${c.path}: ${response.status} ${response.text.slice(0, 300)}`);
    });
    const repository = await sampleSequentially(options.samples, options.warmup, async () => {
      await c.repository();
    });
    const raw = await sampleSequentially(options.samples, options.warmup, () => capture.replay(statements));
    const summary = { api: summarise(api), repository: summarise(repository), raw: summarise(raw) };
    comparisons.push({
      name: c.name,
      route: c.path.replace(/cursor=[^&]+/, 'cursor=…'),
      as: c.as,
      rows,
      ...summary,
      apiToRawP95: ratio(summary.api.p95, summary.raw.p95),
      statements,
    });
  }
  const httpFloor = summarise(
    await sampleSequentially(options.samples, options.warmup, async () => {
      await http.send('GET', '/api/v1/health/live');
    }),
  );
  const authFloor = summarise(
    await sampleSequentially(options.samples, options.warmup, async () => {
      const response = await http.send('GET', '/api/v1/me', { token: tokens.partner });
      if (response.status !== 200) throw new Error(`/me: ${response.status} ${response.text.slice(0, 300)}`);
    }),
  );
  const audit = new AuditRecordRepository(capture.dataSource);
  const entry = {
    action: 'search' as const,
    userId: null,
    username: 'bench',
    organisationId: subjects.busiestOrganisationId,
    role: 'partner',
    onBehalfOf: null,
    trajectoryId: null,
    objectType: 'task' as const,
    objectIds: Array.from({ length: 50 }, () => randomUUID()),
    purpose: null,
    outcome: 'success' as const,
    httpStatus: 200,
    route: 'GET /tasks',
    requestId: null,
    clientIp: null,
  };
  const auditAppend = summarise(
    await sampleSequentially(options.samples, options.warmup, async () => {
      await audit.append(entry);
    }),
  );
  const [first] = await capture.capture(() => inbox());
  const [deep] = await capture.capture(() => inbox({ after }));
  return {
    samples: options.samples,
    comparisons,
    httpFloor,
    authFloor,
    auditAppend,
    inboxPlan: await capture.explain(first),
    inboxDeepPagePlan: await capture.explain(deep),
  };
}
