import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeySettings, loadConfig, repoRoot } from '@doorloop/config';
import { runMigrations } from '@doorloop/persistence';
import { startEmbeddedPostgres } from '../lib/embedded-postgres';
import { freePort } from '../lib/free-port';
import { requestLocalToken, type LocalIssuerRuntime } from '../lib/local-issuer-runtime';
import { startMailCatcher } from '../lib/mail-catcher';
import { startOidcIssuer } from '../lib/oidc-issuer';
import { generateSigningKey } from '../lib/oidc-signing-key';
import { provisionTemporalCli } from '../lib/temporal-cli';
import { startTemporalDevServer, stopChild } from '../lib/temporal-dev-server';
import { waitUntil } from '../lib/wait-until';

export interface BenchStack {
  dir: string;
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  apiUrl: string;
  /** The Temporal CLI the bench started the dev server with; undefined when TEMPORAL_ADDRESS was given. */
  temporalCli?: string;
  pids(): Record<string, number | undefined>;
  /** The embedded PostgreSQL's postmaster, when the bench started it. */
  postgresPid(): number | undefined;
  /** A fresh access token for a user of the users table, from the stack's local OIDC issuer. */
  token(username: string): Promise<{ accessToken: string; expiresIn: number }>;
  /** Starts a Node script from dist/ as a child with the stack's environment; its output goes to `dir/<name>.log`. */
  spawnNode(name: string, script: string, extraEnv?: NodeJS.ProcessEnv): ChildProcess;
  stop(): Promise<void>;
}

/**
 * The product as `npm start` runs it (scripts/start.ts), in a throw-away directory: PostgreSQL and the Temporal dev
 * server (SQLite file) unless DATABASE_URL / TEMPORAL_ADDRESS name others, the mail catcher, the migrations, then the
 * worker and the api as child processes from dist/. Their logs go to files: the api logs every request at info level,
 * as in production, and writing that to a terminal would measure the terminal.
 */
export async function startBenchStack(
  log: (line: string) => void,
  options: { keep: boolean; workerNodeOptions?: string },
): Promise<BenchStack> {
  const dir = await mkdtemp(join(tmpdir(), 'doorloop-bench-'));
  await chmod(dir, 0o755); // PostgreSQL may run as another user (see startEmbeddedPostgres)
  const stops: (() => Promise<void>)[] = [];
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all([...children.values()].map((child) => stopChild(child, 20_000)));
    for (const step of stops.reverse()) await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  };
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      // Throw-away keys: the run's Temporal state and identity rows are deleted with its directory.
      ...(process.env.PAYLOAD_KEYS ? {} : generateKeySettings('payload', `bench-${Date.now().toString(36)}`)),
      ...(process.env.FIELD_KEYS ? {} : generateKeySettings('field', `bench-${Date.now().toString(36)}`)),
    };
    let temporalCli: string | undefined;
    let temporalPid: number | undefined;
    if (!env.DATABASE_URL) {
      const pg = await startEmbeddedPostgres(join(dir, 'postgres'), await freePort(), log);
      stops.push(() => pg.stop());
      env.DATABASE_URL = pg.url;
      log(`PostgreSQL (embedded) on ${new URL(pg.url).host}`);
    }
    if (!env.TEMPORAL_ADDRESS) {
      const cli = await provisionTemporalCli(log);
      temporalCli = 'path' in cli ? cli.path : undefined;
      const temporal = await startTemporalDevServer({
        cli,
        dbFile: join(dir, 'temporal.sqlite'),
        port: await freePort(),
        namespace: env.TEMPORAL_NAMESPACE ?? 'default',
        healthTimeoutMs: 120_000,
        log,
      });
      stops.push(() => temporal.stop());
      temporalPid = temporal.pid;
      env.TEMPORAL_ADDRESS = temporal.address;
      log(`Temporal dev server on ${temporal.address}, state in ${join(dir, 'temporal.sqlite')}`);
    }
    if (!env.SMTP_URL) {
      const mail = await startMailCatcher({ dir: join(dir, 'mail'), port: await freePort() });
      stops.push(() => mail.stop());
      env.SMTP_URL = mail.url;
    }
    env.PORT = String(await freePort());
    // A throughput measurement, not a policy: the per-user write budget (120 a minute) would stop the population, and
    // the per-source budget (1200 a minute) all of it, since every simulated user sends from this one address.
    env.RATE_LIMIT_WRITES_PER_MINUTE = '100000';
    env.RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE = '10000000';
    await runMigrations(env.DATABASE_URL);
    // The local issuer as npm start runs it (in this process), with a key of this run: the api verifies real tokens.
    const issuer = await startOidcIssuer({
      port: 0,
      databaseUrl: env.DATABASE_URL,
      publicUrl: `http://127.0.0.1:${env.PORT}`,
      audience: env.OIDC_AUDIENCE ?? 'doorloop-api',
      webClientId: env.OIDC_WEB_CLIENT_ID ?? 'doorloop-web',
      signingKey: generateSigningKey(),
      tokenRequestsPerMinute: 10_000,
      nodeEnv: 'development',
    });
    stops.push(() => issuer.stop());
    env.OIDC_ISSUER = issuer.issuer;
    // Production refuses an http:// issuer; this one is on loopback, in this process, for this run only.
    env.OIDC_ALLOW_HTTP_LOOPBACK_ISSUER = 'true';
    const runtime: LocalIssuerRuntime = {
      issuer: issuer.issuer,
      clientId: issuer.tokenClient.id,
      clientSecret: issuer.tokenClient.secret,
      pid: process.pid,
    };
    const config = loadConfig(env);

    const root = repoRoot();
    const spawnNode = (name: string, script: string, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess => {
      const out = openSync(join(dir, `${name}.log`), 'a');
      const child = spawn(process.execPath, ['--enable-source-maps', join(root, script)], {
        env: { ...env, ...extraEnv },
        stdio: ['ignore', out, out, 'ipc'],
      });
      closeSync(out);
      children.set(name, child);
      child.once('exit', (code, signal) => {
        if (!stopping && children.get(name) === child)
          log(`${name} exited (${signal ?? code}); its log: ${join(dir, `${name}.log`)}`);
      });
      return child;
    };
    spawnNode(
      'worker',
      'dist/worker/apps/worker/src/main.js',
      options.workerNodeOptions ? { NODE_OPTIONS: options.workerNodeOptions } : {},
    );
    spawnNode('api', 'dist/api/apps/api/src/main.js');
    const apiUrl = `http://127.0.0.1:${config.PORT}`;
    await waitUntil('the api to become ready', async () => (await fetch(`${apiUrl}/api/v1/health`)).ok, 120_000, 500);
    return {
      dir,
      env,
      databaseUrl: config.DATABASE_URL,
      temporalAddress: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      apiUrl,
      temporalCli,
      pids: () => ({
        ...Object.fromEntries(
          [...children].map(([name, child]) => [name, child.exitCode === null ? child.pid : undefined]),
        ),
        temporal: temporalPid,
      }),
      spawnNode,
      token: (username) => requestLocalToken(runtime, username),
      postgresPid: () => {
        try {
          return Number(readFileSync(join(dir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
        } catch {
          return undefined;
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
