import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

const run = promisify(execFile);

/** The newest Temporal CLI tag that `go install pkg@version` accepts (later tags carry `replace` directives). */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MIN_GO_MINOR = 25;

export type TemporalCliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go-build' | 'sdk-download';
export type TemporalCli = { source: TemporalCliSource; path: string } | { source: 'sdk-download' };

type Log = (line: string) => void;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'doorloop', `temporal-${TEMPORAL_CLI_VERSION}`);
}

/**
 * Finds a Temporal CLI (which contains the dev server), in this order: TEMPORAL_CLI_PATH, `temporal` on PATH, a cached
 * build, a fresh build with Go from the module proxy into the cache, and last the SDK's own download.
 */
export async function provisionTemporalCli(log: Log, env: NodeJS.ProcessEnv = process.env): Promise<TemporalCli> {
  if (env.TEMPORAL_CLI_PATH) {
    if (!existsSync(env.TEMPORAL_CLI_PATH)) throw new Error(`TEMPORAL_CLI_PATH: no file at ${env.TEMPORAL_CLI_PATH}`);
    return { source: 'TEMPORAL_CLI_PATH', path: env.TEMPORAL_CLI_PATH };
  }
  const onPath = findOnPath('temporal', env);
  if (onPath) return { source: 'PATH', path: onPath };

  const cached = join(cacheDir(env), 'temporal');
  if (existsSync(cached)) return { source: 'cache', path: cached };

  if (await goIsUsable()) {
    await buildWithGo(cacheDir(env), log);
    return { source: 'go-build', path: cached };
  }
  log(`No Temporal CLI found and no Go ≥ 1.${MIN_GO_MINOR}: the Temporal SDK will download the dev server.`);
  return { source: 'sdk-download' };
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

async function goIsUsable(): Promise<boolean> {
  try {
    const { stdout } = await run('go', ['env', 'GOVERSION']);
    const minor = /^go1\.(\d+)/.exec(stdout.trim())?.[1];
    return minor !== undefined && Number(minor) >= MIN_GO_MINOR;
  } catch {
    return false;
  }
}

/**
 * Builds into `<dir>.building` and renames into place, under a lock directory, so that two concurrent starts never
 * build twice and nobody ever sees a half-written binary.
 */
async function buildWithGo(dir: string, log: Log): Promise<void> {
  const lock = `${dir}.lock`;
  await mkdir(join(dir, '..'), { recursive: true });
  while (!(await tryLock(lock))) {
    if (existsSync(join(dir, 'temporal'))) return;
    log('Another process is building the Temporal CLI; waiting for it…');
    await delay(5000);
  }
  try {
    if (existsSync(join(dir, 'temporal'))) return;
    const staging = `${dir}.building`;
    await rm(staging, { recursive: true, force: true });
    log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go (first run only; takes minutes on 2 cores)…`);
    const started = Date.now();
    const ticker = setInterval(() => log(`  …still building (${Math.round((Date.now() - started) / 1000)} s)`), 15000);
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          'go',
          [
            'install',
            '-ldflags',
            `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
            `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
          ],
          { env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging }, stdio: ['ignore', 'inherit', 'inherit'] },
        );
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install exited with ${code}`))));
      });
    } finally {
      clearInterval(ticker);
    }
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s → ${join(dir, 'temporal')}`);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    return true;
  } catch {
    // A lock older than an hour belongs to a build that died: take it over.
    const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 3600_000) await rm(lock, { recursive: true, force: true });
    return false;
  }
}
