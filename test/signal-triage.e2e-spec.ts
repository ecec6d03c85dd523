import { Client } from '@temporalio/client';
import { signalTriageWorkflowId } from '@doorloop/temporal';
import { waitForMail, readMailbox, type ReceivedMail } from './mailbox';
import { recordHistories } from './workflow/support';
import { requestsAs, stackForAllTests } from './stack';
import { createTestRegion, type TestRegion } from './test-region';

interface Signal {
  id: string;
  receivedAt: string;
  triageDueOn: string;
}
interface Task {
  id: string;
  kind: string;
  signalId: string | null;
  trajectoryId: string | null;
  pseudonym: string | null;
  organisationId: string;
  dueAt: string;
  status: string;
  completedAt: string | null;
  outcome: Record<string, unknown> | null;
}
interface Problem {
  code: string;
  detail: string;
}

// The region's triage is due 8 s after a signal comes, its reminder 4 s before that: the policy's own units, compressed.
const DUE_MS = 8_000;
const REMINDER_MS = -4_000;
// Synthetic subjects (11-proof BSNs): the mails must carry none of them, nor the description.
const BSN = '111222333';
const REPEATED_BSN = '123456782';
const TRIAGED_BSN = '100000009';
const DESCRIPTION = 'Demo: gezien bij station met oudere man, nieuwe telefoon.';

/**
 * The triage of a signal is a coordinator task (issue 17) on the real stack: written with the signal into the
 * coordinating organisation's inbox, mailed by its workflow (`signal-triage-<id>`) as a reminder and at its due moment,
 * completed by the triage and by nothing else. The test region's policy compresses the triage to seconds
 * (`signalTriage.due` PT8S, `escalation.reminder` -PT4S, no time of day); the expected moments are the policy's
 * numbers added to the signal's receipt, not read from the code.
 */
describe('signal triage task', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let region: TestRegion;
  let other: TestRegion;
  let coordinatorMailbox: string;

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource, {
      version: 'signal-triage-in-seconds',
      fireTimeOfDay: null,
      escalation: { reminder: `-PT${-REMINDER_MS / 1000}S` },
      signalTriage: { due: `PT${DUE_MS / 1000}S`, workingDays: true },
    });
    other = await createTestRegion(sut().dataSource);
    coordinatorMailbox = `coordinator-${region.suffix}@demo-testregio.test`;
  });

  const record = (bsn: string, username = region.users.police) =>
    as<Signal>(username, 'POST', '/api/v1/signals', {
      category: 'criminal-exploitation',
      description: DESCRIPTION,
      meldcodeStep: 'step-2-consult-colleague',
      subject: { bsn },
    });
  const triageTask = async (signalId: string, username = region.users.coordinator): Promise<Task | undefined> => {
    const listed = await as<{ items: Task[] }>(
      username,
      'GET',
      '/api/v1/tasks?kind=signal-triage&status=open,claimed,done&limit=200',
    );
    expect(listed.status).toBe(200);
    return listed.body.items.find((task) => task.signalId === signalId);
  };
  /** The mails about one task: the link names it. */
  const mailsAbout = (taskId: string) => (mail: ReceivedMail) => mail.text.includes(`/tasks/${taskId}`);
  const receivedAtOf = (mail: ReceivedMail): number => Number(/^(\d+)-/.exec(mail.file)?.[1] ?? NaN);

  it('puts the triage in the coordinating organisation’s inbox, then mails a reminder and an overdue notice', async () => {
    const created = await record(BSN);
    expect(created.status).toBe(201);
    const receivedAt = Date.parse(created.body.receivedAt);

    const task = await triageTask(created.body.id);
    expect(task).toMatchObject({
      kind: 'signal-triage',
      signalId: created.body.id,
      trajectoryId: null,
      pseudonym: null,
      organisationId: region.organisations.coordinator,
      status: 'open',
    });
    // The api's clock and PostgreSQL's differ by the request's own milliseconds.
    expect(Math.abs(Date.parse(task!.dueAt) - (receivedAt + DUE_MS))).toBeLessThan(1_000);
    // Not the reporting partner's, not another region's.
    expect((await as<{ items: Task[] }>(region.users.police, 'GET', '/api/v1/tasks?limit=200')).body.items).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: task!.id })]),
    );
    expect(await triageTask(created.body.id, other.users.coordinator)).toBeUndefined();

    const [reminder, overdue] = await waitForMail(mailsAbout(task!.id), { count: 2, timeoutMs: DUE_MS + 15_000 });
    expect(reminder.envelopeTo).toEqual([coordinatorMailbox]);
    expect(reminder.subject).toMatch(/^Herinnering: triage van een signaal/);
    expect(overdue.envelopeTo).toEqual([coordinatorMailbox]);
    expect(overdue.subject).toBe('Verlopen: triage van een signaal');
    // Not before their moments (the catcher names each file by the moment it received it).
    expect(receivedAtOf(reminder)).toBeGreaterThanOrEqual(receivedAt + DUE_MS + REMINDER_MS - 1_000);
    expect(receivedAtOf(overdue)).toBeGreaterThanOrEqual(receivedAt + DUE_MS - 1_000);
    for (const mail of [reminder, overdue]) {
      expect(mail.raw).not.toContain(BSN);
      expect(mail.raw).not.toContain('station');
    }
    // Its workflow ends after the overdue notice; with RECORD_HISTORIES=1 its history joins the replay corpus.
    const client = sut().api.get(Client);
    const workflowId = signalTriageWorkflowId(created.body.id);
    await client.workflow.getHandle(workflowId).result();
    await recordHistories(client, workflowId, 'signal-triage');
  });

  it('is completed by the triage, once, and by nothing else: no mail comes after it', async () => {
    const created = await record(TRIAGED_BSN, region.users.school);
    const task = (await triageTask(created.body.id))!;
    expect(task.status).toBe('open');

    const generic = await as<Problem>(region.users.coordinator, 'POST', `/api/v1/tasks/${task.id}/completion`, {
      outcome: { outcome: 'no-action', reason: 'Demo: al bekend bij de politie.' },
    });
    expect(generic.status).toBe(409);
    expect(generic.body.code).toBe('triage-instead');
    expect(generic.body.detail).toContain(`/api/v1/signals/${created.body.id}/triage`);
    expect((await triageTask(created.body.id))?.status).toBe('open');

    const triage = { outcome: 'advice', reason: 'Demo: advies gegeven aan de school.' };
    const path = `/api/v1/signals/${created.body.id}/triage`;
    expect((await as(region.users.coordinator, 'POST', path, triage)).status).toBe(200);
    const done = (await triageTask(created.body.id))!;
    expect(done).toMatchObject({ status: 'done', outcome: triage });
    // The same triage again is the same answer; the task was completed once.
    expect((await as(region.users.coordinator, 'POST', path, triage)).status).toBe(200);
    expect(await triageTask(created.body.id)).toMatchObject({ status: 'done', completedAt: done.completedAt });
    expect(
      (await as(region.users.coordinator, 'POST', path, { outcome: 'no-action', reason: 'Demo: anders.' })).status,
    ).toBe(409);
    expect(await triageTask(created.body.id)).toMatchObject({ completedAt: done.completedAt, outcome: triage });

    // Past its due moment and a margin: neither reminder nor overdue notice was sent for a triaged signal.
    await new Promise((resolve) => setTimeout(resolve, DUE_MS + 4_000));
    expect((await readMailbox()).filter(mailsAbout(task.id))).toEqual([]);
  });

  it('makes a repeat signal’s triage due at once, and alerts the coordinator by mail at once', async () => {
    await record(REPEATED_BSN, region.users.school);
    const repeat = await record(REPEATED_BSN, region.users['youth-care']);
    expect(repeat.status).toBe(201);
    const receivedAt = Date.parse(repeat.body.receivedAt);
    const task = (await triageTask(repeat.body.id))!;
    expect(Math.abs(Date.parse(task.dueAt) - receivedAt)).toBeLessThan(1_000);

    // Well before the 4 s a reminder would take: the alert is the only mail, sent at once.
    const [alert] = await waitForMail(mailsAbout(task.id), { timeoutMs: 3_500 });
    expect(alert.envelopeTo).toEqual([coordinatorMailbox]);
    expect(alert.subject).toBe('Let op: herhaald signaal, triage nu');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await readMailbox()).filter(mailsAbout(task.id))).toHaveLength(1);
  });
});
