import { Client as TemporalClient, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as PgClient, Pool } from 'pg';
import { repoRoot } from '@doorloop/config';
import { TRAJECTORY_WORKFLOW_TYPE, trajectoryWorkflowId } from '@doorloop/temporal';
import { startBenchStack } from './bench-stack';
import {
  fireLagPolicy,
  fireLagTrajectory,
  measureFireLag,
  regionTimingPolicy,
  spreadingInterval,
  type FireLagPopulation,
} from './fire-lag';
import { freePort } from '../lib/free-port';
import { waitUntil } from '../lib/wait-until';
import { compareAdapters } from './adapters';
import { fireStages } from './fire-stages';
import { historyStats } from './history';
import { HttpClient } from './http-client';
import { describeMachine } from './machine';
import { measureCpu, RssSampler, withChildren, type CpuUse } from './process-stats';
import { QueryCapture } from './query-capture';
import { measureQueries } from './query-latency';
import { writeReport, type BenchResults } from './report';
import { measureStarts } from './starts';
import { runConcurrently } from './stats';
import { createRegions, generateSyntheticData } from './synthetic-data';
import { TokenSource } from './tokens';

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

const USAGE = `npm run bench -- [options]
  --trajectories N   active trajectories for the fire lag (default 10000)
  --fire-rate R      evaluation fires per second across them (default 5)
  --window S         seconds of fires measured (default 120)
  --starts N         starts through the api and raw, each (default 1000)
  --concurrency N    requests in flight for starts and the population (default 16)
  --tasks N          synthetic tasks for the inbox and dashboard (default 1000000)
  --samples N        latency samples per read and way (default 300)
  --only a,b,c       phases to run: starts, queries, fire, adapters (default all four; adapters runs the api's
                     module on Fastify, a dev dependency for this comparison only: see docs/performance.md)
  --keep             keep the data directory (servers' files, logs) after the run
  --worker-node-options O   NODE_OPTIONS for the worker only (e.g. --max-old-space-size=512)
  --out DIR          where performance.json and performance.md go (default docs/)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      trajectories: { type: 'string', default: '10000' },
      'fire-rate': { type: 'string', default: '5' },
      window: { type: 'string', default: '120' },
      starts: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '16' },
      tasks: { type: 'string', default: '1000000' },
      samples: { type: 'string', default: '300' },
      only: { type: 'string', default: 'starts,queries,fire,adapters' },
      keep: { type: 'boolean', default: false },
      'worker-node-options': { type: 'string' },
      out: { type: 'string', default: join(repoRoot(), 'docs') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number\n${USAGE}`);
    return value;
  };
  const phases = new Set(String(values.only).split(','));
  const concurrency = number('concurrency');
  const parameters = {
    trajectories: number('trajectories'),
    fireRate: number('fire-rate'),
    windowSeconds: number('window'),
    starts: number('starts'),
    concurrency,
    tasks: number('tasks'),
    samples: number('samples'),
    phases: [...phases],
    workerMaxCachedWorkflows: process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 'default (500)',
    workerNodeOptions: values['worker-node-options'] ?? 'none',
  };
  const startedAt = new Date();
  const stack = await startBenchStack(log, {
    keep: values.keep,
    workerNodeOptions: values['worker-node-options'],
  });
  // Ctrl-C stops the servers and apps this run started, not only this process.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
  const db = new Pool({ connectionString: stack.databaseUrl, max: 4 });
  const http = new HttpClient(stack.apiUrl, concurrency * 2);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const temporal = new TemporalClient({ connection, namespace: stack.namespace });
  const sampler = new RssSampler(() => stack.pids());
  sampler.start();
  const tokens = new TokenSource(stack);
  const results: Partial<BenchResults> & Pick<BenchResults, 'startedAt' | 'parameters'> = {
    startedAt: startedAt.toISOString(),
    parameters,
  };
  try {
    const machine = await describeMachine(db, stack.temporalCli);
    log(`machine: ${machine.cores} cores, load ${machine.loadAverage.join(' ')}`);
    // After every phase, so that a run stopped half-way keeps what it measured.
    const save = async () => {
      const loadAverageAtEnd = (await describeMachine(db, undefined)).loadAverage;
      await writeReport(values.out, {
        ...results,
        machine: { ...machine, loadAverageAtEnd },
        finishedAt: new Date().toISOString(),
      });
    };
    const [startRegion, fireRegion, longRegion] = await liveRegions(db);

    if (phases.has('starts')) {
      log(`(a) ${parameters.starts} trajectory starts through the api vs raw empty-workflow starts`);
      const rawQueue = `bench-empty-${randomUUID()}`;
      const emptyWorker = stack.spawnNode('empty-worker', 'dist/runtime/scripts/bench/empty-worker.js', {
        BENCH_TASK_QUEUE: rawQueue,
      });
      await readyMessage(emptyWorker);
      const coordinator = await tokens.get(startRegion.coordinator);
      const run = randomUUID().slice(0, 8);
      results.starts = await measureStarts({
        count: parameters.starts,
        concurrency,
        startThroughApi: async (index) => {
          await http.json('POST', '/api/v1/trajectories', {
            token: coordinator,
            body: {
              pseudonym: `TRJ-S${String(index).padStart(7, '0')}`,
              birthDate: '2012-03-01',
              municipalityCode: startRegion.municipalityCode,
            },
          });
        },
        startRaw: async (index) => {
          await temporal.workflow.start('emptyWorkflow', {
            taskQueue: rawQueue,
            workflowId: `bench-empty-${run}-${index}`,
          });
        },
        workers: {
          pause: () => [stack.pids().worker, emptyWorker.pid].forEach((pid) => pid && process.kill(pid, 'SIGSTOP')),
          resume: () => [stack.pids().worker, emptyWorker.pid].forEach((pid) => pid && process.kill(pid, 'SIGCONT')),
        },
        settle: async () => {
          // Every trajectory started so far has its agenda projected (its workflow's first steps are done), and every
          // empty workflow has completed.
          const started = async () =>
            Number(
              (
                await db.query<{ n: string }>(
                  `SELECT count(*) AS n FROM trajectories t WHERE t.region_id = $1
                      AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.trajectory_id = t.id)`,
                  [startRegion.id],
                )
              ).rows[0].n,
            );
          const emptyRunning = async () =>
            (await temporal.workflow.count(`WorkflowType = 'emptyWorkflow' AND ExecutionStatus = 'Running'`)).count;
          await waitUntil(
            'the started workflows to settle',
            async () => (await started()) + (await emptyRunning()) === 0,
            600_000,
            500,
          );
        },
        log,
      });
      emptyWorker.kill('SIGTERM');
      log(
        `  api ${results.starts.api.perSecond}/s, raw ${results.starts.raw.perSecond}/s, ratio ${results.starts.ratio}`,
      );
    }

    if (phases.has('queries') || phases.has('adapters')) {
      log(`(c) ${parameters.tasks} synthetic tasks, then inbox and dashboard latency`);
      const generator = new PgClient({ connectionString: stack.databaseUrl });
      await generator.connect();
      const generatedAt = Date.now();
      const subjects = await generateSyntheticData(generator, { tasks: parameters.tasks }).finally(() =>
        generator.end(),
      );
      log(`  ${subjects.tasks} tasks in ${Math.round((Date.now() - generatedAt) / 1000)} s`);
      const capture = new QueryCapture(stack.databaseUrl);
      await capture.open();
      try {
        results.queries = {
          subjects,
          ...(await measureQueries({
            capture,
            http,
            subjects,
            tokens: {
              partner: await tokens.get(subjects.partnerUsername),
              coordinator: await tokens.get(subjects.coordinatorUsername),
              director: await tokens.get(subjects.directorUsername),
            },
            samples: parameters.samples,
            warmup: Math.max(10, Math.round(parameters.samples / 10)),
            log,
          })),
        };
      } finally {
        await capture.close();
      }
      await save();
      if (phases.has('adapters')) {
        log('(4) the inbox on Express and on Fastify');
        const port = await freePort();
        const fastifyApi = stack.spawnNode('fastify-api', 'dist/runtime/scripts/bench/fastify-api.js', {
          PORT: String(port),
        });
        const fastifyHttp = new HttpClient(`http://127.0.0.1:${port}`, concurrency * 2);
        try {
          await waitUntil(
            'the Fastify api',
            async () => (await fastifyHttp.send('GET', '/api/v1/health')).status === 200,
            120_000,
          );
          results.adapters = await compareAdapters({
            express: http,
            fastify: fastifyHttp,
            path: '/api/v1/tasks',
            token: await tokens.get(subjects.partnerUsername),
            samples: parameters.samples,
            concurrency: 8,
            countAuditRecords: async () =>
              Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_records')).rows[0].n),
          });
        } finally {
          fastifyHttp.close();
          fastifyApi.kill('SIGTERM');
        }
        await save();
      }
    }

    if (phases.has('fire')) {
      const interval = spreadingInterval(parameters.trajectories / parameters.fireRate);
      const population: FireLagPopulation = {
        trajectories: parameters.trajectories,
        intervalSeconds: interval,
        phases: interval,
        firesPerSecond: Math.round((parameters.trajectories / interval) * 100) / 100,
      };
      const policy = fireLagPolicy(interval);
      await db.query(`UPDATE regions SET timing_policy = $2 WHERE id = $1`, [fireRegion.id, policy]);
      // Two trajectories firing every second for the whole phase: their runs pass the continue-as-new bound.
      const longPolicy = { ...fireLagPolicy(1), version: 'bench-long-runner' };
      await db.query(`UPDATE regions SET timing_policy = $2 WHERE id = $1`, [longRegion.id, longPolicy]);
      const longCoordinator = await tokens.get(longRegion.coordinator);
      for (const index of [0, 1]) {
        await http.json('POST', '/api/v1/trajectories', {
          token: longCoordinator,
          body: fireLagTrajectory(index, { ...population, phases: 1 }, longRegion),
        });
      }
      log(
        `(b) ${population.trajectories} trajectories, an evaluation every ${interval} s each ` +
          `(${population.firesPerSecond} fires/s), measured over ${parameters.windowSeconds} s`,
      );
      const coordinator = () => tokens.get(fireRegion.coordinator);
      const indexes = Array.from({ length: population.trajectories }, (_, i) => i);
      const populateMs = await runConcurrently(indexes, concurrency, async (index) => {
        await http.json('POST', '/api/v1/trajectories', {
          token: await coordinator(),
          body: fireLagTrajectory(index, population, fireRegion),
        });
        if ((index + 1) % 1000 === 0) log(`  ${index + 1} started`);
      });
      log(`  population started in ${Math.round(populateMs / 1000)} s`);
      sampler.resetPeaks();
      let cpu: CpuUse | undefined;
      const lag = await measureFireLag({
        db,
        regionId: fireRegion.id,
        policy: regionTimingPolicy(policy),
        trajectories: population.trajectories,
        windowSeconds: parameters.windowSeconds,
        drainSeconds: 30,
        onWindow: async () => {
          const postmaster = stack.postgresPid();
          const stop = await measureCpu({
            ...stack.pids(),
            postgres: postmaster === undefined ? undefined : await withChildren(postmaster),
          });
          return async () => {
            cpu = await stop();
          };
        },
        log,
      });
      const now = await sampler.sample();
      const { rows: sample } = await db.query<{ id: string }>(
        `SELECT id FROM trajectories WHERE region_id = $1 ORDER BY random() LIMIT 300`,
        [fireRegion.id],
      );
      const stages = await fireStages(
        temporal,
        sample.map((row) => trajectoryWorkflowId(row.id)),
        { from: Date.parse(lag.window.from), to: Date.parse(lag.window.to) },
      );
      results.fireLag = {
        population,
        populate: {
          seconds: Math.round(populateMs) / 1000,
          perSecond: Math.round((population.trajectories / (populateMs / 1000)) * 10) / 10,
        },
        ...lag,
        stages,
        cpu,
      };
      results.worker = {
        activeTrajectories: population.trajectories + 2 + (results.starts?.api.starts ?? 0),
        rssMiBAtEnd: now.worker,
        rssMiBPeakDuringFires: sampler.peak('worker'),
        temporalRssMiBAtEnd: now.temporal,
        apiRssMiBAtEnd: now.api,
      };
      log(
        `  lag p50 ${lag.lagMs.p50} ms, p99 ${lag.lagMs.p99} ms; ${lag.missing} missing; worker RSS ${now.worker} MiB`,
      );
    }

    log('(d) history events per workflow run');
    results.history = await historyStats(temporal, TRAJECTORY_WORKFLOW_TYPE);
    await save();
    log(`written ${join(values.out, 'performance.json')} and performance.md`);
  } finally {
    sampler.stop();
    http.close();
    await connection.close();
    await db.end();
    if (values.keep) log(`data and logs kept in ${stack.dir}`);
    await stack.stop();
  }
}

interface LiveRegion {
  id: string;
  municipalityCode: string;
  coordinator: string;
  organisations: Record<'police' | 'school' | 'youth-care', string>;
}

/** Three small regions for the live phases (starts, fire lag, long runners), each with its coordinator. */
async function liveRegions(db: Pool): Promise<LiveRegion[]> {
  const client = await db.connect();
  try {
    const ids = await createRegions(client, {
      prefix: 'bench-live-',
      regions: 3,
      municipalitiesPerRegion: 1,
      firstCode: 6000,
    });
    const regions: LiveRegion[] = [];
    for (const [index, id] of ids.entries()) {
      const { rows } = await client.query<{ id: string; role: string; municipality_code: string | null }>(
        `SELECT id, role, municipality_code FROM organisations WHERE region_id = $1 ORDER BY name`,
        [id],
      );
      const byRole = (role: string) => rows.find((row) => row.role === role)?.id ?? '';
      const coordinator = `bench-coordinator-live-${index}`;
      await client.query(
        `INSERT INTO users (username, display_name, role, region_id, organisation_id)
         VALUES ($1, 'Demo Benchcoördinator', 'coordinator', $2, $3)`,
        [coordinator, id, byRole('coordinator')],
      );
      regions.push({
        id,
        municipalityCode: rows.find((row) => row.municipality_code !== null)?.municipality_code ?? '',
        coordinator,
        organisations: { police: byRole('police'), school: byRole('school'), 'youth-care': byRole('youth-care') },
      });
    }
    return regions;
  } finally {
    client.release();
  }
}

function readyMessage(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${child.spawnfile} exited with ${code} before it was ready`)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
