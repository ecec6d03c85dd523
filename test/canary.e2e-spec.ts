import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isValidBsn } from '@doorloop/domain';
import { TrajectoryIdentityEntity } from '@doorloop/persistence';
import { trajectoryWorkflowId } from '@doorloop/temporal';
import type { PolicyOverride } from '@doorloop/domain';
import { rawText } from '../libs/temporal/test/raw-text';
import { decodedMail, secretsIn, secretsInBytes } from './leak-forms';
import { readMailbox, waitForMail } from './mailbox';
import { startStack, type JsonResponse, type Stack, requestAs } from './stack';
import { createTestRegion, type TestRegion } from './test-region';
import { pseudonym as newPseudonym } from './pseudonyms';

const CONTROL_ATTRIBUTE = 'DoorloopCanaryControl';
/** Seconds instead of days: the evaluation fires at once, its reminder mail goes out after 4 s, the overdue one at 8 s. */
const POLICY: PolicyOverride = {
  version: 'test-canary-1',
  fireTimeOfDay: null,
  milestones: { 'placement-evaluation': { interval: 'PT1H', due: { relativeTo: 'fire', offset: 'PT8S' } } },
  escalation: { reminder: '-PT4S', directorList: 'PT3S' },
};

/**
 * The canary: a trajectory with a fake name and BSN unique to this run, which must turn up nowhere but where they are
 * kept (encrypted in PostgreSQL) and where they are asked for (the identity endpoint). Every search below first finds
 * a control string put where that search looks, so a search that sees nothing cannot pass by looking nowhere.
 */
describe('canary: the identifying fields appear nowhere they should not', () => {
  const run = randomBytes(6).toString('hex');
  const name = `Demo Kanarie-${run}`;
  const bsn = uniqueBsn();
  // In text stores the name may be changed in case; the run's token is what cannot occur by chance.
  const needles = [name, bsn, `kanarie-${run}`];
  const control = `canary-control-${run}`;

  let dir: string;
  let logFile: string;
  let sut: Stack;
  let connection: Connection;
  let plain: Client;
  let trajectoryId: string;
  let identityRequestId: string;
  let withNul: JsonResponse;
  let region: TestRegion;
  const pseudonym = newPseudonym();
  /** Signals about the canary (issue 17): by BSN, again by BSN typed otherwise, by name and birth date, again by name. */
  const signals: JsonResponse<{ id: string; repeatOf: string | null; alert: boolean }>[] = [];
  const signalBirthDate = DateTime.now().minus({ years: 15 }).toISODate() ?? '';

  /** Which needles occur in `text`, case-insensitively: plain, hex, base64 at each alignment, quoted-printable. */
  const found = (text: string) => secretsIn(text, needles);
  /** Which of `candidates` occur in raw bytes as they are (for the controls, put there in clear). */
  const foundInBytes = (bytes: Buffer, candidates: string[]) =>
    candidates.filter((needle) => bytes.includes(Buffer.from(needle, 'utf8')));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doorloop-canary-'));
    logFile = join(dir, 'api-and-worker.log');
    sut = await startStack({ LOG_LEVEL: 'debug' }, { logFile });
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    plain = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });

    // A region of its own that keeps name and BSN, on a policy of seconds, so that mail goes out during the test.
    region = await createTestRegion(sut.dataSource, POLICY);
    await sut.dataSource.query(`UPDATE regions SET identifying_fields = '{name,bsn}' WHERE id = $1`, [region.id]);
    const coordinator = region.users.coordinator;
    const org = (role: 'police' | 'school' | 'youth-care') => region.organisations[role];
    const created = await requestAs<{ id: string }>(sut, coordinator, 'POST', '/api/v1/trajectories', {
      pseudonym,
      // 17½: the late milestones fire at once; with a placement, so does an evaluation, whose reminder is mailed.
      birthDate: DateTime.now().minus({ years: 17, months: 6 }).toISODate(),
      municipalityCode: region.municipalities[0],
      partners: [{ organisationId: org('police'), role: 'police' }],
      placements: [
        {
          type: 'open-residential',
          startDate: DateTime.now().minus({ days: 2 }).toISODate(),
          providerOrganisationId: org('youth-care'),
        },
      ],
    });
    expect(created.status).toBe(201);
    trajectoryId = created.body.id;
    const identity = `/api/v1/trajectories/${trajectoryId}/identity`;
    expect((await requestAs(sut, coordinator, 'PUT', identity, { name, bsn })).status).toBe(200);

    // Let it live: fire, change, and meet refusals that carry the canary in the request.
    await waitFor(async () => (await tasksOf(trajectoryId)) > 0, 'tasks to fire');
    const change = (path: string, body: unknown) =>
      requestAs(sut, coordinator, 'POST', `/api/v1/trajectories/${trajectoryId}${path}`, body);
    expect((await change('/partners', { organisationId: org('school'), role: 'school' })).status).toBe(200);
    expect(
      (
        await change('/birth-date-corrections', {
          birthDate: DateTime.now().minus({ years: 17, months: 7 }).toISODate(),
        })
      ).status,
    ).toBe(200);
    expect(
      (await requestAs(sut, coordinator, 'PUT', identity, { name: `${name} ${'x'.repeat(200)}`, bsn })).status,
    ).toBe(400);
    expect((await requestAs(sut, coordinator, 'PUT', identity, { name, bsn: `${bsn}0` })).status).toBe(400);
    expect((await requestAs(sut, coordinator, 'PUT', identity, { name, bsn, note: name })).status).toBe(400);
    expect(
      (await requestAs(sut, coordinator, 'GET', `/api/v1/tasks?trajectoryId=${encodeURIComponent(name)}`)).status,
    ).toBe(400);
    // A careless client puts them in a path: refused, and the path is not what the log keeps.
    expect((await requestAs(sut, coordinator, 'GET', `/api/v1/trajectories/${bsn}`)).status).toBe(400);
    expect((await requestAs(sut, coordinator, 'GET', `/api/v1/${encodeURIComponent(name)}/${bsn}`)).status).toBe(404);
    // A partner puts them in her wishes, with a NUL byte: PostgreSQL would refuse that text with an error quoting it.
    const police = region.users.police;
    let evaluation: { id: string } | undefined;
    await waitFor(async () => {
      [evaluation] = await sut.dataSource.query<{ id: string }[]>(
        `SELECT id FROM tasks WHERE trajectory_id = $1 AND organisation_id = $2 AND kind = 'placement-evaluation'`,
        [trajectoryId, org('police')],
      );
      return evaluation !== undefined;
    }, 'the police’s evaluation to fire');
    withNul = await requestAs(sut, police, 'POST', `/api/v1/tasks/${evaluation?.id}/completion`, {
      outcome: {
        observations: [{ lifeDomain: 'housing', observation: 'Demo: woont in een open groep' }],
        riskSignals: [],
        wishes: `${name} ${bsn}\u0000`,
      },
    });
    // A partner signals her, twice by BSN and twice by name: the subject goes in, only a keyed hash is kept. Refused
    // signals carry her too (both ways of naming her at once; a BSN with a digit too many).
    const signal = (subject: Record<string, string>) =>
      requestAs<{ id: string; repeatOf: string | null; alert: boolean }>(sut, police, 'POST', '/api/v1/signals', {
        category: 'sexual-exploitation',
        description: 'Demo: signaal over de kanarie.',
        meldcodeStep: 'step-1-map-signals',
        subject,
      });
    signals.push(await signal({ bsn }));
    signals.push(await signal({ bsn: `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}` }));
    signals.push(await signal({ name, birthDate: signalBirthDate }));
    signals.push(await signal({ name: name.toUpperCase(), birthDate: signalBirthDate }));
    expect((await signal({ bsn, name, birthDate: signalBirthDate })).status).toBe(400);
    expect((await signal({ bsn: `${bsn}0` })).status).toBe(400);
    expect((await signal({ name: `${name}\u0000`, birthDate: signalBirthDate })).status).toBe(400);
    const stored = await requestAs(sut, coordinator, 'PUT', identity, { name, bsn });
    expect(stored.status).toBe(200);
    identityRequestId = stored.headers.get('x-request-id') ?? '';
    await waitFor(async () => (await tasksOf(trajectoryId)) > 1, 'the school’s tasks to fire');

    // The controls: a workflow started without our codec, carrying the control string in its id, its input and a
    // search attribute, as a careless client would.
    await connection.operatorService
      .addSearchAttributes({
        namespace: plain.options.namespace,
        searchAttributes: { [CONTROL_ATTRIBUTE]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
      })
      .catch((error: unknown) => {
        if (!String(error).includes('already exists')) throw error;
      });
    await waitFor(
      () =>
        plain.workflow
          .start('canaryControl', {
            taskQueue: control,
            workflowId: control,
            args: [{ control }],
            typedSearchAttributes: [
              { key: defineSearchAttributeKey(CONTROL_ATTRIBUTE, SearchAttributeType.KEYWORD), value: control },
            ],
          })
          .then(
            () => true,
            (error: unknown) => {
              if (String(error).includes('no mapping defined for search attribute')) return false;
              throw error;
            },
          ),
      'the control search attribute to be registered',
    );
    await sut.dataSource.query(`CHECKPOINT`);
  });

  afterAll(async () => {
    await plain?.workflow
      .getHandle(control)
      .terminate('canary control')
      .catch(() => undefined);
    await sut?.stop();
    await connection?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives them back where they are asked for (the positive control of the whole test)', async () => {
    const response = await requestAs<{ name: string; bsn: string }>(
      sut,
      region.users.coordinator,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/identity`,
    );
    expect(response.body).toMatchObject({ name, bsn });
    expect(found(JSON.stringify(response.body))).toEqual(needles);
  });

  it('are recognised when signalled again, from the keyed hash alone (issue 17)', async () => {
    expect(signals.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    // The coordinator is told of repeats (the partner is not).
    const listed = await requestAs<{ items: { id: string; repeatOf: string | null; alert: boolean }[] }>(
      sut,
      region.users.coordinator,
      'GET',
      '/api/v1/signals?limit=200',
    );
    const [byBsn, byBsnAgain, byName, byNameAgain] = signals.map((response) =>
      listed.body.items.find((item) => item.id === response.body.id),
    ) as { id: string }[];
    expect(byBsn).toMatchObject({ repeatOf: null, alert: false });
    expect(byBsnAgain).toMatchObject({ repeatOf: byBsn.id, alert: true });
    expect(byName).toMatchObject({ repeatOf: null, alert: false });
    expect(byNameAgain).toMatchObject({ repeatOf: byName.id, alert: true });
    expect(found(JSON.stringify(signals.map((response) => response.body)))).toEqual([]);
    expect(found(JSON.stringify(listed.body))).toEqual([]);
  });

  it('are refused with a NUL byte in free text, naming the field, before anything stores or logs them', () => {
    expect(withNul.status).toBe(400);
    expect(withNul.body).toMatchObject({
      code: 'validation-failed',
      errors: [{ in: 'body', field: 'outcome.wishes', code: 'control-character' }],
    });
    expect(found(JSON.stringify(withNul.body))).toEqual([]);
  });

  it('are not in workflow ids, types, search attributes or memos of any workflow, nor in any schedule', async () => {
    const seen: string[] = [];
    await waitFor(async () => {
      seen.length = 0;
      for await (const info of plain.workflow.list()) seen.push(rawText(info.raw));
      // Its search attribute included: the listing shows what the search looks at.
      return seen.some((text) => text.includes(CONTROL_ATTRIBUTE) && text.includes(`"${control}"`));
    }, 'the control workflow to be listed with its search attribute');
    expect(seen.some((text) => text.includes(trajectoryWorkflowId(trajectoryId)))).toBe(true);
    const schedules: string[] = [];
    for await (const schedule of plain.schedule.list()) schedules.push(rawText(schedule));
    expect(schedules.length).toBeGreaterThan(0);

    expect(found([...seen, ...schedules].join('\n'))).toEqual([]);
  });

  (process.env.TEST_TEMPORAL_DB_FILE ? it : it.skip)(
    'are not in any file of the Temporal store (histories, visibility, everything)',
    async () => {
      const store = dirname(process.env.TEST_TEMPORAL_DB_FILE ?? '');
      const files = await filesUnder(store);
      expect(files.length).toBeGreaterThan(0);
      const hits: string[] = [];
      const controls = new Set<string>();
      for (const file of files) {
        const bytes = await readFile(file);
        for (const needle of secretsInBytes(bytes, needles)) hits.push(`${needle} in ${file}`);
        for (const needle of foundInBytes(bytes, [control, `{"control":"${control}"}`, trajectoryId])) {
          controls.add(needle);
        }
      }
      // The control's id and clear input, and our trajectory, are found: the search reaches what Temporal stores.
      expect([...controls].sort()).toEqual([control, `{"control":"${control}"}`, trajectoryId].sort());
      expect(hits).toEqual([]);
    },
  );

  it('are not in the logs of the api and the worker', async () => {
    const logs = await readFile(logFile, 'utf8');
    const lines = logs.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    // The capture works: the request that stored the identity is there with its route, and the worker's lines too.
    const stored = lines.filter((line) => line.includes(identityRequestId) && line.includes('request completed'));
    expect(stored).toHaveLength(1);
    expect(stored[0].match(/"route":/g)).toHaveLength(1);
    expect(stored[0]).toContain('"route":"/api/v1/trajectories/:id/identity"');
    expect(lines.some((line) => line.includes('"service":"worker"'))).toBe(true);
    expect(found(logs)).toEqual([]);
  });

  it('are in PostgreSQL only as ciphertext: in no text, JSON or byte column of any table', async () => {
    const tables = await sut.dataSource.query<{ schema: string; table: string }[]>(
      `SELECT table_schema AS schema, table_name AS "table" FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['trajectories', 'trajectory_identities', 'signals']),
    );
    const hits: string[] = [];
    let everything = '';
    for (const { schema, table } of tables) {
      // row_to_json shows every column: text as text, jsonb as JSON, bytea as hex (which `found` also looks for).
      const rows = await sut.dataSource.query<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t`,
      );
      for (const { row } of rows) {
        for (const needle of found(row)) hits.push(`${needle} in ${schema}.${table}`);
        if (row.includes(trajectoryId) || signals.some((signal) => row.includes(signal.body.id)))
          everything += `${row}\n`;
      }
    }
    // Controls: the pseudonym (kept in clear) is found, and so are the identity's bytea columns, as hex.
    const stored = await sut.dataSource.getRepository(TrajectoryIdentityEntity).findOneByOrFail({ trajectoryId });
    expect(everything).toContain(pseudonym);
    expect(everything).toContain(Buffer.from(stored.bsn ?? []).toString('hex'));
    // And the signals about her are there, with their hashes (as hex) and their description.
    expect(everything).toContain('Demo: signaal over de kanarie.');
    expect(everything.match(/"subject_hash":"\\\\x[0-9a-f]{64}"/g)).toHaveLength(signals.length);
    expect(hits).toEqual([]);
  });

  (process.env.TEST_POSTGRES_DATA_DIR ? it : it.skip)(
    'are not in any file of the PostgreSQL data directory (tables, indexes, WAL), after a checkpoint',
    async () => {
      await sut.dataSource.query(`CHECKPOINT`);
      const files = await filesUnder(process.env.TEST_POSTGRES_DATA_DIR ?? '');
      const hits: string[] = [];
      let pseudonymFound = false;
      for (const file of files) {
        const bytes = await readFile(file).catch(() => Buffer.alloc(0)); // a file may vanish (a recycled WAL segment)
        for (const needle of secretsInBytes(bytes, needles)) hits.push(`${needle} in ${file}`);
        pseudonymFound ||= bytes.includes(Buffer.from(pseudonym));
      }
      expect(pseudonymFound).toBe(true);
      expect(hits).toEqual([]);
    },
  );

  it('are not in the mail it sends (every header and MIME part decoded, and the raw message)', async () => {
    // The reminder to the organisation still owing its evaluation, and the overdue notice to the coordinator.
    for (const kind of [/^Herinnering/, /^Verlopen/])
      await waitForMail((mail) => mail.subject.includes(pseudonym) && kind.test(mail.subject), { timeoutMs: 30_000 });
    const mails = (await readMailbox()).filter((mail) => mail.subject.includes(pseudonym));
    const hits: string[] = [];
    for (const mail of mails) {
      const decoded = await decodedMail(mail.raw);
      // Control: decoding reaches the message's content, which names the pseudonym.
      expect(decoded).toContain(pseudonym);
      for (const needle of [...found(mail.raw), ...found(decoded)]) hits.push(`${needle} in ${mail.file}`);
    }
    // And in no other message of the run either.
    for (const mail of await readMailbox())
      for (const needle of found(mail.raw)) hits.push(`${needle} in ${mail.file}`);
    expect(hits).toEqual([]);
  });

  it('are not in what the api exports: the decrypted workflow history (codec) and the audit log', async () => {
    const history = await plain.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).fetchHistory();
    const payloads: { metadata: Record<string, string>; data: string }[] = [];
    const collect = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return;
      const candidate = value as { metadata?: Record<string, Uint8Array>; data?: Uint8Array };
      if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') {
        payloads.push({
          metadata: Object.fromEntries(
            Object.entries(candidate.metadata).map(([key, bytes]) => [key, Buffer.from(bytes).toString('base64')]),
          ),
          data: Buffer.from(candidate.data).toString('base64'),
        });
        return;
      }
      for (const item of Object.values(value)) collect(item);
    };
    collect(history.events);
    expect(payloads.length).toBeGreaterThan(0);
    const decoded = await requestAs<{ payloads: { data: string }[] }>(
      sut,
      region.users.admin,
      'POST',
      '/api/v1/temporal-codec/decode',
      { payloads },
    );
    expect(decoded.status).toBe(200);
    const clear = decoded.body.payloads
      .map((payload) => Buffer.from(payload.data, 'base64').toString('utf8'))
      .join('\n');
    // Control: decrypted, the history names the trajectory.
    expect(clear).toContain(trajectoryId);
    const records = await requestAs(
      sut,
      region.users.auditor,
      'GET',
      `/api/v1/audit-records?trajectoryId=${trajectoryId}&limit=200`,
    );
    expect(records.status).toBe(200);
    // Control: the log names the trajectory's creation.
    expect(JSON.stringify(records.body)).toContain('"route":"POST /trajectories"');
    expect([...found(JSON.stringify(decoded.body)), ...found(clear), ...found(JSON.stringify(records.body))]).toEqual(
      [],
    );
  });

  async function tasksOf(id: string): Promise<number> {
    const [{ count }] = await sut.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tasks WHERE trajectory_id = $1`,
      [id],
    );
    return count;
  }
});

/** A BSN that passes the elfproef, random for this run, starting with 9 so that it is no piece of a timestamp. */
function uniqueBsn(): string {
  for (;;) {
    const digits = [9, ...[...randomBytes(7)].map((byte) => byte % 10)];
    const check = digits.reduce((sum, digit, index) => sum + digit * (9 - index), 0) % 11;
    const bsn = `${digits.join('')}${check}`;
    if (check < 10 && isValidBsn(bsn)) return bsn;
  }
}

async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
