import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/lib/free-port';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres';
import { provisionTemporalCli } from '../scripts/lib/temporal-cli';
import { startTemporalDevServer } from '../scripts/lib/temporal-dev-server';

export interface TestServers {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  stop(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`[test servers] ${line}\n`);

/**
 * The real servers the integration tests run against: the env's (DATABASE_URL, TEMPORAL_ADDRESS) when set, otherwise
 * an embedded PostgreSQL and a Temporal dev server of our own in a throw-away directory.
 */
export async function startTestServers(env: NodeJS.ProcessEnv = process.env): Promise<TestServers> {
  const dir = await mkdtemp(join(tmpdir(), 'doorloop-test-'));
  await chmod(dir, 0o755); // PostgreSQL may run as another user (see startEmbeddedPostgres)
  const stops: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  try {
    const [databaseUrl, temporalAddress] = await Promise.all([
      env.DATABASE_URL ??
        (async () => {
          const pg = await startEmbeddedPostgres(join(dir, 'postgres'), await freePort(), log);
          stops.unshift(() => pg.stop());
          return pg.url;
        })(),
      env.TEMPORAL_ADDRESS ??
        (async () => {
          const cli = await provisionTemporalCli(log, env);
          log(`Temporal CLI from ${cli.source}${'path' in cli ? ` (${cli.path})` : ''}`);
          const temporal = await startTemporalDevServer({
            cli,
            port: await freePort(),
            namespace,
            // Small history limits so continue-as-new is exercised in tests, far below production's.
            dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 200 },
            healthTimeoutMs: 120_000,
            log,
          });
          stops.unshift(() => temporal.stop());
          return temporal.address;
        })(),
    ]);
    return { databaseUrl, temporalAddress, namespace, stop: () => runAll(stops) };
  } catch (error) {
    await runAll(stops);
    throw error;
  }
}

async function runAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops) await stop().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
}
