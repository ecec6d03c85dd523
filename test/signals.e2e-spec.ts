import { Client } from '@temporalio/client';
import { retentionScheduleId } from '@doorloop/temporal';
import type { RetentionSummary } from '@doorloop/workflows';
import { bornAgo, plusDays, plusYears, today } from './dates';
import { addDutchWorkingDays } from './dutch-holidays-oracle';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestsAs, stackForAllTests } from './stack';
import { createTestRegion, type TestRegion } from './test-region';

interface Signal {
  id: string;
  organisationId: string;
  category: string;
  triageDueOn: string;
  repeatOf: string | null;
  alert: boolean;
  triage: { outcome: string; reason: string; trajectoryId: string | null } | null;
}
interface Problem {
  code: string;
  errors?: { in: string; field: string; code: string }[];
}

// Synthetic subjects: BSNs that pass the 11-proof, names that read as demo names.
const BSN = '111222333';
const BSN_TYPED_OTHERWISE = '1112.22.333';
const OTHER_BSN = '123456782';

/**
 * Signals before a trajectory (issue 17) on the real stack: a partner records, the region's coordinator triages, a
 * second signal about one person is recognised from its keyed hash, and the retention job destroys what led to nothing
 * (SIGNAL_RETENTION compressed to 7 days).
 */
describe('signals', () => {
  const sut = stackForAllTests({ SIGNAL_RETENTION: 'P7D' });
  const as = requestsAs(sut);
  let region: TestRegion;
  let other: TestRegion;

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource);
    other = await createTestRegion(sut().dataSource);
  });

  const signal = (subject: Record<string, string>, category = 'criminal-exploitation') => ({
    category,
    description: 'Demo: gezien bij station met oudere man, nieuwe telefoon.',
    meldcodeStep: 'step-2-consult-colleague',
    subject,
  });
  const record = (username: string, subject: Record<string, string>) =>
    as<Signal>(username, 'POST', '/api/v1/signals', signal(subject));
  /** A signal as the region's coordinator sees it: only she is told of repeats. */
  const asCoordinator = async (id: string): Promise<Signal | undefined> =>
    (await as<{ items: Signal[] }>(region.users.coordinator, 'GET', '/api/v1/signals?limit=200')).body.items.find(
      (s) => s.id === id,
    );
  const count = async (): Promise<number> => {
    const [{ n }] = await sut().dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM signals`);
    return n;
  };

  it('records a partner’s signal, due in 5 working days with Dutch public holidays, and stores only a hash', async () => {
    const created = await record(region.users.police, { bsn: BSN });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      organisationId: region.organisations.police,
      triageDueOn: addDutchWorkingDays(today(), 5),
      repeatOf: null,
      alert: false,
      triage: null,
    });
    const [row] = await sut().dataSource.query<{ hash: Buffer; text: string }[]>(
      `SELECT subject_hash AS hash, row_to_json(s)::text AS text FROM signals s WHERE id = $1`,
      [created.body.id],
    );
    expect(row.hash).toHaveLength(32);
    expect(row.text).not.toContain(BSN);
  });

  it('recognises a second signal about the same person within two years and alerts the coordinator at once', async () => {
    const first = await record(region.users.school, { bsn: OTHER_BSN });
    const second = await record(region.users['youth-care'], { bsn: OTHER_BSN.replace(/(\d{4})(\d{2})/, '$1.$2.') });
    expect(second.status).toBe(201);
    // The partner is told nothing of another organisation's signal; the coordinator is alerted, and it is due today.
    expect(second.body).toMatchObject({ repeatOf: null, alert: false, triageDueOn: today() });
    expect(await asCoordinator(second.body.id)).toMatchObject({ repeatOf: first.body.id, alert: true });

    const byName = await record(region.users.police, { name: 'Demo Ésther de Vries', birthDate: bornAgo(15) });
    const again = await record(region.users.school, { name: 'demo esther DE-VRIES', birthDate: bornAgo(15) });
    expect(await asCoordinator(again.body.id)).toMatchObject({ repeatOf: byName.body.id, alert: true });
    const otherBirthDate = await record(region.users.school, {
      name: 'Demo Esther de Vries',
      birthDate: plusDays(bornAgo(15), 1),
    });
    expect(await asCoordinator(otherBirthDate.body.id)).toMatchObject({ repeatOf: null, alert: false });
  });

  it('does not recognise a subject across regions: a repeat is one of the same region', async () => {
    const there = await record(other.users.police, { bsn: BSN });
    expect(there.status).toBe(201);
    const listed = await as<{ items: Signal[] }>(other.users.coordinator, 'GET', '/api/v1/signals?limit=200');
    expect(listed.body.items.find((s) => s.id === there.body.id)).toMatchObject({ repeatOf: null, alert: false });
  });

  it('does not count a signal from more than two years ago as a repeat', async () => {
    const old = await record(region.users.police, { bsn: BSN_TYPED_OTHERWISE });
    const seen = await asCoordinator(old.body.id);
    expect(seen).toMatchObject({ alert: true });
    // `old` repeats the first test's signal; move both back to exactly two years ago, then signal again.
    await sut().dataSource.query(`UPDATE signals SET received_on = $1 WHERE id = $2 OR id = $3`, [
      plusYears(today(), -2),
      old.body.id,
      seen?.repeatOf,
    ]);
    const later = await record(region.users.police, { bsn: BSN });
    expect(await asCoordinator(later.body.id)).toMatchObject({ repeatOf: null, alert: false });
  });

  it('refuses a subject that is not a BSN or a name with a birth date, naming the field and storing nothing', async () => {
    const before = await count();
    const cases: [Record<string, string>, string, string][] = [
      [{ bsn: '111222334' }, 'subject.bsn', 'invalid-bsn'],
      [{ name: 'Demo Naam' }, 'subject.birthDate', 'required'],
      [{ name: 'Demo Naam', birthDate: plusDays(today(), 1) }, 'subject.birthDate', 'in-future'],
      [{ bsn: BSN, name: 'Demo Naam' }, 'subject.bsn', 'invalid-value'],
    ];
    for (const [subject, field, code] of cases) {
      const refused = await as<Problem>(region.users.police, 'POST', '/api/v1/signals', signal(subject));
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([expect.objectContaining({ in: 'body', field, code })]);
      expect(JSON.stringify(refused.body)).not.toContain(subject.bsn ?? 'Demo Naam');
    }
    const noCategory = await as<Problem>(region.users.police, 'POST', '/api/v1/signals', {
      ...signal({ bsn: BSN }),
      category: 'gossip',
    });
    expect(noCategory.body.errors).toEqual([expect.objectContaining({ field: 'category', code: 'invalid-value' })]);
    expect(await count()).toBe(before);
  });

  it('lists a partner’s own signals, and the whole region’s for its coordinator', async () => {
    const own = await as<{ items: Signal[] }>(region.users.police, 'GET', '/api/v1/signals?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(new Set(own.body.items.map((s) => s.organisationId))).toEqual(new Set([region.organisations.police]));

    const all = await as<{ items: Signal[] }>(region.users.coordinator, 'GET', '/api/v1/signals?limit=200');
    expect(new Set(all.body.items.map((s) => s.organisationId))).toEqual(
      new Set([region.organisations.police, region.organisations.school, region.organisations['youth-care']]),
    );
    const dues = all.body.items.map((s) => s.triageDueOn);
    expect(dues).toEqual([...dues].sort());
    const elsewhere = await as<{ items: Signal[] }>(other.users.coordinator, 'GET', '/api/v1/signals?limit=200');
    expect(elsewhere.body.items.every((s) => s.organisationId === other.organisations.police)).toBe(true);
  });

  it('takes the coordinator’s triage once, with a reason, and links a started trajectory', async () => {
    const { body: open } = await as<{ items: Signal[] }>(
      region.users.coordinator,
      'GET',
      '/api/v1/signals?triaged=false&limit=200',
    );
    const [a, b] = open.items;
    const noAction = { outcome: 'no-action', reason: 'Demo: geen aanwijzingen na overleg.' };
    const triaged = await as<Signal>(region.users.coordinator, 'POST', `/api/v1/signals/${a.id}/triage`, noAction);
    expect(triaged.status).toBe(200);
    expect(triaged.body.triage).toMatchObject(noAction);
    expect((await as(region.users.coordinator, 'POST', `/api/v1/signals/${a.id}/triage`, noAction)).status).toBe(200);
    const other409 = await as<Problem>(region.users.coordinator, 'POST', `/api/v1/signals/${a.id}/triage`, {
      outcome: 'advice',
      reason: 'Demo: toch advies.',
    });
    expect(other409.status).toBe(409);

    const missing = await as<Problem>(region.users.coordinator, 'POST', `/api/v1/signals/${b.id}/triage`, {
      outcome: 'start-trajectory',
      reason: 'Demo: traject gestart.',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'trajectoryId', code: 'required' })]);

    const trajectoryId = await openTrajectory(sut(), region.users.coordinator, {
      pseudonym: pseudonym(),
      birthDate: plusYears(today(), -16),
      municipalityCode: region.municipalities[0],
      partners: [{ organisationId: region.organisations.police, role: 'police' }],
    });
    const started = await as<Signal>(region.users.coordinator, 'POST', `/api/v1/signals/${b.id}/triage`, {
      outcome: 'start-trajectory',
      reason: 'Demo: traject gestart.',
      trajectoryId,
    });
    expect(started.status).toBe(200);
    expect(started.body.triage).toMatchObject({ outcome: 'start-trajectory', trajectoryId });

    const triaged2 = await as<{ items: Signal[] }>(region.users.coordinator, 'GET', '/api/v1/signals?triaged=true');
    expect(triaged2.body.items.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('destroys a signal that led to nothing once the retention period has passed, and keeps the rest', async () => {
    const all = (await as<{ items: Signal[] }>(region.users.coordinator, 'GET', '/api/v1/signals?limit=200')).body
      .items;
    const linked = all.find((s) => s.triage?.outcome === 'start-trajectory') as Signal;
    const expired = all.find((s) => s.triage?.outcome === 'no-action') as Signal;
    const recent = all.find((s) => s.triage === null) as Signal;
    // Came 7 days ago (SIGNAL_RETENTION=P7D): expired today. The linked one came as long ago, but started a trajectory.
    await sut().dataSource.query(`UPDATE signals SET received_on = $1 WHERE id = ANY($2::uuid[])`, [
      plusDays(today(), -7),
      [linked.id, expired.id],
    ]);
    await sut().dataSource.query(`UPDATE signals SET received_on = $1 WHERE id = $2`, [
      plusDays(today(), -6),
      recent.id,
    ]);

    // Its triage task goes with it, and the record of a mail about that task.
    await sut().dataSource.query(
      `INSERT INTO notifications (task_id, stage, recipient, message_id)
       SELECT id, 'reminder', 'coordinator@demo-testregio.test', '<demo@doorloop.test>' FROM tasks WHERE signal_id = $1`,
      [expired.id],
    );

    const summary = await runRetention();
    expect(summary.signals?.destroyed).toBeGreaterThanOrEqual(1);
    const left = await sut().dataSource.query<{ id: string }[]>(`SELECT id FROM signals WHERE id = ANY($1::uuid[])`, [
      [linked.id, expired.id, recent.id],
    ]);
    expect(left.map((r) => r.id).sort()).toEqual([linked.id, recent.id].sort());
    const tasksLeft = await sut().dataSource.query<{ signal_id: string }[]>(
      `SELECT signal_id FROM tasks WHERE signal_id = ANY($1::uuid[])`,
      [[linked.id, expired.id, recent.id]],
    );
    expect(tasksLeft.map((r) => r.signal_id).sort()).toEqual([linked.id, recent.id].sort());
  });

  async function runRetention(): Promise<RetentionSummary> {
    const client = sut().api.get(Client);
    const schedule = client.schedule.getHandle(retentionScheduleId(sut().config.TEMPORAL_TASK_QUEUE));
    const before = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    for (let attempt = 0; attempt < 100; attempt++) {
      const actions = (await schedule.describe()).info.recentActions;
      if (actions.length > before) {
        const { workflowId, firstExecutionRunId } = actions[actions.length - 1].action.workflow;
        return client.workflow.getHandle<() => Promise<RetentionSummary>>(workflowId, firstExecutionRunId).result();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The schedule did not start the retention job');
  }
});
