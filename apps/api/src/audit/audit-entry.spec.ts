import { auditEntrySchema } from '@doorloop/audit';
import type { Principal } from '../auth/principal';
import { buildAuditEntry, mustRecord, outcomeOf, routeLabel, type RequestFacts } from './audit-entry';

const TRAJECTORY = '5b0f3c1e-8a4d-4c2b-9e1f-0a1b2c3d4e5f';
const TASK = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const OTHER_TASK = '8d2f3e4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a';

const coordinator: Principal = {
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'coordinator',
  role: 'coordinator',
  regionId: '00000000-0000-4000-8000-000000000002',
  organisationId: '00000000-0000-4000-8000-000000000003',
  municipalityCodes: [],
  onBehalfOf: 'someone-else',
};

const facts = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  method: 'GET',
  routePath: '/api/v1/trajectories/:id',
  path: `/api/v1/trajectories/${TRAJECTORY}`,
  params: { id: TRAJECTORY },
  query: {},
  principal: coordinator,
  purposeHeader: undefined,
  requestId: 'f2b0c1d2-0000-4000-8000-000000000000',
  clientIp: '127.0.0.1',
  ...overrides,
});

describe('buildAuditEntry', () => {
  it('records who, what, why and how it ended for a read of a trajectory', () => {
    const entry = buildAuditEntry(facts(), 200, { action: 'read', object: 'trajectory' }, {}, { id: TRAJECTORY });
    expect(entry).toEqual({
      action: 'read',
      userId: coordinator.userId,
      username: 'coordinator',
      organisationId: coordinator.organisationId,
      role: 'coordinator',
      onBehalfOf: 'someone-else',
      trajectoryId: TRAJECTORY,
      objectType: 'trajectory',
      objectIds: [TRAJECTORY],
      purpose: 'zorgcoordinatie',
      outcome: 'success',
      httpStatus: 200,
      route: 'GET /trajectories/{id}',
      requestId: 'f2b0c1d2-0000-4000-8000-000000000000',
      clientIp: '127.0.0.1',
    });
    expect(auditEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('takes the trajectory of a task from the result, and the task from the path when there is none', () => {
    const task = facts({ routePath: '/api/v1/tasks/:id', params: { id: TASK } });
    const route = { action: 'read', object: 'task' } as const;
    expect(buildAuditEntry(task, 200, route, {}, { id: TASK, trajectoryId: TRAJECTORY })).toMatchObject({
      trajectoryId: TRAJECTORY,
      objectIds: [TASK],
    });
    expect(buildAuditEntry(task, 404, route)).toMatchObject({ trajectoryId: null, objectIds: [TASK] });
  });

  it('names every item a search found, and their trajectory when they share one', () => {
    const search = facts({ routePath: '/api/v1/tasks', params: {} });
    const route = { action: 'search', object: 'task' } as const;
    const items = [
      { id: TASK, trajectoryId: TRAJECTORY },
      { id: OTHER_TASK, trajectoryId: TRAJECTORY },
    ];
    expect(buildAuditEntry(search, 200, route, {}, { items })).toMatchObject({
      objectIds: [TASK, OTHER_TASK],
      trajectoryId: TRAJECTORY,
    });
    const mixed = [items[0], { id: OTHER_TASK, trajectoryId: TASK }];
    expect(buildAuditEntry(search, 200, route, {}, { items: mixed })).toMatchObject({ trajectoryId: null });
    const filtered = facts({ routePath: '/api/v1/tasks', params: {}, query: { trajectoryId: TRAJECTORY } });
    expect(buildAuditEntry(filtered, 200, route, {}, { items: [] })).toMatchObject({
      objectIds: [],
      trajectoryId: TRAJECTORY,
    });
  });

  it('records milestones under their trajectory, without object ids', () => {
    const milestones = facts({ routePath: '/api/v1/trajectories/:id/milestones' });
    const entry = buildAuditEntry(milestones, 200, { action: 'read', object: 'milestone' }, {}, { items: [{}] });
    expect(entry).toMatchObject({ trajectoryId: TRAJECTORY, objectIds: [], objectType: 'milestone' });
  });

  it('records every route under /trajectories/{id} under its trajectory, the identity too, refused or not', () => {
    const identity = facts({ routePath: '/api/v1/trajectories/:id/identity' });
    for (const status of [200, 403, 404]) {
      for (const action of ['read', 'change'] as const) {
        expect(buildAuditEntry(identity, status, { action, object: 'identity' })).toMatchObject({
          trajectoryId: TRAJECTORY,
          objectType: 'identity',
        });
      }
    }
  });

  it('prefers what the handler added over what it can infer', () => {
    const entry = buildAuditEntry(
      facts({ routePath: '/api/v1/audit-records', params: {} }),
      200,
      { action: 'search', object: 'audit-record' },
      { objectIds: ['1', '2'] },
      { items: [{ id: TASK }] },
    );
    expect(entry.objectIds).toEqual(['1', '2']);
  });

  it('keeps what is not a UUID in the path out of the record, and lower-cases the rest', () => {
    const route = { action: 'read', object: 'trajectory' } as const;
    expect(buildAuditEntry(facts({ params: { id: "x'; DROP" } }), 400, route)).toMatchObject({
      trajectoryId: null,
      objectIds: [],
    });
    expect(buildAuditEntry(facts({ params: { id: TRAJECTORY.toUpperCase() } }), 404, route)).toMatchObject({
      trajectoryId: TRAJECTORY,
      objectIds: [TRAJECTORY],
    });
  });

  it('records a change accepted against a legal rule as override, and only when it was accepted (issue 13)', () => {
    const change = { action: 'change', object: 'trajectory' } as const;
    const post = facts({ method: 'POST', routePath: '/api/v1/trajectories/:id/placements' });
    expect(buildAuditEntry(post, 200, change, { action: 'override' }).action).toBe('override');
    expect(auditEntrySchema.safeParse(buildAuditEntry(post, 200, change, { action: 'override' })).success).toBe(true);
    expect(buildAuditEntry(post, 400, change, { action: 'override' }).action).toBe('change');
    expect(buildAuditEntry(post, 200, change).action).toBe('change');
  });

  it('records a 401 anywhere as a failed login without a user', () => {
    const entry = buildAuditEntry(facts({ principal: undefined }), 401, { action: 'read', object: 'trajectory' });
    expect(entry).toMatchObject({
      action: 'login-failed',
      userId: null,
      username: null,
      role: null,
      purpose: null,
      outcome: 'refused',
      objectType: 'trajectory',
    });
  });

  it('records a 403 on a route without audited data as a refusal', () => {
    const entry = buildAuditEntry(
      facts({ routePath: '/api/v1/users', path: '/api/v1/users', params: {} }),
      403,
      undefined,
    );
    expect(entry).toMatchObject({ action: 'refused', objectType: null, objectIds: [], route: 'GET /users' });
  });

  it('uses the purpose from the header, and none when the header is not on the list', () => {
    const route = { action: 'read', object: 'trajectory' } as const;
    expect(buildAuditEntry(facts({ purposeHeader: 'incidentonderzoek' }), 200, route).purpose).toBe(
      'incidentonderzoek',
    );
    expect(buildAuditEntry(facts({ purposeHeader: 'nieuwsgierigheid' }), 400, route).purpose).toBeNull();
  });
});

describe('mustRecord', () => {
  it('records every call of an audited route, and refusals anywhere', () => {
    const route = { action: 'read', object: 'task' } as const;
    expect([200, 400, 404, 500].map((status) => mustRecord(route, status))).toEqual([true, true, true, true]);
    expect([200, 401, 403, 404, 429].map((status) => mustRecord(undefined, status))).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
  });
});

describe('outcomeOf', () => {
  it.each([
    [200, 'success'],
    [201, 'success'],
    [304, 'success'],
    [401, 'refused'],
    [403, 'refused'],
    [404, 'refused'],
    [429, 'refused'],
    [400, 'failed'],
    [409, 'failed'],
    [503, 'failed'],
  ] as const)('%i → %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });
});

describe('routeLabel', () => {
  it('writes the matched route as the OpenAPI document does, and the bare path when nothing matched', () => {
    expect(
      routeLabel({ method: 'PUT', routePath: '/api/v1/trajectories/:id/court-measures/:courtMeasureId', path: '' }),
    ).toBe('PUT /trajectories/{id}/court-measures/{courtMeasureId}');
    expect(routeLabel({ method: 'GET', routePath: undefined, path: '/api/v1/nothing' })).toBe('GET /api/v1/nothing');
  });
});
