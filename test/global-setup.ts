import './register-paths';
import { runMigrations } from '../libs/persistence/src/data-source';
import { buildWorkflowBundle } from '../apps/worker/src/workflow-bundle';
import { startTestServers, type TestServers } from './servers';
import { generatePayloadKeySettings } from '../libs/config/src/payload-keys';

declare global {
  var __doorloopServers: TestServers | undefined;
}

/**
 * Once per `npm test`: real servers, the schema through the real migrations, and the workflow bundle built once.
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
    WORKFLOW_BUNDLE_PATH: bundlePath,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    // A throw-away payload encryption key for this run, unless the environment brings its own.
    ...(process.env.PAYLOAD_KEYS || process.env.PAYLOAD_KEY_ID
      ? {}
      : generatePayloadKeySettings(`test-${Date.now().toString(36)}`)),
  });
}
