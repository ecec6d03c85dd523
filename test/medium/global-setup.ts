import '../register-paths';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../libs/persistence/src/data-source';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/free-port';

declare global {
  var __doorloopMediumStop: (() => Promise<void>) | undefined;
}

/**
 * The medium tier needs PostgreSQL only: the env's DATABASE_URL when set (also when the integration tier's setup ran
 * first in the same `npm test`), otherwise an embedded one of its own in a throw-away directory. The schema comes from
 * the real migrations. Test files find the database in MEDIUM_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), 'doorloop-medium-'));
    await chmod(dir, 0o755); // PostgreSQL may run as another user (see startEmbeddedPostgres)
    const log = (line: string) => process.stderr.write(`[medium] ${line}\n`);
    const pg = await startEmbeddedPostgres(join(dir, 'postgres'), await freePort(), log);
    globalThis.__doorloopMediumStop = async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    };
    url = pg.url;
  }
  await runMigrations(url);
  process.env.MEDIUM_DATABASE_URL = url;
}
