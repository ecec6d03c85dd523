import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);
const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

/**
 * `npm start` (the built dist/runtime/scripts/start.js) over a database of the user's own — a scratch database with the
 * real schema — without an issuer of its own and without the opt-in (issue 19, finding 11), and what it leaves of
 * DATA_DIR's modes (finding 14).
 */
describe('npm start on a DATABASE_URL of your own', () => {
  let database: ScratchDatabase;
  let dataDir: string;

  beforeAll(async () => {
    const built = await run('node', ['scripts/ensure-built.js'], { cwd: ROOT, timeout: 300_000 });
    expect(built.stderr).not.toMatch(/error/i);
    database = await createScratchDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'doorloop-start-'));
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, 'oidc-signing-key.json'), '{}', { mode: 0o644 }); // as an older version left it
  }, 300_000);
  afterAll(async () => {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('neither runs the passwordless issuer over it nor seeds demo users into it, and says why', async () => {
    const environment = Object.fromEntries(
      Object.entries({
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        OIDC_ISSUER: undefined,
        LOCAL_ISSUER_ON_EXTERNAL_DATABASE: undefined,
        TEMPORAL_ADDRESS: undefined,
        // Development keys of its own, written into DATA_DIR.
        PAYLOAD_KEYS: undefined,
        PAYLOAD_KEY_ID: undefined,
        FIELD_KEYS: undefined,
        FIELD_KEY_ID: undefined,
      }).filter(([, value]) => value !== undefined),
    );
    const outcome = await run('node', ['dist/runtime/scripts/start.js'], {
      cwd: ROOT,
      env: environment,
      timeout: 60_000,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout ?? '' }),
    );

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('DATABASE_URL: is a database of your own, so npm start does not run its');
    expect(outcome.stdout).toContain('LOCAL_ISSUER_ON_EXTERNAL_DATABASE=true');
    expect(outcome.stdout).not.toMatch(/OIDC issuer \(local|Temporal dev server on|Demo data seeded/);
    const [{ users }] = await database.dataSource.query<{ users: string }[]>('SELECT count(*) AS users FROM users');
    expect(Number(users)).toBe(0);
  });

  it('leaves DATA_DIR and what is in it to their owner', async () => {
    expect(await modeOf(dataDir)).toBe(process.getuid?.() === 0 ? '711' : '700');
    expect(await modeOf(join(dataDir, 'oidc-signing-key.json'))).toBe('600');
    expect(await modeOf(join(dataDir, 'payload-keys'))).toBe('600');
    expect(await modeOf(join(dataDir, 'field-keys'))).toBe('600');
  });
});
