import { chmod, lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The mode of a directory of DATA_DIR: owner-only; with `traversable` (we are root, and PostgreSQL runs as the
 * `postgres` system user, which must reach its cluster through it) others may pass through but not list or read.
 */
export function privateDirMode(traversable: boolean): number {
  return traversable ? 0o711 : 0o700;
}

/** The cluster belongs to the `postgres` user when we are root, and initdb keeps it 0700 itself: left alone. */
const POSTGRES_CLUSTER = join('postgres', 'cluster');
/** Directories on the postgres user's way to its cluster. */
const ON_THE_WAY_TO_THE_CLUSTER = ['', 'postgres'];

/**
 * Makes everything in DATA_DIR owner-only: the development keys, the issuer's signing key and runtime file (its client
 * secret gets a token for any user), the mails, the Temporal SQLite file and PostgreSQL's password. Files become 0600
 * (an executable bit is kept for the owner), directories 0700 (0711 on the postgres user's way when `traversable`).
 * For a DATA_DIR written by an earlier version, or by a tool with a looser umask. Returns what it changed.
 */
export async function makeDataDirPrivate(dataDir: string, traversable: boolean): Promise<string[]> {
  const changed: string[] = [];
  const visit = async (path: string): Promise<void> => {
    const at = relative(dataDir, path);
    if (at === POSTGRES_CLUSTER || at.startsWith(POSTGRES_CLUSTER + sep)) return;
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return;
    const current = stats.mode & 0o777;
    const wanted = stats.isDirectory()
      ? ON_THE_WAY_TO_THE_CLUSTER.includes(at)
        ? privateDirMode(traversable)
        : 0o700
      : current & 0o700;
    if (current !== wanted) {
      await chmod(path, wanted);
      changed.push(path);
    }
    if (stats.isDirectory()) {
      for (const entry of await readdir(path)) await visit(join(path, entry));
    }
  };
  await visit(dataDir);
  return changed;
}
