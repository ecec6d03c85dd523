import { isAbsolute, resolve } from 'node:path';
import { repoRoot } from '@doorloop/config';

/** DATA_DIR (default `.data`), relative to the repository root: where npm start keeps its state. */
export function resolveDataDir(value: string | undefined, root: string): string {
  const dir = value || '.data';
  return isAbsolute(dir) ? dir : resolve(root, dir);
}

/** The DATA_DIR of this environment: where the embedded runtime keeps its PostgreSQL, Temporal and issuer data. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDir(env.DATA_DIR, repoRoot());
}
