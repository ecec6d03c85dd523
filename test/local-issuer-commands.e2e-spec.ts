import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { generateKeySettings } from '@doorloop/config';
import { dataSourceOptions, seedDemoData } from '@doorloop/persistence';
import { AccessTokenVerifier } from '../apps/api/src/auth/access-token-verifier';
import { freePort } from '../scripts/lib/free-port';
import { writeIssuerRuntime } from '../scripts/lib/local-issuer-runtime';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in the repository as a developer would, with this test run's environment plus `env` (a variable
 * given as undefined is left out).
 */
async function command(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const environment = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined),
  );
  try {
    const { stdout, stderr } = await run(file, args, { cwd: ROOT, env: environment, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : -1, stdout: stdout ?? '', stderr: stderr ?? '' };
  }
}

const npmRunToken = (username: string, env: NodeJS.ProcessEnv = {}) =>
  command('npm', ['run', 'token', '--', username], env);

/**
 * The commands around the local issuer, run for real: `npm run token` against this test run's issuer (its runtime file
 * is in DATA_DIR, as npm start writes it), and `npm start`'s refusal to run the local issuer in production.
 */
describe('npm run token and npm start with the local OIDC issuer', () => {
  let emptyDir: string;

  beforeAll(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'doorloop-empty-'));
    // The demo users, as npm start seeds them (other test files may not have run before this one).
    const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? '')).initialize();
    await seedDemoData(dataSource).finally(() => dataSource.destroy());
    // What `npm run token` does before it runs (pretoken): build the runtime scripts when they are missing or stale.
    expect((await command('node', ['scripts/ensure-built.js'])).code).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await rm(emptyDir, { recursive: true, force: true });
  });

  it('prints an access token the api accepts, alone on the last line', async () => {
    const { code, stdout, stderr } = await npmRunToken('coordinator');
    expect(`${code}: ${stderr}`).toMatch(
      /^0: [\s\S]*Access token for coordinator from http:\/\/127\.0\.0\.1:\d+, valid for 15 minutes/,
    );
    const token = stdout.trimEnd().split('\n').pop() ?? '';
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const verifier = new AccessTokenVerifier({
      issuer: process.env.OIDC_ISSUER ?? '',
      audience: 'doorloop-api',
      usernameClaim: 'sub',
      clientIds: ['doorloop-web'],
      maxTokenAgeSeconds: 43200,
    });
    expect(await verifier.verify(token)).toEqual({ username: 'coordinator', onBehalfOf: null });
  });

  it('names a user who does not exist', async () => {
    const { code, stdout, stderr } = await npmRunToken('nobody');
    expect(code).toBe(1);
    expect(stderr).toContain('There is no user "nobody" in the users table.');
    expect(stdout).not.toMatch(/^ey/m);
  });

  it('says so when no local issuer is running', async () => {
    const { code, stderr } = await npmRunToken('coordinator', { DATA_DIR: emptyDir, OIDC_ISSUER: undefined });
    expect(code).toBe(1);
    expect(stderr).toContain(`No local OIDC issuer is running (${join(emptyDir, 'oidc-issuer.json')} is missing)`);
  });

  it('says so when the issuer npm start left behind is gone', async () => {
    const gone = `http://127.0.0.1:${await freePort()}`;
    await writeIssuerRuntime(emptyDir, { issuer: gone, clientId: 'doorloop-cli', clientSecret: 'x', pid: 1 });
    const { code, stderr } = await npmRunToken('coordinator', { DATA_DIR: emptyDir, OIDC_ISSUER: undefined });
    expect(code).toBe(1);
    expect(stderr).toContain(`The local OIDC issuer at ${gone} does not answer`);
    await rm(join(emptyDir, 'oidc-issuer.json'));
  });

  it('explains that it cannot ask an external issuer', async () => {
    const { code, stderr } = await npmRunToken('coordinator', { OIDC_ISSUER: 'https://sign-in.example.org/realms/x' });
    expect(code).toBe(1);
    expect(stderr).toContain('npm run token gets tokens from the local issuer of npm start only');
  });

  it('refuses to start the local issuer with NODE_ENV=production, before starting anything', async () => {
    const { code, stdout } = await command('node', ['dist/runtime/scripts/start.js'], {
      NODE_ENV: 'production',
      OIDC_ISSUER: undefined,
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
      DATA_DIR: emptyDir,
      ...generateKeySettings('payload', 'prod-test'),
    });
    expect(code).toBe(1);
    expect(stdout).toContain('never runs with NODE_ENV=production');
    expect(stdout).not.toMatch(/PostgreSQL|Temporal dev server/);
  });
});
