import { DateTime } from 'luxon';
import { requestAs, startStack, type Stack } from './stack';
import { bornAgo } from './dates';
import { createTestRegion, type TestRegion } from './test-region';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
}
interface Task {
  id: string;
  trajectoryId: string;
  kind: string;
  organisationId: string;
  handoverId: string | null;
}

const today = () => DateTime.now().setZone(DEFAULT_TIME_ZONE);
const ROLES = ['coordinator', 'police', 'director', 'admin', 'auditor'] as const;

/**
 * A valid body for every write route, so the request passes validation and reaches the scope check: a 400 would prove
 * nothing. A route added without an example here fails the test until it gets one.
 */
function exampleBody(method: string, path: string, foreignOrganisationId: string): unknown {
  const date = today().toISODate();
  const examples: Record<string, unknown> = {
    'POST /trajectories/{id}/placements': {
      type: 'ambulant',
      startDate: date,
      providerOrganisationId: foreignOrganisationId,
    },
    'POST /trajectories/{id}/court-measures': { type: 'ots', startDate: date, endDate: date },
    'PUT /trajectories/{id}/court-measures/{courtMeasureId}': { type: 'ots', startDate: date, endDate: date },
    'POST /trajectories/{id}/birth-date-corrections': { birthDate: bornAgo(16, 11) },
    'POST /trajectories/{id}/partners': { organisationId: foreignOrganisationId, role: 'police' },
    'POST /trajectories/{id}/municipality-changes': { municipalityCode: 'GM9902' },
    'POST /trajectories/{id}/closure': { date, override: { reason: 'Demo: matrixtest' } },
    'PUT /trajectories/{id}/identity': { name: 'Demo Matrix', bsn: '111222333' },
    'POST /tasks/{id}/completion': { outcome: { summary: 'Demo: matrixtest' } },
    // These carry no body.
    'POST /tasks/{id}/claim': undefined,
    'POST /trajectories/{id}/pauses': undefined,
    'POST /trajectories/{id}/resumptions': undefined,
    'POST /handovers/{id}/acknowledgement': { accepted: true },
  };
  const key = `${method.toUpperCase()} ${path}`;
  if (method === 'get' || method === 'delete') return undefined;
  if (!(key in examples) && /\{/.test(path)) throw new Error(`No example body for ${key}: add one to the matrix test`);
  return examples[key];
}

/**
 * Need-to-know, proved by enumeration: every route of the API document, called by every role of one region, on
 * objects of another region, another organisation and another municipality. Nothing answers 2xx, and no list carries
 * an id or pseudonym the caller may not see.
 */
describe('access matrix: route × role × object outside scope', () => {
  let sut: Stack;
  let mine: TestRegion;
  let other: TestRegion;
  const foreign = {} as {
    trajectoryId: string;
    pseudonym: string;
    taskId: string;
    handoverId: string;
    /** Same region, another organisation than the police partner's. */
    otherOrgTaskId: string;
    otherOrgHandoverId: string;
    /** Same region, the municipality the director does not watch. */
    otherMunicipalityTrajectoryId: string;
    otherMunicipalityPseudonym: string;
  };
  let document: OpenApi;

  async function nearly18(region: TestRegion, pseudonym: string, municipalityCode: string) {
    const created = await requestAs<{ id: string }>(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
      pseudonym,
      birthDate: today().minus({ years: 17, months: 11 }).toISODate(),
      municipalityCode,
      partners: [
        { organisationId: region.organisations['youth-care'], role: 'youth-care' },
        { organisationId: region.organisations['adult-care'], role: 'adult-care' },
        { organisationId: region.organisations.school, role: 'school' },
      ],
    });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await requestAs<{ items: Task[] }>(
        sut,
        region.users.coordinator,
        'GET',
        `/api/v1/tasks?trajectoryId=${created.body.id}&limit=200`,
      );
      if (body.items.some((t) => t.handoverId !== null) || Date.now() > deadline)
        return { id: created.body.id, tasks: body.items };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    sut = await startStack();
    [mine, other] = [await createTestRegion(sut.dataSource), await createTestRegion(sut.dataSource)];
    const elsewhere = await nearly18(other, 'TRJ-M4TX', other.municipalities[0]);
    const handoverTask = elsewhere.tasks.find((t) => t.handoverId !== null)!;
    Object.assign(foreign, {
      trajectoryId: elsewhere.id,
      pseudonym: 'TRJ-M4TX',
      taskId: elsewhere.tasks[0].id,
      handoverId: handoverTask.handoverId,
    });
    // In my region, a trajectory the police partner has no part in (school, youth care, adult care only)…
    const sameRegion = await nearly18(mine, 'TRJ-M4TY', mine.municipalities[1]);
    foreign.otherOrgTaskId = sameRegion.tasks.find((t) => t.organisationId === mine.organisations.school)!.id;
    foreign.otherOrgHandoverId = sameRegion.tasks.find((t) => t.handoverId !== null)!.handoverId!;
    // …and it lies in the municipality the director does not watch.
    foreign.otherMunicipalityTrajectoryId = sameRegion.id;
    foreign.otherMunicipalityPseudonym = 'TRJ-M4TY';
    document = (await requestAs<OpenApi>(sut, mine.users.coordinator, 'GET', '/api/v1/openapi.json')).body;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  /** The objects each role must not reach through a route with this path. */
  function targets(path: string, role: (typeof ROLES)[number]): Record<string, string>[] {
    const base = { courtMeasureId: 'cm-1', organisationId: other.organisations.police };
    if (path.startsWith('/trajectories/{id}')) return [{ ...base, id: foreign.trajectoryId }];
    if (path.startsWith('/tasks/{id}')) {
      return [{ id: foreign.taskId }, ...(role === 'police' ? [{ id: foreign.otherOrgTaskId }] : [])];
    }
    if (path.startsWith('/handovers/{id}')) {
      return [{ id: foreign.handoverId }, ...(role === 'police' ? [{ id: foreign.otherOrgHandoverId }] : [])];
    }
    throw new Error(`No out-of-scope object known for ${path}: teach the matrix test`);
  }

  it('answers 403 or 404 on every object route, for every role, on every object outside its scope', async () => {
    const leaks: string[] = [];
    let calls = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.includes('{')) continue;
      for (const method of Object.keys(operations)) {
        for (const role of ROLES) {
          for (const params of targets(path, role)) {
            const url = `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => params[name])}`;
            const query = path.endsWith('/partners/{organisationId}') ? '?role=police' : '';
            const body = exampleBody(method, path, other.organisations.police);
            const response = await requestAs(sut, mine.users[role], method.toUpperCase(), url + query, body);
            calls += 1;
            if (![403, 404].includes(response.status)) {
              leaks.push(`${role} ${method.toUpperCase()} ${path} (${JSON.stringify(params)}) → ${response.status}`);
            }
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(50);
  });

  it('lists nothing outside scope, also when a query names a foreign organisation or trajectory', async () => {
    const leaks: string[] = [];
    const myUserIds = (
      await sut.dataSource.query<{ id: string }[]>('SELECT id FROM users WHERE region_id = $1', [mine.id])
    ).map((row) => row.id);
    for (const [path, operations] of Object.entries(document.paths)) {
      if (path.includes('{') || !operations.get || /openapi|docs|health|auth-configuration/.test(path)) continue;
      const names = new Set((operations.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      const hostile: string[][] = [[]];
      if (names.has('trajectoryId')) hostile.push([`trajectoryId=${foreign.trajectoryId}`]);
      if (names.has('organisationId')) hostile.push([`organisationId=${other.organisations.police}`]);
      for (const role of ROLES) {
        const secrets = [foreign.trajectoryId, foreign.pseudonym, foreign.taskId, foreign.handoverId];
        if (role === 'police') secrets.push(foreign.otherOrgTaskId, foreign.otherOrgHandoverId);
        if (role === 'director')
          secrets.push(foreign.otherMunicipalityTrajectoryId, foreign.otherMunicipalityPseudonym);
        for (const query of hostile) {
          const url = `/api/v1${path}${query.length ? `?${query.join('&')}` : ''}`;
          const response = await requestAs(sut, mine.users[role], 'GET', url);
          // The audit log names what the region's own users asked for, foreign ids included (a refused probe is
          // exactly what an auditor must see); a leak there is a record of someone else's request.
          const shown =
            path === '/audit-records'
              ? ((response.body as { items?: { userId: string | null }[] })?.items ?? []).filter(
                  (record) => !myUserIds.includes(record.userId ?? ''),
                )
              : response.body;
          const text = JSON.stringify(shown ?? '');
          const leaked = secrets.filter((secret) => text.includes(secret));
          if (response.status < 300 && leaked.length > 0) leaks.push(`${role} GET ${url} → ${leaked.join(', ')}`);
          if (response.status >= 500) leaks.push(`${role} GET ${url} → ${response.status}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('is a real check: the owners do reach the same objects', async () => {
    expect(
      (await requestAs(sut, other.users.coordinator, 'GET', `/api/v1/trajectories/${foreign.trajectoryId}`)).status,
    ).toBe(200);
    expect((await requestAs(sut, other.users.coordinator, 'GET', `/api/v1/tasks/${foreign.taskId}`)).status).toBe(200);
    expect((await requestAs(sut, mine.users.school, 'GET', `/api/v1/tasks/${foreign.otherOrgTaskId}`)).status).toBe(
      200,
    );
    const list = await requestAs(sut, mine.users.coordinator, 'GET', '/api/v1/trajectories');
    expect(JSON.stringify(list.body)).toContain(foreign.otherMunicipalityPseudonym);
  });
});
