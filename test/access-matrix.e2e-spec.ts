import { requestAs, startStack, type Stack } from './stack';
import { placeAndGoMissing, startNearlyAdult, type NearlyAdult } from './nearly-adult';
import { encryptedPayload, validBody, type JsonPayload } from './valid-bodies';
import { createTestRegion, type TestRegion } from './test-region';

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
}
interface Problem {
  errors?: { field: string }[];
}

/** `police` is a partner without a part in any trajectory here; `youth-care` sends the handovers, `adult-care` receives. */
const ROLES = ['coordinator', 'police', 'youth-care', 'director', 'admin', 'auditor'] as const;
type Role = (typeof ROLES)[number];
const PARTNERS: readonly Role[] = ['police', 'youth-care'];

/**
 * Who may call a route, written out by hand from docs/security.md (not read from the product's decorators): the
 * matrix expects 404 from these roles on an object outside their scope, 403 from every other role.
 */
function allowed(route: string, role: Role): boolean {
  if (/ \/trajectories/.test(route)) return role === 'coordinator';
  if (/ \/(tasks|handovers)/.test(route)) return role === 'coordinator' || PARTNERS.includes(role);
  if (route === 'POST /temporal-codec/decode') return role === 'admin';
  // Signals (issue 17): any partner records; coordinators and partners list (partners their own); coordinators triage.
  if (route === 'POST /signals') return PARTNERS.includes(role);
  if (route === 'GET /signals' || route === 'GET /signals/{id}')
    return role === 'coordinator' || PARTNERS.includes(role);
  if (route === 'POST /signals/{id}/triage') return role === 'coordinator';
  // Reports without persons: directors (their municipalities) and coordinators; a director reaches nothing else new.
  if (route === 'GET /reports/annual') return role === 'director' || role === 'coordinator';
  throw new Error(`No access rule for ${route}: teach the matrix test`);
}

/**
 * Need-to-know, proved by enumeration: every route of the published API document, writes without path parameters
 * included, called by every role of one region with real objects of another region (in the path and in the body), of
 * another organisation (partners) and of another municipality (directors). An object that exists elsewhere answers 404
 * exactly like one that does not, and the same request by its owner succeeds, so the 404 is the scope's.
 * `npm run test:planted` proves the matrix notices each scope check removed (docs/testing.md).
 */
describe('access matrix: route × role × object outside scope', () => {
  let sut: Stack;
  let mine: TestRegion;
  let other: TestRegion;
  /** Another region's trajectory, with its court measure, tasks and handover. */
  let foreign: NearlyAdult;
  /** My region's, in the municipality the director does not watch, without the police partner. */
  let own: NearlyAdult;
  let document: OpenApi;
  let routes: { route: string; method: string; path: string }[];
  let codecPayload: JsonPayload;
  /** A signal of another region, and one of my region by youth-care (not the police's). */
  let foreignSignal: string;
  let ownSignal: string;
  /** Issue 13: a placement and an open missing episode of each trajectory, for the routes that name them. */
  const issue13 = new Map<string, { placementId: string; episodeId: string }>();
  const bodyFor = (route: string, region: TestRegion) => validBody(route, region, codecPayload);

  beforeAll(async () => {
    sut = await startStack();
    codecPayload = await encryptedPayload(sut);
    [mine, other] = [await createTestRegion(sut.dataSource), await createTestRegion(sut.dataSource)];
    foreign = await startNearlyAdult(sut, other, 'TRJ-M4TX', other.municipalities[0]);
    own = await startNearlyAdult(sut, mine, 'TRJ-M4TY', mine.municipalities[1]);
    issue13.set(foreign.id, await placeAndGoMissing(sut, other, foreign.id));
    issue13.set(own.id, await placeAndGoMissing(sut, mine, own.id));
    const signal = async (region: TestRegion, username: string): Promise<string> => {
      const created = await requestAs<{ id: string }>(
        sut,
        username,
        'POST',
        '/api/v1/signals',
        bodyFor('POST /signals', region),
      );
      expect(created.status).toBe(201);
      return created.body.id;
    };
    foreignSignal = await signal(other, other.users.police);
    ownSignal = await signal(mine, mine.users['youth-care']);
    document = (await requestAs<OpenApi>(sut, mine.users.coordinator, 'GET', '/api/v1/openapi.json')).body;
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ route: `${method.toUpperCase()} ${path}`, method, path })),
    );
  });
  afterAll(async () => {
    await sut?.stop();
  });

  /** The objects of `trajectory` a route's path names: the task is its sender's handover task (completable). */
  function pathOf(path: string, trajectory: NearlyAdult, region: TestRegion): string {
    const senderTask = trajectory.tasks.find(
      (t) => t.handoverId === trajectory.handover.id && t.organisationId === trajectory.handover.sendingOrganisationId,
    );
    if (!senderTask) throw new Error(`No sender's handover task on ${trajectory.pseudonym}`);
    const params: Record<string, string> = path.startsWith('/tasks')
      ? { id: senderTask.id }
      : path.startsWith('/handovers')
        ? { id: trajectory.handover.id }
        : path.startsWith('/signals')
          ? { id: trajectory === foreign ? foreignSignal : ownSignal }
          : {
              id: trajectory.id,
              courtMeasureId: trajectory.courtMeasureId,
              organisationId: region.organisations.police,
              ...issue13.get(trajectory.id),
            };
    const query = path.endsWith('/partners/{organisationId}') ? '?role=police' : '';
    return `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => params[name])}${query}`;
  }

  it('answers every route × role on another region’s objects with 404 where the role is allowed, else 403', async () => {
    const wrong: string[] = [];
    let probes = 0;
    for (const { route, method, path } of routes) {
      if (!path.includes('{') && method === 'get') continue; // lists: the next test
      const url = path.includes('{') ? pathOf(path, foreign, other) : `/api/v1${path}`;
      for (const role of ROLES) {
        const response = await requestAs<Problem>(
          sut,
          mine.users[role],
          method.toUpperCase(),
          url,
          bodyFor(route, other),
        );
        probes += 1;
        // Without an object in the path, another region's objects sit in the body: a field error names them.
        const expected = !allowed(route, role)
          ? 403
          : path.includes('{')
            ? 404
            : route === 'POST /trajectories'
              ? 400
              : route === 'POST /signals'
                ? 201
                : 200;
        if (response.status !== expected) wrong.push(`${role} ${route} → ${response.status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(probes).toBeGreaterThan(100);
  });

  it('answers partners 404 on tasks, handovers and signals of another organisation of their own region', async () => {
    const wrong: string[] = [];
    // Signals: a partner reads only its own organisation's (triage is the coordinator's: 403, the first test).
    const ownOrganisationScoped = routes.filter(
      (r) => /^\/(tasks|handovers)\/\{/.test(r.path) || r.route === 'GET /signals/{id}',
    );
    for (const { route, method, path } of ownOrganisationScoped) {
      const response = await requestAs(
        sut,
        mine.users.police,
        method.toUpperCase(),
        pathOf(path, own, mine),
        bodyFor(route, mine),
      );
      if (response.status !== 404) wrong.push(`police ${route} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses another region’s municipality, organisations and court measure named on an own trajectory', async () => {
    const as = (method: string, url: string, body?: unknown) =>
      requestAs<Problem>(sut, mine.users.coordinator, method, `/api/v1${url}`, body);
    const fields = (response: { status: number; body: Problem }) => [
      response.status,
      (response.body.errors ?? []).map((e) => e.field),
    ];
    const start = bodyFor('POST /trajectories', mine) as { partners: unknown[] };
    expect(fields(await as('POST', '/trajectories', { ...start, municipalityCode: other.municipalities[0] }))).toEqual([
      400,
      ['municipalityCode'],
    ]);
    expect(
      fields(
        await as('POST', '/trajectories', {
          ...start,
          partners: [{ organisationId: other.organisations.police, role: 'police' }],
        }),
      ),
    ).toEqual([400, ['partners[0].organisationId']]);
    const placement = bodyFor('POST /trajectories/{id}/placements', mine) as object;
    expect(
      fields(
        await as('POST', `/trajectories/${own.id}/placements`, {
          ...placement,
          providerOrganisationId: other.organisations['youth-care'],
        }),
      ),
    ).toEqual([400, ['providerOrganisationId']]);
    expect(
      fields(await as('POST', `/trajectories/${own.id}/partners`, bodyFor('POST /trajectories/{id}/partners', other))),
    ).toEqual([400, ['organisationId']]);
    // Within the region only: a municipality of another region, which exists and has trajectories of its own.
    expect(
      fields(
        await as('POST', `/trajectories/${own.id}/municipality-changes`, { municipalityCode: other.municipalities[0] }),
      ),
    ).toEqual([400, ['municipalityCode']]);
    const measure = bodyFor('PUT /trajectories/{id}/court-measures/{courtMeasureId}', mine);
    expect((await as('PUT', `/trajectories/${own.id}/court-measures/${foreign.courtMeasureId}`, measure)).status).toBe(
      404,
    );
    // The sender sees its handover, but only the receiver answers it.
    const acknowledgement = `/api/v1/handovers/${own.handover.id}/acknowledgement`;
    expect((await requestAs(sut, mine.users['youth-care'], 'POST', acknowledgement, { accepted: true })).status).toBe(
      403,
    );

    // Positive controls: the same requests with my region's objects succeed.
    expect((await as('POST', '/trajectories', start)).status).toBe(201);
    expect((await as('POST', `/trajectories/${own.id}/placements`, placement)).status).toBe(200);
    expect(
      (await as('POST', `/trajectories/${own.id}/partners`, bodyFor('POST /trajectories/{id}/partners', mine))).status,
    ).toBe(200);
    expect(
      (await as('POST', `/trajectories/${own.id}/municipality-changes`, { municipalityCode: mine.municipalities[0] }))
        .status,
    ).toBe(200);
    expect((await as('PUT', `/trajectories/${own.id}/court-measures/${own.courtMeasureId}`, measure)).status).toBe(200);
    expect((await requestAs(sut, mine.users['adult-care'], 'POST', acknowledgement, { accepted: true })).status).toBe(
      200,
    );
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
      if (names.has('trajectoryId')) hostile.push([`trajectoryId=${foreign.id}`]);
      if (names.has('organisationId')) hostile.push([`organisationId=${other.organisations['youth-care']}`]);
      for (const role of ROLES) {
        const secrets = [
          foreign.id,
          foreign.pseudonym,
          ...foreign.tasks.map((t) => t.id),
          foreign.handover.id,
          foreignSignal,
        ];
        if (role === 'police') secrets.push(...own.tasks.map((t) => t.id), own.handover.id, ownSignal);
        if (role === 'director') secrets.push(own.id, own.pseudonym);
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

  /**
   * Last, because it changes the foreign trajectory: every request the first test probed succeeds for the object's
   * owner, so each 404 there was the scope's. Ordered so each change is still possible (closure last).
   */
  it('is a real check: the owners succeed with the same requests on the same objects', async () => {
    const owner = (route: string): string => {
      if (route === 'POST /temporal-codec/decode') return other.users.admin;
      if (/^POST \/tasks/.test(route)) return other.users['youth-care'];
      if (route === 'POST /handovers/{id}/acknowledgement') return other.users['adult-care'];
      if (route === 'POST /signals') return other.users.police;
      return other.users.coordinator;
    };
    // Her return before a new missing episode: one episode is open at a time.
    const LAST = [
      'POST /trajectories/{id}/missing-episodes/{episodeId}/return',
      'POST /trajectories/{id}/missing-episodes',
      'DELETE /trajectories/{id}/partners/{organisationId}',
      'POST /trajectories/{id}/pauses',
      'POST /trajectories/{id}/resumptions',
      'POST /trajectories/{id}/closure',
      'POST /trajectories/{id}/reopenings',
    ];
    const order = (route: string) => LAST.indexOf(route) + (route.startsWith('POST /tasks/{id}/completion') ? 0.5 : 0);
    const failed: string[] = [];
    const probed = routes.filter(({ method, path }) => path.includes('{') || method !== 'get');
    for (const { route, method, path } of [...probed].sort((a, b) => order(a.route) - order(b.route))) {
      const url = path.includes('{') ? pathOf(path, foreign, other) : `/api/v1${path}`;
      const response = await requestAs(sut, owner(route), method.toUpperCase(), url, bodyFor(route, other));
      if (response.status >= 300) failed.push(`${route} → ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(failed).toEqual([]);
  });
});
