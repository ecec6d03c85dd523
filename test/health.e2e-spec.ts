import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@doorloop/config';
import { runMigrations } from '@doorloop/persistence';
import { createApi } from '../apps/api/src/bootstrap';
import { freePort } from '../scripts/lib/free-port';
import { provisionTemporalCli } from '../scripts/lib/temporal-cli';
import { startTemporalDevServer, type RunningTemporal } from '../scripts/lib/temporal-dev-server';

/**
 * Health must answer 503 naming the dependency that is down. The api here runs on a Temporal dev server and a database
 * of its own, which the test then really takes away.
 */
describe('health when a dependency is down', () => {
  const database = `health_${randomUUID().replace(/-/g, '')}`;
  const adminUrl = process.env.DATABASE_URL ?? '';
  let temporal: RunningTemporal;
  let sut: INestApplication;
  let url: string;

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
    await runMigrations(databaseUrl);

    temporal = await startTemporalDevServer({
      cli: await provisionTemporalCli(() => undefined),
      port: await freePort(),
      namespace: 'default',
      log: () => undefined,
    });
    sut = await createApi(
      loadConfig({ ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address }),
    );
    await sut.listen(0, '127.0.0.1');
    url = (await sut.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await sut?.close();
    await temporal?.stop();
  });

  async function health() {
    const response = await fetch(`${url}/api/v1/health`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  it('is ready while both answer', async () => {
    expect((await health()).status).toBe(200);
  });

  it('names Temporal when the Temporal server is gone', async () => {
    await temporal.stop();
    const { status, type, body } = await health();
    expect(status).toBe(503);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ status: 503, code: 'dependency-unavailable', detail: 'Not reachable: temporal.' });
  });

  it('names PostgreSQL too when its database is gone', async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.detail).toBe('Not reachable: postgresql, temporal.');
  });

  it('stays alive for the liveness probe', async () => {
    const response = await fetch(`${url}/api/v1/health/live`);
    expect(response.status).toBe(200);
  });
});
