import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ReferenceDataRepository } from '@doorloop/persistence';
import { userOf } from './factories/user.factory';
import { unlikelyWord } from './leak-forms';
import { bornAgo, plusMonths, today } from './dates';
import { trajectoryInput } from './factories/trajectory.factory';
import { pseudonym } from './pseudonyms';
import { createTestRegion } from './test-region';
import { demoRegionId, request, requestAs, startStack, tokenFor, type Stack } from './stack';

interface Task {
  id: string;
  kind: string;
  status: string;
  organisationId: string;
}

/** Findings of the adversarial review (issue 19), each proved against the running stack. */
describe('adversarial review findings', () => {
  const run = randomBytes(6).toString('hex');
  const canary = `Demo Reviewkanarie-${run}`;
  let dir: string;
  let logFile: string;
  let sut: Stack;
  let org: Record<string, string>;
  let trajectoryId: string;

  async function tasksOf(kind: string): Promise<Task[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const path = `/api/v1/tasks?trajectoryId=${trajectoryId}`;
      const { body } = await requestAs<{ items: Task[] }>(sut, 'coordinator', 'GET', path);
      const found = body.items.filter((t) => t.kind === kind);
      if (found.length > 0 || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const outcome = (wishes: string) => ({
    plans: [
      { lifeDomain: 'housing', plan: 'Demo: begeleid wonen', owner: 'Demo Jeugdhulp', date: plusMonths(today(), 3) },
    ],
    wishes,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doorloop-review-'));
    logFile = join(dir, 'api-and-worker.log');
    sut = await startStack({ LOG_LEVEL: 'debug' }, { logFile });
    const organisations = await sut.api.get(ReferenceDataRepository).listOrganisations(await demoRegionId(sut));
    org = Object.fromEntries(organisations.filter((o) => o.role !== 'municipality').map((o) => [o.role, o.id]));
    // Nearly 18: the future plan fires at once.
    const created = await requestAs<{ id: string }>(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym: pseudonym(),
      birthDate: bornAgo(17, 11),
      municipalityCode: 'GM9901',
      partners: [
        { organisationId: org['youth-care'], role: 'youth-care' },
        { organisationId: org['adult-care'], role: 'adult-care' },
      ],
    });
    expect(created.status).toBe(201);
    trajectoryId = created.body.id;
  });
  afterAll(async () => {
    await sut?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('1: free text never reaches the log', () => {
    let task: Task;
    let username: string;
    beforeAll(async () => {
      [task] = (await tasksOf('future-plan')).filter((t) => t.organisationId === org['youth-care']);
      username = await userOf(sut.dataSource, task.organisationId);
    });

    it('refuses a control character in a text field with 400 naming the field, and stores nothing', async () => {
      const path = `/api/v1/tasks/${task.id}/completion`;
      const refused = await requestAs(sut, username, 'POST', path, { outcome: outcome(`${canary}\u0000`) });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ in: 'body', field: 'outcome.wishes', code: 'control-character' }],
      });
      const [stored] = await sut.dataSource.query<{ status: string; outcome: unknown }[]>(
        'SELECT status, outcome FROM tasks WHERE id = $1',
        [task.id],
      );
      expect(stored).toEqual({ status: task.status, outcome: null });
    });

    it('keeps the parameters of a statement PostgreSQL refuses out of every api and worker log line', async () => {
      // A constraint that refuses this one outcome: the completion's UPDATE fails with the canary as its parameter.
      await sut.dataSource.query(
        `ALTER TABLE tasks ADD CONSTRAINT review_canary CHECK (outcome::text NOT LIKE '%Reviewkanarie%') NOT VALID`,
      );
      try {
        const failed = await requestAs(sut, username, 'POST', `/api/v1/tasks/${task.id}/completion`, {
          outcome: outcome(canary),
        });
        expect(failed.status).toBe(500);
        const correlationId = (failed.body as { correlationId: string }).correlationId;
        const log = await readFile(logFile, 'utf8');
        // The control: the error was logged, so a search that finds nothing looked where it is.
        const line = log.split('\n').find((l) => l.includes(correlationId)) ?? '';
        expect(JSON.parse(line)).toMatchObject({ err: { type: 'QueryFailedError', code: '23514' } });
        expect(log).not.toContain(`Reviewkanarie-${run}`);
      } finally {
        await sut.dataSource.query('ALTER TABLE tasks DROP CONSTRAINT review_canary');
      }
    });
  });

  describe('8 and 14: a body the api cannot read is a 4xx problem that repeats none of it', () => {
    // Where the parser chokes: its messages quote about ten characters from there.
    const word = unlikelyWord();
    const json = JSON.stringify({ pseudonym: pseudonym(), birthDate: bornAgo(15), municipalityCode: 'GM9901' });
    /** A raw write as a careless or hostile client sends it: bytes of its own choosing under headers of its own. */
    const sendRaw = async (headers: Record<string, string>, bytes: Buffer | string) => {
      const response = await fetch(`${sut.url}/api/v1/trajectories`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor('coordinator')}`, ...headers },
        body: bytes,
      });
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    };
    const invalid = 'invalid-request';
    const unsupported = 'unsupported-media-type';
    const cases: [string, Record<string, string>, Buffer | string, number, string][] = [
      ['a malformed br body', { 'content-encoding': 'br' }, `${word} ${json}`, 400, invalid],
      ['a malformed gzip body', { 'content-encoding': 'gzip' }, `${word} ${json}`, 400, invalid],
      ['a gzip body cut off', { 'content-encoding': 'gzip' }, gzipSync(json).subarray(0, 20), 400, invalid],
      ['a malformed deflate body', { 'content-encoding': 'deflate' }, word, 400, invalid],
      ['text that is not JSON', {}, `{"pseudonym": ${word}, "birthDate": null}`, 400, invalid],
      ['gzip of text that is not JSON', { 'content-encoding': 'gzip' }, gzipSync(`[${word}]`), 400, invalid],
      ['a JSON string where an object belongs', {}, JSON.stringify(word), 400, invalid],
      ['an unknown Content-Encoding', { 'content-encoding': 'compress' }, json, 415, unsupported],
      ['a charset other than UTF-8', { 'content-type': 'application/json; charset=latin1' }, json, 415, unsupported],
      [
        'a megabyte once unzipped',
        { 'content-encoding': 'gzip' },
        gzipSync(' '.repeat(2 ** 20)),
        413,
        'payload-too-large',
      ],
    ];

    it.each(cases)('refuses %s', async (_what, headers, bytes, status, code) => {
      const [before] = await sut.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM trajectories',
      );
      const response = await sendRaw({ 'content-type': 'application/json', ...headers }, bytes);
      expect(response.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({ status, code });
      expect(response.status).toBe(status);
      expect(response.text).not.toContain(word);
      const [after] = await sut.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM trajectories',
      );
      expect(after).toEqual(before);
    });

    it('reads a body compressed correctly, and logs nothing of the refused ones', async () => {
      // The control: the same route takes a gzip body it can read, so the refusals above are about the bytes.
      const accepted = await sendRaw(
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        gzipSync(json),
      );
      expect(accepted.status).toBe(201);
      expect(await readFile(logFile, 'utf8')).not.toContain(word);
    });
  });

  describe('6: only the assigned organisation acts, the coordinator reads', () => {
    it("refuses a coordinator claiming or completing a partner's task, and changes nothing", async () => {
      const [task] = (await tasksOf('future-plan')).filter((t) => t.organisationId === org['youth-care']);
      const claim = await requestAs(sut, 'coordinator', 'POST', `/api/v1/tasks/${task.id}/claim`);
      expect(claim.status).toBe(403);
      expect(claim.body).toMatchObject({ code: 'assignee-only' });
      const complete = await requestAs(sut, 'coordinator', 'POST', `/api/v1/tasks/${task.id}/completion`, {
        outcome: outcome('Demo: wil op zichzelf wonen'),
      });
      expect(complete.status).toBe(403);
      expect(complete.body).toMatchObject({ code: 'assignee-only' });
      const read = await requestAs<Task>(sut, 'coordinator', 'GET', `/api/v1/tasks/${task.id}`);
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('open');
    });

    it('refuses a coordinator answering a handover for the receiver, and the receiver still answers', async () => {
      const deadline = Date.now() + 30_000;
      let handover: { id: string; receiving_organisation_id: string } | undefined;
      while (!handover && Date.now() < deadline) {
        [handover] = await sut.dataSource.query<{ id: string; receiving_organisation_id: string }[]>(
          'SELECT id, receiving_organisation_id FROM handovers WHERE trajectory_id = $1',
          [trajectoryId],
        );
        if (!handover) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const path = `/api/v1/handovers/${handover!.id}/acknowledgement`;
      const byCoordinator = await requestAs(sut, 'coordinator', 'POST', path, { accepted: true });
      expect(byCoordinator.status).toBe(403);
      expect(byCoordinator.body).toMatchObject({ code: 'receiver-only' });
      const receiver = await userOf(sut.dataSource, handover!.receiving_organisation_id);
      const answered = await requestAs(sut, receiver, 'POST', path, { accepted: true });
      expect(answered.status).toBe(200);
    });
  });

  describe('12: no api answer is cached', () => {
    it('sends Cache-Control: no-store with case data, identity, refusals and unknown routes', async () => {
      const responses = [
        await requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}`),
        await requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/identity`),
        await requestAs(sut, 'coordinator', 'GET', `/api/v1/tasks?trajectoryId=${trajectoryId}`),
        await requestAs(sut, 'police', 'GET', `/api/v1/trajectories/${trajectoryId}`),
        await requestAs(sut, 'coordinator', 'GET', '/api/v1/no-such-route'),
        await request(sut, 'GET', `/api/v1/trajectories/${trajectoryId}`),
      ];
      expect(responses.map((r) => r.status)).toEqual([200, expect.any(Number), 200, 403, 404, 401]);
      for (const response of responses) expect(response.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('9: HEAD is refused, never a read that escapes the audit log', () => {
    it('answers HEAD with 405 on existing, absent and unknown objects and routes', async () => {
      const paths = [
        `/api/v1/trajectories/${trajectoryId}`,
        `/api/v1/trajectories/${trajectoryId}/identity`,
        `/api/v1/trajectories/not-a-uuid`,
        `/api/v1/tasks/${randomUUID()}`,
        '/api/v1/no-such-route',
      ];
      for (const path of paths) {
        const response = await requestAs(sut, 'coordinator', 'HEAD', path);
        expect({ path, status: response.status }).toEqual({ path, status: 405 });
        expect(response.headers.get('allow')).toBe('GET');
      }
    });
  });

  describe('10: a partner joins in the role its organisation plays', () => {
    it('refuses police as the adult-care partner, at creation and when joining, naming the role', async () => {
      const created = await requestAs(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
        pseudonym: pseudonym(),
        birthDate: bornAgo(15),
        municipalityCode: 'GM9901',
        partners: [
          { organisationId: org['youth-care'], role: 'youth-care' },
          { organisationId: org.police, role: 'adult-care' },
        ],
      });
      expect(created.status).toBe(400);
      expect(created.body).toMatchObject({ errors: [{ field: 'partners[1].role', code: 'role-mismatch' }] });

      const path = `/api/v1/trajectories/${trajectoryId}/partners`;
      const joined = await requestAs(sut, 'coordinator', 'POST', path, {
        organisationId: org.police,
        role: 'adult-care',
      });
      expect(joined.status).toBe(400);
      expect(joined.body).toMatchObject({ errors: [{ field: 'role', code: 'role-mismatch' }] });
      const { body } = await requestAs<{ partners: { organisationId: string }[] }>(
        sut,
        'coordinator',
        'GET',
        `/api/v1/trajectories/${trajectoryId}`,
      );
      expect(body.partners.map((p) => p.organisationId)).not.toContain(org.police);
    });
  });

  describe('7: a pseudonym is a code of the region, one trajectory each', () => {
    const countWith = async (code: string) =>
      Number(
        (
          await sut.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM trajectories WHERE pseudonym = $1`, [
            code,
          ])
        )[0].n,
      );

    it('refuses a name-like code and a BSN, naming the field, and stores nothing', async () => {
      const region = await createTestRegion(sut.dataSource);
      for (const [code, finding] of [
        ['TRJ-PIET2009', 'name-like'],
        ['TRJ-JANSEN', 'name-like'],
        ['TRJ-864209137', 'bsn-like'],
      ] as const) {
        const created = await requestAs(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
          ...trajectoryInput(region),
          pseudonym: code,
        });
        expect(created.status).toBe(400);
        expect(created.body).toMatchObject({ errors: [{ field: 'pseudonym', code: finding }] });
        expect(await countWith(code)).toBe(0);
      }
    });

    it("refuses another region's prefix and accepts its own", async () => {
      const region = await createTestRegion(sut.dataSource);
      await sut.dataSource.query(`UPDATE regions SET pseudonym_prefix = 'ZWL' WHERE id = $1`, [region.id]);
      const foreign = pseudonym('TRJ');
      const refused = await requestAs(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
        ...trajectoryInput(region),
        pseudonym: foreign,
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errors: [{ field: 'pseudonym', code: 'wrong-prefix' }] });
      expect(await countWith(foreign)).toBe(0);

      const own = pseudonym('ZWL');
      const accepted = await requestAs(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
        ...trajectoryInput(region),
        pseudonym: own,
      });
      expect(accepted.status).toBe(201);
    });

    it('refuses a pseudonym its region already uses with 409, while another region may use it', async () => {
      const [region, other] = [await createTestRegion(sut.dataSource), await createTestRegion(sut.dataSource)];
      const code = pseudonym();
      const first = await requestAs(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
        ...trajectoryInput(region),
        pseudonym: code,
      });
      expect(first.status).toBe(201);
      const second = await requestAs(sut, region.users.coordinator, 'POST', '/api/v1/trajectories', {
        ...trajectoryInput(region),
        pseudonym: code,
      });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'pseudonym-taken' });
      expect(await countWith(code)).toBe(1);

      const elsewhere = await requestAs(sut, other.users.coordinator, 'POST', '/api/v1/trajectories', {
        ...trajectoryInput(other),
        pseudonym: code,
      });
      expect(elsewhere.status).toBe(201);
      expect(await countWith(code)).toBe(2);
    });
  });
});
