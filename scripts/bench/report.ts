import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { AdapterComparison } from './adapters';
import type { FireLagPopulation, FireLagResult } from './fire-lag';
import type { FireStages } from './fire-stages';
import type { CpuUse } from './process-stats';
import type { HistoryStats } from './history';
import type { MachineDescription } from './machine';
import { codeBlock, numbers, section, table } from './markdown';
import type { QueryLatencyResult } from './query-latency';
import type { StartsResult } from './starts';
import type { Latency } from './stats';
import type { SyntheticSubjects } from './synthetic-data';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  parameters: Record<string, unknown>;
  machine: MachineDescription & { loadAverageAtEnd?: number[] };
  starts?: StartsResult;
  queries?: QueryLatencyResult & { subjects: SyntheticSubjects };
  fireLag?: FireLagResult & {
    population: FireLagPopulation;
    populate: { seconds: number; perSecond: number };
    stages?: FireStages;
    cpu?: CpuUse;
  };
  worker?: {
    activeTrajectories: number;
    rssMiBAtEnd?: number;
    rssMiBPeakDuringFires?: number;
    temporalRssMiBAtEnd?: number;
    apiRssMiBAtEnd?: number;
  };
  history?: HistoryStats;
  adapters?: AdapterComparison;
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/**
 * Writes `performance.json` (everything, including the captured SQL) and the measured part of `performance.md`, between
 * markers, so that the analysis written around it survives the next run.
 */
export async function writeReport(dir: string, results: BenchResults): Promise<void> {
  await writeFormatted(join(dir, 'performance.json'), JSON.stringify(results, null, 2));
  const file = join(dir, 'performance.md');
  const generated = `${BEGIN}\n${markdown(results)}\n${END}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : `# Performance\n\n${BEGIN}\n${END}\n`;
  const [before, rest] = current.split(BEGIN);
  const after = rest?.split(END)[1] ?? '\n';
  await writeFormatted(file, `${before}${generated}${after}`);
}

/** Written as `npm run format` would leave it, so that a run's output passes the lint step as it is. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  await writeFile(file, await format(text, { ...options, filepath: file }));
}

type Verdict = { target: string; measured: string; met: boolean | undefined };

function targets(r: BenchResults): Verdict[] {
  const verdicts: Verdict[] = [];
  if (r.starts) {
    verdicts.push({
      target: 'starts through the api ≥ 0.7 × raw Temporal starts',
      measured: `${r.starts.ratio} × (${r.starts.api.perSecond} vs ${r.starts.raw.perSecond} per s)`,
      met: r.starts.ratio >= 0.7,
    });
  }
  if (r.fireLag) {
    const n = r.fireLag.population.trajectories;
    verdicts.push({
      target: 'fire lag p99 ≤ 1 s at 10,000 active trajectories',
      measured: `p99 ${ms(r.fireLag.lagMs.p99)} at ${n.toLocaleString('en')} (${r.fireLag.population.firesPerSecond} fires/s)`,
      met: n >= 10_000 ? r.fireLag.lagMs.p99 <= 1000 : undefined,
    });
  }
  const inbox = r.queries?.comparisons.find((c) => c.name === 'inbox, first page');
  if (inbox) {
    verdicts.push({
      target: 'inbox p95 ≤ 1.5 × raw SQL and < 25 ms at 1M tasks',
      measured: `p95 ${ms(inbox.api.p95)} = ${inbox.apiToRawP95} × raw (${ms(inbox.raw.p95)})`,
      met: inbox.apiToRawP95 <= 1.5 && inbox.api.p95 < 25,
    });
  }
  const dashboard = r.queries?.comparisons.find((c) => c.name === 'dashboard, one municipality');
  if (dashboard) {
    verdicts.push({
      target: 'director dashboard p95 < 50 ms',
      measured: `p95 ${ms(dashboard.api.p95)}`,
      met: dashboard.api.p95 < 50,
    });
  }
  if (r.worker?.rssMiBAtEnd !== undefined) {
    const peak = Math.max(r.worker.rssMiBAtEnd, r.worker.rssMiBPeakDuringFires ?? 0);
    verdicts.push({
      target: 'worker RSS ≤ 1 GiB with 10,000 trajectories',
      measured: `${peak} MiB peak with ${r.worker.activeTrajectories.toLocaleString('en')} workflows`,
      met: r.worker.activeTrajectories >= 10_000 ? peak <= 1024 : undefined,
    });
  }
  if (r.history) {
    verdicts.push({
      target: 'every workflow run < 4,096 events',
      measured: `max ${r.history.maxEvents} over ${r.history.runs.toLocaleString('en')} runs (${r.history.continuedAsNew} continued as new)`,
      met: r.history.maxEvents < 4096,
    });
  }
  return verdicts;
}

function markdown(r: BenchResults): string {
  return [
    ...overview(r),
    ...(r.starts ? startsSection(r.starts) : []),
    ...(r.fireLag ? fireLagSection(r.fireLag) : []),
    ...(r.queries ? queriesSection(r.queries) : []),
    ...(r.adapters ? adaptersSection(r.adapters) : []),
    ...(r.worker || r.history ? workerAndHistorySection(r.worker, r.history) : []),
  ].join('\n');
}

function overview(r: BenchResults): string[] {
  const m = r.machine;
  return [
    `Measured ${r.startedAt.replace('T', ' ').slice(0, 16)}–${r.finishedAt.slice(11, 16)} UTC with \`npm run bench\` ` +
      `(${Object.entries(r.parameters)
        .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(',') : String(value)}`)
        .join(', ')}).`,
    '',
    ...table(
      ['machine', ''],
      [
        ['CPU', `${m.cpu}, ${m.cores} cores`],
        ['memory', `${m.memoryGiB} GiB (${m.freeMemoryGiB} GiB free at the start)`],
        ['kernel, Node', `${m.kernel}, ${m.node}`],
        ['PostgreSQL', `${m.postgres} (embedded)`],
        ['Temporal', m.temporal],
        [
          'load average (1, 5, 15 min)',
          `${m.loadAverage.join(', ')} at the start; ${m.loadAverageAtEnd?.join(', ') ?? '?'} at the end`,
        ],
      ],
    ),
    ...section(
      'Targets',
      ...table(
        ['target', 'measured', ''],
        targets(r).map((v) => [
          v.target,
          v.measured,
          v.met === undefined ? 'not measured at that size' : v.met ? 'met' : '**missed**',
        ]),
      ),
    ),
  ];
}

function startsSection(s: StartsResult): string[] {
  const p = s.workersPaused;
  return section(
    '(a) Starts',
    `${s.api.starts} of each, ${s.concurrency} in flight, alternating in ${s.rounds} rounds.`,
    '',
    ...table(
      ['', numbers('starts'), numbers('seconds'), numbers('per second')],
      [
        ['`POST /api/v1/trajectories` (row + workflow start)', s.api.starts, s.api.seconds, s.api.perSecond],
        ['raw `client.workflow.start` of an empty workflow', s.raw.starts, s.raw.seconds, s.raw.perSecond],
        ['ratio', '', '', s.ratio],
      ],
    ),
    ...(p
      ? [
          '',
          `With both workers stopped (SIGSTOP), the start path alone: api ${p.api.perSecond}/s, raw ${p.raw.perSecond}/s, ` +
            `ratio ${p.ratio} (${p.api.starts} each).`,
        ]
      : []),
  );
}

function fireLagSection(f: NonNullable<BenchResults['fireLag']>): string[] {
  const lines = section(
    '(b) Fire lag',
    `${f.population.trajectories.toLocaleString('en')} trajectories started through the api in ${f.populate.seconds} s ` +
      `(${f.populate.perSecond}/s); each fires a placement evaluation every ${f.population.intervalSeconds} s ` +
      `(${f.tasksPerOccurrence} tasks each), spread over ${f.population.phases} phases: ${f.population.firesPerSecond} ` +
      `fires/s on average, ${f.peakFiresPerSecond} in the busiest second. Lag: from the occurrence's moment to the commit ` +
      `of its last task (\`tasks.created_at − fire moment\`), over the ${f.expected} occurrences the schedule puts in ` +
      `the ${f.window.seconds} s window; ${f.missing} had no task by 30 s after the window (counted as infinitely late).`,
    '',
    ...latencyTable('lag', [['fire → task in the inbox', f.lagMs]]),
  );
  if (f.cpu) {
    const use = Object.entries(f.cpu.processPercentOfACore)
      .filter(([, percent]) => percent !== undefined)
      .map(([name, percent]) => `${name} ${percent} %`)
      .join(', ');
    lines.push(
      '',
      `CPU during the window: the machine was ${f.cpu.machineBusyPercent} % busy (all processes, other work on it ` +
        `included); per process, in percent of one core: ${use}.`,
    );
  }
  if (f.stages) {
    const st = f.stages;
    lines.push(
      '',
      `Where that time goes, from the workflow histories of 300 of the trajectories (${st.fires} fires in the window; ` +
        "event times are the Temporal server's, so the stages add up to the lag less the commit of the insert):",
      '',
      ...latencyTable('stage', [
        ['the timer is set after the moment meant (the workflow task that set it)', st.timerSetLate],
        ['the server fires the timer after it is due', st.timerFiresLate],
        ['timer fired → worker starts the workflow task', st.workflowTaskWait],
        ['workflow task runs → completion recorded', st.workflowTaskRun],
        ['activity scheduled → worker starts it', st.activityWait],
        ['activity (insert the tasks) → completion recorded', st.activityRun],
      ]),
    );
  }
  return lines;
}

function queriesSection(q: NonNullable<BenchResults['queries']>): string[] {
  const s = q.subjects;
  return section(
    '(c) Inbox and dashboard at 1M tasks',
    `${s.tasks.toLocaleString('en')} synthetic tasks of ${s.trajectories.toLocaleString('en')} trajectories. The largest ` +
      `region holds ${s.tasksOfRegion.toLocaleString('en')} tasks; its busiest organisation ` +
      `${s.tasksOfBusiestOrganisation.toLocaleString('en')}, of which ${s.openTasksOfBusiestOrganisation.toLocaleString('en')} ` +
      `open or claimed. ${q.samples} sequential samples per way after a warm-up; milliseconds. "api" is the whole HTTP ` +
      'request; "repository" the repository call in-process (TypeORM); "raw" the statements the repository issued, ' +
      'replayed with the same parameters on a plain pg pool.',
    '',
    ...table(
      [
        'read',
        'as',
        numbers('rows'),
        'api p50 / p95 / p99',
        'repository p50 / p95 / p99',
        'raw p50 / p95 / p99',
        numbers('api ÷ raw (p95)'),
      ],
      q.comparisons.map((c) => [
        `${c.name} (\`${c.route}\`)`,
        c.as,
        c.rows,
        triple(c.api),
        triple(c.repository),
        triple(c.raw),
        c.apiToRawP95,
      ]),
    ),
    '',
    ...breakdown(q),
    '',
    'The partner inbox, first page (`EXPLAIN (ANALYZE, BUFFERS)` of the statement the repository issues):',
    '',
    ...codeBlock(q.inboxPlan),
    '',
    'Page 21 of the same inbox (keyset cursor):',
    '',
    ...codeBlock(q.inboxDeepPagePlan),
  );
}

function adaptersSection(a: AdapterComparison): string[] {
  const adapter = (name: string, measured: AdapterComparison['express']) => [
    name,
    measured.latency.p50,
    measured.latency.p95,
    measured.latency.p99,
    measured.perSecond,
    measured.auditRecordsPerRequest,
  ];
  return section(
    '(4) Express and Fastify',
    `\`GET ${a.route}\` as the busiest partner, the same module on both adapters, ${a.rounds} alternating rounds; ` +
      `throughput with ${a.concurrency} requests in flight.`,
    '',
    ...table(
      [
        'adapter',
        numbers('p50 ms'),
        numbers('p95 ms'),
        numbers('p99 ms'),
        numbers('requests/s'),
        numbers('audit records per request'),
      ],
      [
        adapter('Express', a.express),
        adapter('Fastify', a.fastify),
        ['Fastify ÷ Express', a.latencyRatioP50, '', '', a.throughputRatio, ''],
      ],
    ),
  );
}

function workerAndHistorySection(worker: BenchResults['worker'], h: BenchResults['history']): string[] {
  return section(
    '(d) Worker memory and history length',
    ...(worker
      ? [
          `Worker RSS with ${worker.activeTrajectories.toLocaleString('en')} workflows open: ${worker.rssMiBAtEnd} MiB at ` +
            `the end of the fire phase, ${worker.rssMiBPeakDuringFires} MiB at its peak (sampled every second). Temporal dev ` +
            `server ${worker.temporalRssMiBAtEnd} MiB, api ${worker.apiRssMiBAtEnd} MiB.`,
          '',
        ]
      : []),
    ...(h
      ? [
          `History events per run over ${h.runs.toLocaleString('en')} runs of ${h.workflows.toLocaleString('en')} trajectory ` +
            `workflows (${h.continuedAsNew} runs continued as new): p50 ${h.eventsPerRun.p50}, p99 ${h.eventsPerRun.p99}, ` +
            `max ${h.maxEvents}.`,
        ]
      : []),
  );
}

/** Where the partner inbox's time goes, at the median: each part measured on its own. */
function breakdown(q: QueryLatencyResult): string[] {
  const inbox = q.comparisons.find((c) => c.name === 'inbox, first page');
  if (!inbox) return [];
  const round = (value: number) => Math.round(value * 100) / 100;
  const auth = round(q.authFloor.p50 - q.httpFloor.p50);
  const rest = round(inbox.api.p50 - q.authFloor.p50 - inbox.repository.p50 - q.auditAppend.p50);
  return [
    '',
    "Where the partner inbox's time goes (medians, ms, each part measured on its own):",
    '',
    ...table(
      ['part', 'how measured', numbers('p50'), numbers('p95')],
      [
        ['HTTP, Nest, middleware, helmet, request log', '`GET /health/live`', q.httpFloor.p50, q.httpFloor.p95],
        ['verify the token, read the user', '`GET /me` minus the above', auth, ''],
        ['the SQL itself', 'raw replay', inbox.raw.p50, inbox.raw.p95],
        [
          'TypeORM (query building, hydration)',
          'repository minus raw',
          round(inbox.repository.p50 - inbox.raw.p50),
          '',
        ],
        [
          'audit record (lock, head, insert, commit)',
          '`AuditRecordRepository.append`',
          q.auditAppend.p50,
          q.auditAppend.p95,
        ],
        ['the rest (validation, presenter, serialisation)', 'the api minus all of the above', rest, ''],
        ['**the api**', '`GET /api/v1/tasks`', inbox.api.p50, inbox.api.p95],
      ],
    ),
  ];
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value} ms` : '∞';
}

function triple(l: Latency): string {
  return `${l.p50} / ${l.p95} / ${l.p99}`;
}

/** Samples and percentiles per row, in milliseconds; an occurrence that never happened is infinitely late (∞). */
function latencyTable(what: string, rows: readonly [name: string, latency: Latency][]): string[] {
  const n = (value: number) => (Number.isFinite(value) ? value : '∞');
  return table(
    [what, numbers('samples'), numbers('p50 ms'), numbers('p95 ms'), numbers('p99 ms'), numbers('max ms')],
    rows.map(([name, l]) => [name, l.samples, n(l.p50), n(l.p95), n(l.p99), n(l.max)]),
  );
}
