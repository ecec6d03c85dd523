import { ConfigError, loadConfig } from '@doorloop/config';
import { runMigrations } from '@doorloop/persistence';

/** Applies pending migrations and exits: the one-shot `migrate` service of docker-compose.yml. */
async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await runMigrations(config.DATABASE_URL);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema up to date.');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
