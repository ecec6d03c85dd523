import { isAbsolute, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { ConfigError, generatePayloadKeySettings, loadConfig, repoRoot, requirePayloadKeys } from '@doorloop/config';
import { DEMO_USERS, dataSourceOptions, runMigrations, seedDemoData } from '@doorloop/persistence';
import { startApp } from './lib/child-process';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { freePort } from './lib/free-port';
import { provisionTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer, stopChild } from './lib/temporal-dev-server';
import { waitUntil } from './lib/wait-until';

const log = (line: string) => process.stdout.write(`[doorloop] ${line}\n`);

/**
 * `npm start`: the whole product on one machine with no configuration. Starts what is not given by the environment
 * (PostgreSQL unless DATABASE_URL, the Temporal dev server unless TEMPORAL_ADDRESS), migrates, seeds the demo region
 * on first run, runs the worker and the api, and stops all of it on Ctrl-C.
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const dataDir = resolveDataDir(process.env.DATA_DIR ?? '.data', root);
  await mkdir(dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await Promise.all(children.map((child) => stopChild(child, 20_000)));
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    log('Stopped.');
    process.exit(code);
  };
  // `on`, not `once`: Ctrl-C reaches us twice (from the terminal and forwarded by npm); a second signal must not kill
  // the supervisor halfway through stopping its servers.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
    // Outside production the payload encryption key is ours to make, once, and kept with the data it encrypts.
    if (env.NODE_ENV !== 'production' && !env.PAYLOAD_KEYS && !env.PAYLOAD_KEY_ID) {
      Object.assign(env, await developmentPayloadKeys(dataDir, !env.TEMPORAL_ADDRESS));
    }
    // Validate what the user set before starting anything, so a typo stops us at once with its name.
    const given = loadConfig({
      ...env,
      DATABASE_URL: env.DATABASE_URL ?? 'postgres://placeholder',
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS ?? 'placeholder:1',
    });
    requirePayloadKeys(given);

    if (!env.DATABASE_URL) {
      const pg = await startEmbeddedPostgres(join(dataDir, 'postgres'), await freePort(54329), log);
      stops.push(() => pg.stop());
      env.DATABASE_URL = pg.url;
      log(`PostgreSQL (embedded) on ${new URL(pg.url).host}, data in ${join(dataDir, 'postgres')}`);
    }
    if (!env.TEMPORAL_ADDRESS) {
      const cli = await provisionTemporalCli(log);
      log(`Temporal CLI: ${cli.source}${'path' in cli ? ` (${cli.path})` : ''}`);
      const temporal = await startTemporalDevServer({
        cli,
        dbFile: join(dataDir, 'temporal.sqlite'),
        port: await freePort(7233),
        uiPort: await freePort(8233),
        namespace: env.TEMPORAL_NAMESPACE ?? 'default',
        healthTimeoutMs: 120_000,
        log,
      });
      stops.push(() => temporal.stop());
      env.TEMPORAL_ADDRESS = temporal.address;
      env.TEMPORAL_UI_URL ??= temporal.uiUrl;
      log(`Temporal dev server on ${temporal.address}, state in ${join(dataDir, 'temporal.sqlite')}`);
    }
    const config = loadConfig(env);

    const applied = await runMigrations(config.DATABASE_URL);
    log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Schema up to date.');
    const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
    const seeded = await seedDemoData(dataSource).finally(() => dataSource.destroy());
    log(seeded ? 'Demo data seeded (Demo Regio).' : 'Demo data already present; kept.');

    const onExit = (name: string) => (code: number | null) => {
      if (!stopping) {
        log(`${name} exited with ${code}; stopping everything.`);
        void shutdown(1);
      }
    };
    children.push(startApp('worker', join(root, 'dist/worker/apps/worker/src/main.js'), env, onExit('worker')));
    children.push(startApp('api', join(root, 'dist/api/apps/api/src/main.js'), env, onExit('api')));

    const apiUrl = `http://localhost:${config.PORT}`;
    await waitUntil('the api to become ready', async () => (await fetch(`${apiUrl}/api/v1/health`)).ok, 120_000, 500);
    printBanner(apiUrl, env.TEMPORAL_UI_URL);
  } catch (error) {
    log(
      error instanceof ConfigError
        ? error.message
        : `Start failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await shutdown(1);
  }
}

/**
 * The development payload keys in `DATA_DIR/payload-keys` (mode 0600): generated on the first start, read on every
 * later one, because the Temporal state in DATA_DIR can only be read with them. Production sets PAYLOAD_KEYS itself.
 */
async function developmentPayloadKeys(
  dataDir: string,
  ownTemporal: boolean,
): Promise<{ PAYLOAD_KEYS: string; PAYLOAD_KEY_ID: string }> {
  const file = join(dataDir, 'payload-keys');
  if (!existsSync(file)) {
    const id = `dev-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    const generated = generatePayloadKeySettings(id);
    const content = [
      '# Payload encryption keys of this development data directory (npm start), never for production.',
      '# The Temporal state next to this file can only be read with them: keep them together.',
      '# Rotate: add a new id:base64key pair to PAYLOAD_KEYS (keep the old ones) and set PAYLOAD_KEY_ID to its id.',
      `PAYLOAD_KEYS=${generated.PAYLOAD_KEYS}`,
      `PAYLOAD_KEY_ID=${generated.PAYLOAD_KEY_ID}`,
      '',
    ].join('\n');
    await writeFile(file, content, { mode: 0o600, flag: 'wx' });
    log(`Payload encryption key ${id} generated in ${file} (development only).`);
    if (ownTemporal && existsSync(join(dataDir, 'temporal.sqlite'))) {
      log(
        `The Temporal state in ${dataDir} predates this key: histories recorded without encryption stay readable, ` +
          'any encrypted with a key since lost do not.',
      );
    }
    return generated;
  }
  if (((await stat(file)).mode & 0o077) !== 0) {
    await chmod(file, 0o600);
    log(`Restricted ${file} to its owner (mode 0600).`);
  }
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const value = (name: string) =>
    lines
      .find((line) => line.startsWith(`${name}=`))
      ?.slice(name.length + 1)
      .trim();
  const [keys, keyId] = [value('PAYLOAD_KEYS'), value('PAYLOAD_KEY_ID')];
  if (!keys || !keyId) {
    throw new ConfigError([
      `${file}: must set PAYLOAD_KEYS and PAYLOAD_KEY_ID (do not delete it: the Temporal state of ${dataDir} needs its keys)`,
    ]);
  }
  return { PAYLOAD_KEYS: keys, PAYLOAD_KEY_ID: keyId };
}

function resolveDataDir(value: string, root: string): string {
  return isAbsolute(value) ? value : resolve(root, value);
}

function printBanner(apiUrl: string, temporalUiUrl: string | undefined): void {
  const users = DEMO_USERS.map((u) => `    ${u.username.padEnd(18)} ${u.role}`).join('\n');
  process.stdout.write(`
  Doorloop is running.

    API           ${apiUrl}/api/v1
    OpenAPI docs  ${apiUrl}/api/v1/docs   (document: ${apiUrl}/api/v1/openapi.json)
    Health        ${apiUrl}/api/v1/health
    Temporal UI   ${temporalUiUrl ?? '(external Temporal: see your cluster)'}

  Demo users (synthetic, region "Demo Regio"):
${users}

  Press Ctrl-C to stop; data is kept for the next start.
`);
}

void main();
