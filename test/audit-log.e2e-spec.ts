import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AuditRecord } from '@doorloop/audit';
import { loadConfig } from '@doorloop/config';
import { AuditRecordRepository } from '@doorloop/persistence';
import { createApi } from '../apps/api/src/bootstrap';
import { outcomeOf } from '../apps/api/src/audit/audit-entry';
import { verifyStoredChain } from '../scripts/lib/audit-verify';
import { EXPECTED_AUDIT, operationsToAudit } from './audited-operations';
import { callerOf } from './route-callers';
import { request, requestAs, startStack, type Stack } from './stack';
import { bornAgo, plusMonths, today } from './dates';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { in: string; field: string; detail: string }[];
}
interface RecordPage {
  items: (Omit<AuditRecord, 'recordedAt'> & { recordedAt: string })[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The audit log as the api writes it, for signed-in users and for requests without a token. */
describe('audit log over HTTP', () => {
  let sut: Stack;
  let records: AuditRecordRepository;
  let trajectoryId: string;

  const lastSequence = async () => {
    const [{ sequence }] = await sut.dataSource.query<{ sequence: string }[]>(
      'SELECT coalesce(max(sequence), 0) AS sequence FROM audit_records',
    );
    return Number(sequence);
  };
  /**
   * Sends one request; returns the response and the records that name its X-Request-Id. Records of refused requests
   * are written once the response is out, so it waits for one to land (`wait` ms at most).
   */
  async function recorded<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    wait = 5_000,
    user: string | null = 'coordinator',
  ) {
    const response =
      user === null
        ? await request<T>(sut, method, path, body, headers)
        : await requestAs<T>(sut, user, method, path, body, headers);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    const mine = async () => {
      const rows = await sut.dataSource.query<{ sequence: string }[]>(
        'SELECT sequence FROM audit_records WHERE request_id = $1 ORDER BY sequence',
        [requestId],
      );
      return rows.map((row) => Number(row.sequence));
    };
    const deadline = Date.now() + wait;
    let sequences = await mine();
    while (sequences.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sequences = await mine();
    }
    const written = await Promise.all(
      sequences.map(async (sequence) => (await records.find({ after: sequence - 1, limit: 1 }))[0]),
    );
    return { response, written };
  }

  beforeAll(async () => {
    sut = await startStack();
    records = sut.api.get(AuditRecordRepository);
    const { response } = await recorded<{ id: string }>('POST', '/api/v1/trajectories', {
      pseudonym: 'TRJ-AUD1',
      birthDate: bornAgo(16, 8),
      municipalityCode: 'GM9901',
    });
    expect(response.status).toBe(201);
    trajectoryId = response.body.id;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  describe('every audited route', () => {
    let document: OpenAPIObject;
    beforeAll(async () => {
      document = (await request<OpenAPIObject>(sut, 'GET', '/api/v1/openapi.json')).body;
    });

    it('writes exactly one record per request, whatever the outcome, with the action and object of its route', async () => {
      const operations = operationsToAudit(document);
      expect(operations.map((o) => o.operation).sort()).toEqual(Object.keys(EXPECTED_AUDIT).sort());
      for (const { operation, method, path } of operations) {
        const expected = EXPECTED_AUDIT[operation];
        const url = `/api/v1${path.replace(/\{[^}]+\}/g, () => randomUUID())}`;
        const body = method === 'GET' ? undefined : {};
        const { response, written } = await recorded(method, url, body, undefined, 5_000, callerOf(path));
        const status = response.status;
        expect({ operation, records: written.length }).toEqual({ operation, records: 1 });
        expect({ operation, ...pick(written[0]) }).toEqual({
          operation,
          route: operation,
          action: status === 401 ? 'login-failed' : expected.action,
          objectType: expected.object,
          outcome: outcomeOf(status),
          httpStatus: status,
        });
      }
    });
  });

  it('writes no record for health, or for a path no route answers', async () => {
    expect((await recorded('GET', '/api/v1/health', undefined, {}, 500)).written).toEqual([]);
    const unknown = await recorded('GET', `/api/v1/nothing-here/${randomUUID()}`, undefined, {}, 500);
    expect(unknown.response.status).toBe(404);
    expect(unknown.written).toEqual([]);
  });

  it('records a create, a read and a change of a trajectory with what was touched', async () => {
    const created = await recorded<{ id: string }>('POST', '/api/v1/trajectories', {
      pseudonym: 'TRJ-AUD2',
      birthDate: bornAgo(16, 8),
      municipalityCode: 'GM9901',
    });
    const id = created.response.body.id;
    expect(created.written).toEqual([
      expect.objectContaining({
        action: 'create',
        objectType: 'trajectory',
        objectIds: [id],
        trajectoryId: id,
        outcome: 'success',
        httpStatus: 201,
        route: 'POST /trajectories',
        requestId: created.response.headers.get('x-request-id'),
      }),
    ]);

    expect(created.written[0]?.clientIp).toMatch(/127\.0\.0\.1|::1/);

    const read = await recorded('GET', `/api/v1/trajectories/${id}`);
    expect(read.written).toEqual([
      expect.objectContaining({ action: 'read', objectType: 'trajectory', trajectoryId: id, outcome: 'success' }),
    ]);
    const milestones = await recorded('GET', `/api/v1/trajectories/${id}/milestones`);
    expect(milestones.written).toEqual([
      expect.objectContaining({ action: 'read', objectType: 'milestone', trajectoryId: id, objectIds: [] }),
    ]);
    const paused = await recorded('POST', `/api/v1/trajectories/${id}/pauses`, { reason: 'hospital' });
    expect(paused.response.status).toBe(200);
    expect(paused.written).toEqual([
      expect.objectContaining({
        action: 'change',
        objectType: 'trajectory',
        trajectoryId: id,
        outcome: 'success',
        httpStatus: 200,
        route: 'POST /trajectories/{id}/pauses',
      }),
    ]);
  });

  it('records a trajectory that is absent or out of reach as refused, naming the id that was asked for', async () => {
    const id = randomUUID();
    const { response, written } = await recorded('GET', `/api/v1/trajectories/${id}`);
    expect(response.status).toBe(404);
    expect(written).toEqual([
      expect.objectContaining({
        action: 'read',
        outcome: 'refused',
        httpStatus: 404,
        trajectoryId: id,
        objectIds: [id],
      }),
    ]);
  });

  it('refuses an X-Purpose outside the list with a problem naming the header, and records the failure', async () => {
    const { response, written } = await recorded<Problem>('GET', `/api/v1/trajectories/${trajectoryId}`, undefined, {
      'X-Purpose': 'nieuwsgierigheid',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors?.map(({ in: where, field }) => ({ in: where, field }))).toEqual([
      { in: 'header', field: 'X-Purpose' },
    ]);
    expect(response.body.errors?.[0].detail).toContain('zorgcoordinatie');
    expect(written).toEqual([expect.objectContaining({ outcome: 'failed', httpStatus: 400, purpose: null })]);
    const accepted = await recorded('GET', `/api/v1/trajectories/${trajectoryId}`, undefined, {
      'X-Purpose': 'incidentonderzoek',
    });
    expect(accepted.response.status).toBe(200);
  });

  describe('the auditor api', () => {
    it("pages through its region's records in chain order with a cursor, and nothing of other regions", async () => {
      const first = await requestAs<RecordPage>(sut, 'auditor', 'GET', '/api/v1/audit-records?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toBe(String(first.body.items[1].sequence));
      // Other test files share this database: walk to the end, however long the chain is by now.
      const sequences: number[] = first.body.items.map((r) => r.sequence);
      const userIds = new Set<string | null>();
      for (let cursor: string | null = first.body.nextCursor; cursor !== null;) {
        const page: RecordPage = (
          await requestAs<RecordPage>(sut, 'auditor', 'GET', `/api/v1/audit-records?limit=500&cursor=${cursor}`)
        ).body;
        sequences.push(...page.items.map((r) => r.sequence));
        for (const r of page.items) userIds.add(r.userId);
        cursor = page.nextCursor;
      }
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size).toBe(sequences.length);
      const [{ region_id: demoRegion }] = await sut.dataSource.query<{ region_id: string }[]>(
        `SELECT region_id FROM users WHERE username = 'auditor'`,
      );
      const regions = await sut.dataSource.query<{ region_id: string }[]>(
        'SELECT DISTINCT region_id FROM users WHERE id = ANY($1)',
        [[...userIds].filter((id) => id !== null)],
      );
      expect(regions.map((r) => r.region_id)).toEqual([demoRegion]);
    });

    it('filters by trajectory, user and time', async () => {
      const about = await requestAs<RecordPage>(
        sut,
        'auditor',
        'GET',
        `/api/v1/audit-records?trajectoryId=${trajectoryId}`,
      );
      expect(about.body.items.length).toBeGreaterThanOrEqual(3);
      expect(about.body.items.every((r) => r.trajectoryId === trajectoryId)).toBe(true);

      const ofNobody = await requestAs<RecordPage>(
        sut,
        'auditor',
        'GET',
        `/api/v1/audit-records?userId=${randomUUID()}`,
      );
      expect(ofNobody.body.items).toEqual([]);

      const [one] = about.body.items;
      const at = encodeURIComponent(one.recordedAt);
      const later = new Date(Date.parse(one.recordedAt) + 1).toISOString();
      const window = await requestAs<RecordPage>(sut, 'auditor', 'GET', `/api/v1/audit-records?from=${at}&to=${later}`);
      expect(window.body.items.map((r) => r.sequence)).toContain(one.sequence);
      expect(window.body.items.every((r) => r.recordedAt === one.recordedAt)).toBe(true);
    });

    it('names every bad parameter', async () => {
      const bad = await requestAs<Problem>(
        sut,
        'auditor',
        'GET',
        `/api/v1/audit-records?cursor=abc&from=${today()}T00:00:00Z&to=${plusMonths(today(), -1)}T00:00:00Z&limit=0`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['cursor', 'limit', 'to']);
    });

    it('records its own reads: a search of audit records, naming the records it returned', async () => {
      const { response, written } = await recorded<RecordPage>(
        'GET',
        '/api/v1/audit-records?limit=3',
        undefined,
        undefined,
        5_000,
        'auditor',
      );
      expect(response.status).toBe(200);
      expect(written).toEqual([
        expect.objectContaining({
          action: 'search',
          objectType: 'audit-record',
          objectIds: response.body.items.map((r) => String(r.sequence)),
          outcome: 'success',
          route: 'GET /audit-records',
        }),
      ]);
    });
  });

  describe('failing closed', () => {
    const role = `doorloop_no_audit_${randomBytes(4).toString('hex')}`;
    let limited: INestApplication;
    let limitedStack: Stack;

    /** The api as a database role that may do everything but write the audit log. */
    beforeAll(async () => {
      const password = randomBytes(12).toString('hex');
      for (const sql of [
        `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`,
        `GRANT USAGE ON SCHEMA public TO ${role}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
        `REVOKE INSERT ON audit_records FROM ${role}`,
      ]) {
        await sut.dataSource.query(sql);
      }
      const url = new URL(sut.config.DATABASE_URL);
      [url.username, url.password] = [role, password];
      limited = await createApi(
        loadConfig({
          ...process.env,
          DATABASE_URL: url.toString(),
          TEMPORAL_TASK_QUEUE: sut.config.TEMPORAL_TASK_QUEUE,
        }),
      );
      await limited.listen(0, '127.0.0.1');
      limitedStack = { ...sut, url: (await limited.getUrl()).replace('[::1]', '127.0.0.1') };
    });
    afterAll(async () => {
      await limited?.close();
      await sut.dataSource.query(`DROP OWNED BY ${role}`);
      await sut.dataSource.query(`DROP ROLE ${role}`);
    });

    it('withholds data whose read cannot be recorded', async () => {
      const response = await requestAs<Problem & { pseudonym?: string }>(
        limitedStack,
        'coordinator',
        'GET',
        `/api/v1/trajectories/${trajectoryId}`,
      );
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('audit-unavailable');
      expect(response.body.pseudonym).toBeUndefined();
      expect(JSON.stringify(response.body)).not.toContain('TRJ-AUD1');
    });

    it('makes no change that cannot be recorded', async () => {
      const response = await requestAs<Problem>(
        limitedStack,
        'coordinator',
        'POST',
        `/api/v1/trajectories/${trajectoryId}/pauses`,
        { reason: 'hospital' },
      );
      expect(response.status).toBe(503);
      expect(response.body.detail).toContain('nothing was changed');
      const after = await requestAs<{ status: string }>(
        sut,
        'coordinator',
        'GET',
        `/api/v1/trajectories/${trajectoryId}`,
      );
      expect(after.body.status).toBe('active');
    });

    it('still answers a refusal, which discloses nothing, when its record cannot be written', async () => {
      const response = await requestAs(limitedStack, 'coordinator', 'GET', `/api/v1/trajectories/${randomUUID()}`);
      expect(response.status).toBe(404);
    });
  });

  it('names who asked — user, role, organisation, purpose — and records a request without a token as a failed login', async () => {
    const read = await recorded('GET', `/api/v1/trajectories/${trajectoryId}`);
    const [{ id: userId, organisation_id: organisationId }] = await sut.dataSource.query<
      { id: string; organisation_id: string }[]
    >(`SELECT id, organisation_id FROM users WHERE username = 'coordinator'`);
    expect(read.written).toEqual([
      expect.objectContaining({
        userId,
        username: 'coordinator',
        role: 'coordinator',
        organisationId,
        purpose: 'zorgcoordinatie',
        trajectoryId,
        outcome: 'success',
      }),
    ]);
    const anonymous = await recorded('GET', `/api/v1/trajectories/${trajectoryId}`, undefined, {}, 5_000, null);
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.written).toEqual([
      expect.objectContaining({ action: 'login-failed', outcome: 'refused', userId: null, httpStatus: 401 }),
    ]);
    const refused = await recorded('GET', '/api/v1/audit-records', undefined, {}, 5_000, 'police');
    expect(refused.response.status).toBe(403);
    expect(refused.written).toEqual([
      expect.objectContaining({ username: 'police', role: 'partner', outcome: 'refused', httpStatus: 403 }),
    ]);
  });

  it('keeps one verifiable chain when requests race', async () => {
    const before = await lastSequence();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}`)),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await records.find({ after: before, limit: 100 })).toHaveLength(20);
    expect(await verifyStoredChain(records, 50)).toMatchObject({ ok: true });
  });

  it('never writes two records for one request', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the records of the last responses land
    const twice = await sut.dataSource.query<unknown[]>(
      // A sealed tally of refusals names no request, and a bulk-read alert shares the request of the read that set it
      // off (docs/audit.md): both are records of their own kind, whichever file made them before this one ran.
      `SELECT request_id FROM audit_records WHERE request_id IS NOT NULL AND action <> 'bulk-read'
       GROUP BY request_id HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  });
});

function pick(record: AuditRecord | undefined) {
  return {
    route: record?.route,
    action: record?.action,
    objectType: record?.objectType,
    outcome: record?.outcome,
    httpStatus: record?.httpStatus,
  };
}
