import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { loadConfig, publicBaseUrl } from '@doorloop/config';
import {
  DEMO_ORGANISATIONS,
  DEMO_REGION,
  NotificationRepository,
  dataSourceOptions,
  seedDemoData,
} from '@doorloop/persistence';
import { freePort } from '../scripts/lib/free-port';
import { Mailer } from '../apps/worker/src/notifications/mailer';
import { createNotifyActivities } from '../apps/worker/src/notify.activities';
import { readMailbox, type ReceivedMail } from './mailbox';
import { pseudonym as newPseudonym } from './pseudonyms';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

// eslint-disable-next-line no-restricted-syntax -- fixed date: only a secret that must not leak into mail; its other spellings are below
const BIRTH_DATE = '2009-05-31';
const PUBLIC_URL = 'https://doorloop.example.test';
const mailboxOf = (role: string) => DEMO_ORGANISATIONS.find((o) => o.role === role)?.notificationEmail;

/**
 * The escalation mails end to end below the workflow: the real activity on real PostgreSQL sends through real SMTP to
 * the test run's mail catcher, and the test reads what arrived.
 */
describe('notifyEscalation', () => {
  const config = loadConfig({ ...process.env, PUBLIC_URL: `${PUBLIC_URL}/` });
  let dataSource: DataSource;
  let notifications: NotificationRepository;
  let mailer: Mailer;
  let notify: ReturnType<typeof createNotifyActivities>['notifyEscalation'];
  let org: Record<string, string>;
  let regionId: string;
  let coordinatorId: string;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
    await seedDemoData(dataSource);
    const rows: { id: string; role: string; region_id: string }[] = await dataSource.query(
      `SELECT o.id, o.role, o.region_id FROM organisations o JOIN regions r ON r.id = o.region_id
        WHERE r.code = $1 AND o.role <> 'municipality'`,
      [DEMO_REGION.code],
    );
    org = Object.fromEntries(rows.map((row) => [row.role, row.id]));
    regionId = rows[0].region_id;
    coordinatorId = org.coordinator;
    notifications = new NotificationRepository(dataSource);
    mailer = new Mailer(config);
    notify = createNotifyActivities({ notifications, mailer, publicUrl: publicBaseUrl(config) }).notifyEscalation;
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** A trajectory with a unique pseudonym, and tasks of one occurrence (plus one of another), written directly. */
  async function trajectoryWithTasks(
    statuses: Record<string, 'open' | 'claimed' | 'done' | 'cancelled'>,
    dueAt = DateTime.now().setZone(DEFAULT_TIME_ZONE).plus({ days: 3 }).toJSDate(),
  ): Promise<{ pseudonym: string; trajectoryId: string; occurrenceKey: string; taskOf: Record<string, string> }> {
    const trajectoryId = randomUUID();
    const pseudonym = newPseudonym();
    await dataSource.query(
      `INSERT INTO trajectories (id, pseudonym, birth_date, municipality_code, region_id, coordinator_organisation_id,
         policy_version, facts) VALUES ($1, $2, $3, 'GM9901', $4, $5, 'test',
         '{"partners":[],"placements":[],"courtMeasures":[],"pauses":[]}')`,
      [trajectoryId, pseudonym, BIRTH_DATE, regionId, coordinatorId],
    );
    const occurrenceKey = 'placement-evaluation:p1:2';
    const taskOf: Record<string, string> = {};
    const insert = async (organisationId: string, role: string, key: string, status: string) => {
      const [{ id }]: { id: string }[] = await dataSource.query(
        `INSERT INTO tasks (trajectory_id, kind, occurrence_key, occurrence, organisation_id, role, fire_at, due_at, status,
                            assignee_user_id)
         VALUES ($1, 'placement-evaluation', $2, 2, $3, $4, now(), $5, $6::text,
                 CASE WHEN $6::text = 'claimed' THEN (SELECT id FROM users WHERE username = 'school') END) RETURNING id`,
        [trajectoryId, key, organisationId, role, dueAt, status],
      );
      return id;
    };
    for (const [role, status] of Object.entries(statuses)) {
      taskOf[role] = await insert(org[role], role, occurrenceKey, status);
    }
    taskOf.otherOccurrence = await insert(org.police, 'police', 'placement-evaluation:p1:3', 'open');
    return { pseudonym, trajectoryId, occurrenceKey, taskOf };
  }

  const mailAbout = async (pseudonym: string): Promise<ReceivedMail[]> =>
    (await readMailbox()).filter((mail) => mail.subject.includes(pseudonym));

  it('reminds each open or claimed task’s organisation once, with the pseudonym and a link only', async () => {
    const { pseudonym, trajectoryId, occurrenceKey, taskOf } = await trajectoryWithTasks({
      police: 'open',
      school: 'claimed',
      'youth-care': 'done',
      'debt-counselling': 'cancelled',
    });

    expect(await notify({ trajectoryId, occurrenceKey, stage: 'reminder' })).toEqual({ sent: 2 });

    // Delivered before the relay said 250, so on disk by now.
    const mails = await mailAbout(pseudonym);
    expect(mails.map((m) => m.envelopeTo).sort()).toEqual([[mailboxOf('police')], [mailboxOf('school')]]);
    for (const mail of mails) {
      const role = mail.to[0] === mailboxOf('police') ? 'police' : 'school';
      expect(mail.subject).toBe(`Herinnering: plaatsingsevaluatie voor ${pseudonym} vervalt over 3 dagen`);
      expect(mail.from).toEqual(['noreply@doorloop.test']);
      expect(mail.text).toContain(`${PUBLIC_URL}/tasks/${taskOf[role]}`);
      expect(mail.messageId).toBe(`<${taskOf[role]}.reminder@doorloop.test>`);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect([...mail.text.matchAll(/https?:\/\/\S+/g)].map(([url]) => url)).toEqual([
        `${PUBLIC_URL}/tasks/${taskOf[role]}`,
      ]);
      // Nothing about the young person or the partners beyond the pseudonym, in any header or part.
      for (const secret of [BIRTH_DATE, '31 mei 2009', '31-05-2009', ...DEMO_ORGANISATIONS.map((o) => o.name)]) {
        expect(mail.raw).not.toContain(secret);
      }
    }

    expect(await notify({ trajectoryId, occurrenceKey, stage: 'reminder' })).toEqual({ sent: 0 });
    expect(await mailAbout(pseudonym)).toHaveLength(2);
  });

  it('tells the coordinator about each task still open at the due moment, once; done ones get no mail', async () => {
    const { pseudonym, trajectoryId, occurrenceKey, taskOf } = await trajectoryWithTasks(
      { police: 'open', school: 'claimed', 'youth-care': 'done' },
      DateTime.now().setZone(DEFAULT_TIME_ZONE).minus({ minutes: 1 }).toJSDate(),
    );
    await dataSource.query(`UPDATE tasks SET status = 'done' WHERE id = $1`, [taskOf.school]);

    expect(await notify({ trajectoryId, occurrenceKey, stage: 'overdue' })).toEqual({ sent: 1 });
    expect(await notify({ trajectoryId, occurrenceKey, stage: 'overdue' })).toEqual({ sent: 0 });

    const mails = await mailAbout(pseudonym);
    expect(mails).toHaveLength(1);
    expect(mails[0].envelopeTo).toEqual([mailboxOf('coordinator')]);
    expect(mails[0].subject).toBe(`Verlopen: plaatsingsevaluatie voor ${pseudonym}`);
    expect(mails[0].text).toContain(`${PUBLIC_URL}/tasks/${taskOf.police}`);
    expect(mails[0].raw).not.toContain(BIRTH_DATE);
    expect(mails[0].raw).not.toContain('Demo Politie');

    const recorded: { task_id: string; stage: string; recipient: string }[] = await dataSource.query(
      `SELECT task_id, stage, recipient FROM notifications WHERE task_id = ANY($1)`,
      [Object.values(taskOf)],
    );
    expect(recorded).toEqual([{ task_id: taskOf.police, stage: 'overdue', recipient: mailboxOf('coordinator') }]);
  });

  it('sends nothing when every task of the occurrence is done or cancelled', async () => {
    const { pseudonym, trajectoryId, occurrenceKey } = await trajectoryWithTasks({
      police: 'done',
      school: 'cancelled',
    });
    expect(await notify({ trajectoryId, occurrenceKey, stage: 'reminder' })).toEqual({ sent: 0 });
    expect(await notify({ trajectoryId, occurrenceKey, stage: 'overdue' })).toEqual({ sent: 0 });
    expect(await mailAbout(pseudonym)).toEqual([]);
  });

  it('mails each task once when two attempts of the activity run at the same time', async () => {
    const { pseudonym, trajectoryId, occurrenceKey } = await trajectoryWithTasks({
      police: 'open',
      school: 'open',
      'youth-care': 'claimed',
    });
    const results = await Promise.all([1, 2, 3].map(() => notify({ trajectoryId, occurrenceKey, stage: 'reminder' })));
    expect(results.reduce((total, { sent }) => total + sent, 0)).toBe(3);
    expect(await mailAbout(pseudonym)).toHaveLength(3);
  });

  it('records nothing when the relay cannot be reached, so the retry sends', async () => {
    const { pseudonym, trajectoryId, occurrenceKey } = await trajectoryWithTasks({ police: 'open' });
    const down = new Mailer(loadConfig({ ...process.env, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` }));
    const failing = createNotifyActivities({ notifications, mailer: down, publicUrl: PUBLIC_URL }).notifyEscalation;

    await expect(failing({ trajectoryId, occurrenceKey, stage: 'reminder' })).rejects.toThrow(/ECONNREFUSED/);
    expect(await mailAbout(pseudonym)).toEqual([]);

    expect(await notify({ trajectoryId, occurrenceKey, stage: 'reminder' })).toEqual({ sent: 1 });
    expect(await mailAbout(pseudonym)).toHaveLength(1);
  });

  it('skips an organisation without a mailbox and mails the others', async () => {
    // In a region of its own, so that no other test meets this organisation among the demo ones.
    const [{ id: otherRegion }]: { id: string }[] = await dataSource.query(
      `INSERT INTO regions (code, name) VALUES ($1, 'Demo Regio Zonder Postbus') RETURNING id`,
      [`t-${randomUUID().slice(0, 8)}`],
    );
    const [{ id: withoutMailbox }]: { id: string }[] = await dataSource.query(
      `INSERT INTO organisations (region_id, name, role) VALUES ($1, 'Demo Zonder Postbus', 'school') RETURNING id`,
      [otherRegion],
    );
    const { pseudonym, trajectoryId, occurrenceKey, taskOf } = await trajectoryWithTasks({ police: 'open' });
    await dataSource.query(
      `INSERT INTO tasks (trajectory_id, kind, occurrence_key, occurrence, organisation_id, role, fire_at, due_at)
       VALUES ($1, 'placement-evaluation', $2, 2, $3, 'school', now(), now() + interval '3 days')`,
      [trajectoryId, occurrenceKey, withoutMailbox],
    );

    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      expect(await notify({ trajectoryId, occurrenceKey, stage: 'reminder' })).toEqual({ sent: 1 });
      // Says which organisation lacks a mailbox, by id: never the pseudonym.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain(withoutMailbox);
      expect(String(warn.mock.calls[0][0])).not.toContain(pseudonym);
    } finally {
      warn.mockRestore();
    }
    const mails = await mailAbout(pseudonym);
    expect(mails.map((m) => m.envelopeTo)).toEqual([[mailboxOf('police')]]);
    expect(mails[0].text).toContain(taskOf.police);
  });

  it('gives a demo region seeded before organisations had mailboxes the demo addresses, keeping changed ones', async () => {
    const byRole = (role: string): Promise<{ notification_email: string | null }[]> =>
      dataSource.query(`SELECT notification_email FROM organisations WHERE id = $1`, [org[role]]);
    await dataSource.query(`UPDATE organisations SET notification_email = NULL WHERE id = $1`, [org.housing]);
    await dataSource.query(`UPDATE organisations SET notification_email = 'balie@demo-wonen.test' WHERE id = $1`, [
      org.wmo,
    ]);
    try {
      expect(await seedDemoData(dataSource)).toBe(false);
      expect(await byRole('housing')).toEqual([{ notification_email: mailboxOf('housing') }]);
      expect(await byRole('wmo')).toEqual([{ notification_email: 'balie@demo-wonen.test' }]);
    } finally {
      await dataSource.query(`UPDATE organisations SET notification_email = $2 WHERE id = $1`, [
        org.wmo,
        mailboxOf('wmo'),
      ]);
    }
  });
});
