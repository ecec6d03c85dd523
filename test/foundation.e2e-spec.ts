import { DataSource } from 'typeorm';
import { DEMO_MUNICIPALITIES, DEMO_ORGANISATIONS, TaskEntity, TrajectoryEntity } from '@doorloop/persistence';
import { request, requestsAs, stackForAllTests, tokenFor } from './stack';
import { bornAgo } from './dates';

/** A list's page, a municipality in it, and a problem naming the invalid fields. */
interface Items<T> {
  items: T[];
}
interface Municipality {
  code: string;
  name: string;
}
interface Problem {
  status: number;
  errors: { field: string; detail: string }[];
}

describe('foundation: the api on real PostgreSQL and Temporal', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);

  it('answers health 200 when PostgreSQL and Temporal are reachable', async () => {
    const response = await request(sut(), 'GET', '/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { postgresql: 'up', temporal: 'up' } });
    expect(response.headers.get('api-version')).toBe('1.0.0');
  });

  it('lists the seeded organisations and municipalities', async () => {
    const organisations = await as<Items<{ name: string }>>('coordinator', 'GET', '/api/v1/organisations');
    expect(organisations.status).toBe(200);
    expect(organisations.body.items.map((o) => o.name).sort()).toEqual(DEMO_ORGANISATIONS.map((o) => o.name).sort());

    const municipalities = await as<Items<Municipality>>('coordinator', 'GET', '/api/v1/municipalities');
    expect(municipalities.body.items).toEqual(DEMO_MUNICIPALITIES);
  });

  it('publishes the OpenAPI document', async () => {
    const response = await request<{ openapi: string; paths: Record<string, unknown> }>(
      sut(),
      'GET',
      '/api/v1/openapi.json',
    );
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/trajectories', '/tasks', '/health', '/organisations', '/municipalities']),
    );
  });

  it('answers unknown routes with problem+json 404', async () => {
    const response = await fetch(`${sut().url}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found', code: 'not-found' });
  });

  it('refuses bad input with a problem naming every field, and stores nothing', async () => {
    const before = await sut().dataSource.getRepository(TrajectoryEntity).count();
    const response = await as<Problem>('coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym: 'Anna de Vries',
      // eslint-disable-next-line no-restricted-syntax -- fixed date: a day that does not exist, refused on any day
      birthDate: '2009-02-30',
      municipalityCode: '0599',
      nickname: 'x',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e) => e.field).sort()).toEqual([
      'birthDate',
      'municipalityCode',
      'nickname',
      'pseudonym',
    ]);
    expect(await sut().dataSource.getRepository(TrajectoryEntity).count()).toBe(before);
  });

  it('refuses a body that is not JSON with 415 and a malformed one with 400', async () => {
    const wrongType = await fetch(`${sut().url}/api/v1/trajectories`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${await tokenFor('coordinator')}` },
      body: 'hello',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const malformed = await as('coordinator', 'POST', '/api/v1/trajectories', '{"pseudonym":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses an unknown municipality by name, and stores nothing', async () => {
    const response = await as<Problem>('coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym: 'TRJ-0000',
      birthDate: bornAgo(17, 6),
      municipalityCode: 'GM0001',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'municipalityCode' })]);
  });

  it.each([
    { user: 'coordinator', method: 'GET', url: '/api/v1/trajectories/00000000-0000-4000-8000-000000000000' },
    { user: 'coordinator', method: 'GET', url: '/api/v1/trajectories/00000000-0000-4000-8000-00000000beef/milestones' },
    {
      user: 'coordinator',
      method: 'POST',
      url: '/api/v1/trajectories/00000000-0000-4000-8000-00000000dead/pauses',
      body: { reason: 'hospital' },
    },
    {
      user: 'youth-care',
      method: 'POST',
      url: '/api/v1/tasks/00000000-0000-4000-8000-00000000f00d/completion',
      body: { outcome: {} },
    },
  ])('answers 404 problem, code not-found, to $user: $method $url of what does not exist', async (probe) => {
    const response = await as<{ code: string }>(probe.user, probe.method, probe.url, probe.body);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('not-found');
  });

  it('keeps tasks out of reach of a bad query', async () => {
    const response = await as<Problem>('coordinator', 'GET', '/api/v1/tasks?organisationId=abc&limit=0');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e) => e.field).sort()).toEqual(['limit', 'organisationId']);
  });

  it('has a schema from migrations only', async () => {
    const tables = await sut().dataSource.query<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['migrations', 'tasks', 'trajectories', 'milestones']),
    );
    expect(sut().dataSource.options.synchronize).toBe(false);
    expect(sut().api.get(DataSource).getRepository(TaskEntity).metadata.tableName).toBe('tasks');
  });
});
