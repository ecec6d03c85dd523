import { join } from 'node:path';
import { ConfigError, loadConfig } from '@doorloop/config';
import { auditVerify } from './lib/audit-verify';
import { dataDir } from './lib/data-dir';
import { useEmbeddedPostgres } from './lib/embedded-postgres';

/**
 * `npm run audit:verify`: verifies the whole audit hash chain. Exit 0 with the record count and the head hash (note it
 * somewhere outside the database: a later run must still show that head), or exit 1 naming the first broken link.
 * Uses DATABASE_URL, else the embedded PostgreSQL of DATA_DIR (running under npm start, or started for the check).
 */
async function main(): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (process.env.DATABASE_URL) {
    const config = loadConfig({ ...process.env, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? 'unused:1' });
    return auditVerify(config.DATABASE_URL, print);
  }
  const postgres = await useEmbeddedPostgres(join(dataDir(), 'postgres'), (line) => process.stderr.write(`${line}\n`));
  try {
    return await auditVerify(postgres.url, print);
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
