import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditRecordRepository, dataSourceOptions } from '@doorloop/persistence';
import { verifyStoredChain } from '../scripts/lib/audit-verify';
import { bornAgo } from './dates';
import { pseudonym } from './pseudonyms';
import { requestAs, startStack, type Stack } from './stack';
import { createTestRegion, type TestRegion } from './test-region';

/** Budgets of this stack, set low so the test meets them; the rest of the suite runs with them lifted (global-setup). */
const SOURCE_LIMIT = 100;
const WINDOW_SECONDS = 20;
const IDENTITY_READS_PER_MINUTE = 5;
const BULK_READ_THRESHOLD = 3;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request from a loopback address of our choice (127.0.0.0/8 is all loopback on Linux): the api sees it as that
 * source, so each test floods from an address of its own and the suite's 127.0.0.1 is never held back.
 */
function from(source: string, stack: Stack, method: string, path: string, headers: Record<string, string> = {}) {
  const url = new URL(path, stack.url);
  return new Promise<Answer>((resolve, reject) => {
    const sent = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method, headers, localAddress: source },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    sent.on('error', reject);
    sent.end(method === 'POST' ? '{}' : undefined);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const windowMs = WINDOW_SECONDS * 1000;

interface StoredRecord {
  action: string;
  outcome: string;
  http_status: number;
  client_ip: string;
  attempts: number | null;
  window_start: Date | null;
  route: string | null;
  user_id: string | null;
}

/**
 * Issue 19, finding 5: anyone who reached the api could flood the permanent audit log — each 401 wrote an undeletable
 * record under the global chain lock; 300 bad-token POSTs took 0.9 s with no 429. And finding 13: identity reads had
 * no limit and bulk reads no alert.
 */
describe('floods and bulk reads: budgets per source and per user, refusals counted, bulk reads alerted', () => {
  let sut: Stack;
  let stopped = false;
  let logDir: string;
  let logFile: string;

  const recordsFrom = (source: string, after: number) =>
    sut.dataSource.query<StoredRecord[]>(
      `SELECT action, outcome, http_status, client_ip, attempts, window_start, route, user_id
       FROM audit_records WHERE client_ip = $1 AND sequence > $2 ORDER BY sequence`,
      [source, after],
    );
  const head = async () => {
    const [{ sequence }] = await sut.dataSource.query<{ sequence: string }[]>(
      'SELECT coalesce(max(sequence), 0) AS sequence FROM audit_records',
    );
    return Number(sequence);
  };

  beforeAll(async () => {
    logDir = await mkdtemp(join(tmpdir(), 'doorloop-flood-'));
    logFile = join(logDir, 'api-and-worker.log');
    sut = await startStack(
      {
        RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE: String(SOURCE_LIMIT),
        AUDIT_FAILED_LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
        AUDIT_SINGLE_FAILED_LOGINS_PER_WINDOW: '0',
        RATE_LIMIT_IDENTITY_READS_PER_MINUTE: String(IDENTITY_READS_PER_MINUTE),
        IDENTITY_BULK_READ_THRESHOLD: String(BULK_READ_THRESHOLD),
        IDENTITY_BULK_READ_WINDOW_MINUTES: '60',
        LOG_LEVEL: 'warn',
      },
      { logFile },
    );
  });
  afterAll(async () => {
    if (!stopped) await sut?.stop();
    await rm(logDir, { recursive: true, force: true });
  });

  describe('identity reads (finding 13)', () => {
    let region: TestRegion;
    let trajectories: string[];
    let pseudonyms: string[];
    const identityOf = (username: string, id: string) =>
      requestAs<{ code?: string }>(sut, username, 'GET', `/api/v1/trajectories/${id}/identity`);
    const alertsOf = async (username: string) =>
      sut.dataSource.query<{ object_type: string; object_ids: string[]; trajectory_id: string | null }[]>(
        `SELECT object_type, object_ids, trajectory_id FROM audit_records
         WHERE action = 'bulk-read' AND username = $1 ORDER BY sequence`,
        [username],
      );

    beforeAll(async () => {
      region = await createTestRegion(sut.dataSource);
      trajectories = [];
      pseudonyms = Array.from({ length: 4 }, () => pseudonym());
      for (const code of pseudonyms) {
        const created = await requestAs<{ id: string }>(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
          pseudonym: code,
          birthDate: bornAgo(15),
          municipalityCode: region.municipalities[0],
        });
        expect(created.status).toBe(201);
        trajectories.push(created.body.id);
      }
    });

    it('alerts once, with an audit record bulk-read and a warning without personal data, past the threshold', async () => {
      const coordinator = region.users.coordinator;
      for (const id of trajectories.slice(0, BULK_READ_THRESHOLD)) {
        expect((await identityOf(coordinator, id)).status).toBe(200);
      }
      expect(await alertsOf(coordinator)).toEqual([]);

      // One distinct identity more than the threshold, then the first again: one alert, not two.
      expect((await identityOf(coordinator, trajectories[BULK_READ_THRESHOLD])).status).toBe(200);
      expect((await identityOf(coordinator, trajectories[0])).status).toBe(200);

      expect(await alertsOf(coordinator)).toEqual([
        { object_type: 'identity', object_ids: [...trajectories].sort(), trajectory_id: null },
      ]);
      const warnings = (await readFile(logFile, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('Bulk read of identifying fields'));
      expect(warnings).toHaveLength(1);
      for (const secret of [...trajectories, ...pseudonyms, coordinator]) expect(warnings[0]).not.toContain(secret);
    });

    it('answers 429 too-many-identity-reads beyond the budget per user, recorded, and leaves other users alone', async () => {
      const coordinator = region.users.coordinator;
      // The previous test read IDENTITY_READS_PER_MINUTE identities within this minute.
      const refused = await identityOf(coordinator, trajectories[1]);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, code: 'too-many-identity-reads' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // A refusal is recorded after its response has left.
      const recordOf = () =>
        sut.dataSource.query<StoredRecord[]>(
          `SELECT action, outcome, http_status, route FROM audit_records WHERE request_id = $1`,
          [refused.headers.get('x-request-id')],
        );
      let [record] = await recordOf();
      for (let tries = 0; !record && tries < 50; tries += 1) {
        await sleep(100);
        [record] = await recordOf();
      }
      expect(record).toEqual({
        action: 'read',
        outcome: 'refused',
        http_status: 429,
        route: 'GET /trajectories/{id}/identity',
      });

      const demo = await requestAs<{ id: string }>(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
        pseudonym: pseudonym(),
        birthDate: bornAgo(15),
        municipalityCode: 'GM9901',
      });
      expect((await identityOf('coordinator', demo.body.id)).status).toBe(200);
    });
  });

  describe('floods before sign-in (finding 5)', () => {
    const FLOODER = '127.0.0.3';
    const seen: Answer[] = [];
    let before: number;
    let windowStart: number;

    it('answers 300 bad-token POSTs from one address with 401s up to its budget, then 429s; others are not held back', async () => {
      // All in one window of the failed-login count (windows are aligned to the epoch): start early in one.
      if (windowMs - (Date.now() % windowMs) < windowMs / 2) await sleep(windowMs - (Date.now() % windowMs) + 200);
      windowStart = Date.now() - (Date.now() % windowMs);
      before = await head();
      const bad = { authorization: 'Bearer not-a-token', 'content-type': 'application/json' };
      for (let batch = 0; batch < 30; batch += 1) {
        seen.push(
          ...(await Promise.all(
            Array.from({ length: 10 }, () => from(FLOODER, sut, 'POST', '/api/v1/trajectories', bad)),
          )),
        );
      }
      // Every method counts, before any token is looked at: a public GET is held back too.
      seen.push(await from(FLOODER, sut, 'GET', '/api/v1/health'));
      expect(Date.now() - windowStart).toBeLessThan(windowMs);

      const statuses = seen.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(SOURCE_LIMIT);
      expect(statuses.filter((status) => status === 429)).toHaveLength(301 - SOURCE_LIMIT);
      const limited = seen[seen.length - 1];
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(limited.body)).toMatchObject({ status: 429, code: 'too-many-requests-from-source' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

      expect((await from('127.0.0.4', sut, 'POST', '/api/v1/trajectories', bad)).status).toBe(401);
      expect((await requestAs(sut, 'coordinator', 'GET', '/api/v1/organisations')).status).toBe(200);
    });

    it('writes one record per status for that address when the window closes, with the count, instead of 301', async () => {
      const deadline = Date.now() + windowMs * 2 + 15_000;
      let records = await recordsFrom(FLOODER, before);
      while (records.length < 2 && Date.now() < deadline) {
        await sleep(500);
        records = await recordsFrom(FLOODER, before);
      }
      const count = (status: number) => seen.filter((answer) => answer.status === status).length;
      const aggregate = { outcome: 'refused', client_ip: FLOODER, window_start: new Date(windowStart), route: null };
      expect(records).toEqual([
        { ...aggregate, action: 'login-failed', http_status: 401, attempts: count(401), user_id: null },
        { ...aggregate, action: 'refused', http_status: 429, attempts: count(429), user_id: null },
      ]);
      // The aggregates are links of the one chain like any record: it still verifies, their fields included.
      expect(await verifyStoredChain(sut.api.get(AuditRecordRepository))).toMatchObject({ ok: true });
    });

    it('seals a window still open at shutdown, so nothing counted is lost', async () => {
      const source = '127.0.0.5';
      const start = await head();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          from(source, sut, 'GET', '/api/v1/audit-records', { authorization: 'Bearer not-a-token' }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);

      await sut.stop();
      stopped = true;

      const db = await new DataSource(dataSourceOptions(sut.config.DATABASE_URL)).initialize();
      try {
        const records = await db.query<StoredRecord[]>(
          `SELECT action, http_status, attempts FROM audit_records WHERE client_ip = $1 AND sequence > $2`,
          [source, start],
        );
        expect(records).toEqual([{ action: 'login-failed', http_status: 401, attempts: 5 }]);
        expect(await db.query(`SELECT * FROM failed_login_tallies WHERE source = $1`, [source])).toEqual([]);
      } finally {
        await db.destroy();
      }
    });
  });
});
