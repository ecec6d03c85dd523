import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/lib/free-port';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres';
import { startMailCatcher } from '../scripts/lib/mail-catcher';
import { writeIssuerRuntime } from '../scripts/lib/local-issuer-runtime';
import { startOidcIssuer } from '../scripts/lib/oidc-issuer';
import { SIGNING_KEY_FILE, developmentSigningKey } from '../scripts/lib/oidc-signing-key';
import { provisionTemporalCli } from '../scripts/lib/temporal-cli';
import { startTemporalDevServer } from '../scripts/lib/temporal-dev-server';

export interface TestServers {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** The local SMTP server's URL, and the directory it delivers each message to as an `.eml` file. */
  smtpUrl: string;
  mailDir: string;
  /** Where the servers we started keep their files (absent for servers the env named): the canary test reads them. */
  files: { postgresDataDir?: string; temporalDbFile?: string };
  /** The local OIDC issuer: its URL, and the directory of its runtime file (the DATA_DIR of `npm run token`). */
  oidcIssuer: string;
  dataDir: string;
  /** Base URL of the web app the issuer redirects to after sign-in. */
  publicUrl: string;
  stop(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`[test servers] ${line}\n`);

/**
 * The real servers the integration tests run against: the env's (DATABASE_URL, TEMPORAL_ADDRESS) when set, otherwise
 * an embedded PostgreSQL and a Temporal dev server of our own in a throw-away directory; and always a local OIDC issuer
 * of our own on that database, with a throw-away signing key (tests sign in through its token endpoint). The SMTP server
 * is always our own mail catcher, whatever SMTP_URL says: the tests read what was sent, and never mail a real relay.
 */
export async function startTestServers(env: NodeJS.ProcessEnv = process.env): Promise<TestServers> {
  const dir = await mkdtemp(join(tmpdir(), 'doorloop-test-'));
  await chmod(dir, 0o755); // PostgreSQL may run as another user (see startEmbeddedPostgres)
  const stops: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  const files: TestServers['files'] = {};
  try {
    const [databaseUrl, temporalAddress] = await Promise.all([
      env.DATABASE_URL ??
        (async () => {
          const pg = await startEmbeddedPostgres(join(dir, 'postgres'), await freePort(), log);
          stops.unshift(() => pg.stop());
          files.postgresDataDir = join(dir, 'postgres', 'cluster');
          return pg.url;
        })(),
      env.TEMPORAL_ADDRESS ??
        (async () => {
          const cli = await provisionTemporalCli(log, env);
          log(`Temporal CLI from ${cli.source}${'path' in cli ? ` (${cli.path})` : ''}`);
          // In a file, not in memory: the canary test searches what Temporal stores.
          await mkdir(join(dir, 'temporal'));
          files.temporalDbFile = join(dir, 'temporal', 'temporal.sqlite');
          const temporal = await startTemporalDevServer({
            cli,
            dbFile: files.temporalDbFile,
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
    const mail = await startMailCatcher({ dir: join(dir, 'mail') });
    stops.unshift(() => mail.stop());
    log(`Mail catcher on ${mail.url}, messages in ${mail.dir}`);
    const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${await freePort()}`;
    const issuer = await startOidcIssuer({
      port: 0,
      databaseUrl,
      publicUrl,
      audience: env.OIDC_AUDIENCE ?? 'doorloop-api',
      webClientId: env.OIDC_WEB_CLIENT_ID ?? 'doorloop-web',
      // Kept in the run's directory the way npm start keeps it in DATA_DIR, where tests that must forge a token (expired,
      // for another audience) find the issuer's own key.
      signingKey: await developmentSigningKey(join(dir, SIGNING_KEY_FILE), log),
      nodeEnv: 'test',
    });
    stops.unshift(() => issuer.stop());
    await writeIssuerRuntime(dir, {
      issuer: issuer.issuer,
      clientId: issuer.tokenClient.id,
      clientSecret: issuer.tokenClient.secret,
      pid: process.pid,
    });
    log(`OIDC issuer (local) on ${issuer.issuer}`);
    return {
      databaseUrl,
      temporalAddress,
      namespace,
      smtpUrl: mail.url,
      mailDir: mail.dir,
      files,
      oidcIssuer: issuer.issuer,
      dataDir: dir,
      publicUrl,
      stop: () => runAll(stops),
    };
  } catch (error) {
    await runAll(stops);
    throw error;
  }
}

async function runAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops) await stop().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
}
