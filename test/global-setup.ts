import './register-paths';
import { runMigrations } from '../libs/persistence/src/data-source';
import { buildWorkflowBundle } from '../apps/worker/src/workflow-bundle';
import { startTestServers, type TestServers } from './servers';
import { generateKeySettings } from '../libs/config/src/key-ring';

declare global {
  var __doorloopServers: TestServers | undefined;
}

/**
 * Once per `npm test`: real servers (PostgreSQL, Temporal, a local SMTP server whose mail lands in MAIL_CATCHER_DIR),
 * the schema through the real migrations, and the workflow bundle built once.
 * Values reach the test files through process.env, which jest passes on to them.
 */
export default async function globalSetup(): Promise<void> {
  const servers = await startTestServers();
  globalThis.__doorloopServers = servers;
  await runMigrations(servers.databaseUrl);
  const bundlePath = await buildWorkflowBundle();
  Object.assign(process.env, {
    DATABASE_URL: servers.databaseUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_NAMESPACE: servers.namespace,
    OIDC_ISSUER: servers.oidcIssuer,
    // Where the issuer's runtime file is: test/stack.ts and `npm run token` find the issuer through it.
    DATA_DIR: servers.dataDir,
    PUBLIC_URL: servers.publicUrl,
    WORKFLOW_BUNDLE_PATH: bundlePath,
    SMTP_URL: servers.smtpUrl,
    MAIL_CATCHER_DIR: servers.mailDir,
    // Test-only: where the servers keep their files, for the canary test; absent when the env named the servers.
    ...(servers.files.postgresDataDir ? { TEST_POSTGRES_DATA_DIR: servers.files.postgresDataDir } : {}),
    ...(servers.files.temporalDbFile ? { TEST_TEMPORAL_DB_FILE: servers.files.temporalDbFile } : {}),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // The budgets against floods and bulk reads, lifted for the suite: every test sends from 127.0.0.1, most as the
    // same demo users, and many expect one audit record per refused request. test/flood-limits.e2e-spec.ts sets them
    // back (in its own stack) to prove them.
    ...liftedUnlessSet({
      RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE: '10000000',
      RATE_LIMIT_IDENTITY_READS_PER_MINUTE: '10000000',
      IDENTITY_BULK_READ_THRESHOLD: '10000000',
      AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW: '10000000',
    }),
    NODE_ENV: 'test',
    // Throw-away encryption keys for this run, unless the environment brings its own.
    ...(process.env.PAYLOAD_KEYS || process.env.PAYLOAD_KEY_ID
      ? {}
      : generateKeySettings('payload', `test-${Date.now().toString(36)}`)),
    ...(process.env.FIELD_KEYS || process.env.FIELD_KEY_ID
      ? {}
      : generateKeySettings('field', `test-${Date.now().toString(36)}`)),
  });
}

/** The values the environment does not set itself. */
function liftedUnlessSet(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => process.env[name] === undefined));
}
