import { DateTime } from 'luxon';
import { TaskEntity } from '@doorloop/persistence';
import { userOf } from './factories/user.factory';
import { organisationsByRole, requestsAs, stackForAllTests } from './stack';
import { eventually } from './eventually';
import { openTrajectory } from './open-trajectory';
import { plusMonths, today } from './dates';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

interface Task {
  id: string;
  kind: string;
  status: string;
  organisationId: string;
  completedAt: string | null;
}
interface Handover {
  id: string;
  status: string;
  reason: string | null;
  sendingOrganisationId: string;
  receivingOrganisationId: string;
}

const transitionPlan = (owner: string) => ({
  plans: [{ lifeDomain: 'housing', plan: 'Demo: begeleid wonen vanaf 18', owner, date: plusMonths(today(), 3) }],
  wishes: 'Demo: wil dicht bij school blijven wonen.',
});

/** Partners answer what is asked of them: once, idempotently, with one winner when two race. */
describe('task completion and handover acknowledgement', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let org: Record<string, string>;
  let trajectoryId: string;

  async function tasksOf(kind: string, count = 1): Promise<Task[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body } = await as<{ items: Task[] }>('coordinator', 'GET', `/api/v1/tasks?trajectoryId=${trajectoryId}`);
      const found = body.items.filter((t) => t.kind === kind);
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    org = await organisationsByRole(sut());
    // Nearly 18: the future plan, adult-care involvement, transition review and handover are all past and fire late.
    trajectoryId = await openTrajectory(sut(), 'coordinator', {
      pseudonym: 'TRJ-T4SK',
      birthDate: DateTime.now().setZone(DEFAULT_TIME_ZONE).minus({ years: 17, months: 11 }).toISODate(),
      municipalityCode: 'GM9901',
      partners: [
        { organisationId: org['youth-care'], role: 'youth-care' },
        { organisationId: org['adult-care'], role: 'adult-care' },
        { organisationId: org.police, role: 'police' },
      ],
    });
  });

  /** Completes a task as a user of the organisation it is assigned to. */
  async function complete<T = unknown>(task: Task, outcome: unknown) {
    const username = await userOf(sut().dataSource, task.organisationId);
    return as<T>(username, 'POST', `/api/v1/tasks/${task.id}/completion`, { outcome });
  }

  it('completes a task once; the same completion again is the same completion', async () => {
    const [task] = await tasksOf('future-plan');
    const first = await complete<Task>(task, transitionPlan('Demo Jeugdhulp'));
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('done');
    expect(first.body.completedAt).not.toBeNull();
    const again = await complete<Task>(task, transitionPlan('Demo Jeugdhulp'));
    expect(again.status).toBe(200);
    expect(again.body.completedAt).toBe(first.body.completedAt);
    const different = await complete(task, transitionPlan('Demo Wmo'));
    expect(different.status).toBe(409);
    expect(different.body).toMatchObject({ code: 'already-answered' });
  });

  it('shows the milestone as done once all its tasks are done', async () => {
    const open = (await tasksOf('future-plan', 2)).filter((t) => t.status !== 'done');
    expect(open.length).toBeGreaterThan(0); // the future plan asks the care provider and the coordinator
    const milestoneStatus = async () =>
      (
        await as<{ items: { kind: string; status: string }[] }>(
          'coordinator',
          'GET',
          `/api/v1/trajectories/${trajectoryId}/milestones`,
        )
      ).body.items.find((m) => m.kind === 'future-plan')?.status;
    expect(await milestoneStatus()).toBe('fired');
    for (const task of open) {
      expect((await complete(task, transitionPlan('Demo Coördinatie'))).status).toBe(200);
    }
    expect(await eventually(milestoneStatus, (status) => status === 'done', 10_000)).toBe('done');
  });

  it('refuses an outcome that does not fit the kind, naming the fields, and changes nothing', async () => {
    const [review] = await tasksOf('transition-review');
    const response = await complete<{ errors: { field: string; code: string }[] }>(review, { plans: [], notes: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map(({ field, code }) => ({ field, code }))).toEqual(
      expect.arrayContaining([
        { field: 'outcome.notes', code: 'unknown-field' },
        { field: 'outcome.plans', code: 'too-few' },
        { field: 'outcome.wishes', code: 'required' },
      ]),
    );
    expect(response.body.errors.map((e) => e.field).sort()).toEqual([
      'outcome.notes',
      'outcome.plans',
      'outcome.wishes',
    ]);
    expect((await sut().dataSource.getRepository(TaskEntity).findOneByOrFail({ id: review.id })).status).toBe('open');
  });

  it('gives two racing completions of one task exactly one winner', async () => {
    const reviews = await tasksOf('transition-review');
    const target = reviews[0];
    const [a, b] = await Promise.all([
      complete(target, transitionPlan('Demo A')),
      complete(target, transitionPlan('Demo B')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = await sut().dataSource.getRepository(TaskEntity).findOneByOrFail({ id: target.id });
    const winner = a.status === 200 ? 'Demo A' : 'Demo B';
    expect(stored.outcome).toEqual(transitionPlan(winner));
  });

  it('lets the receiving organisation accept a handover, once', async () => {
    const deadline = Date.now() + 20_000;
    let handoverId: string | undefined;
    while (!handoverId && Date.now() < deadline) {
      const rows: { id: string }[] = await sut().dataSource.query('SELECT id FROM handovers WHERE trajectory_id = $1', [
        trajectoryId,
      ]);
      handoverId = rows[0]?.id;
      if (!handoverId) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(handoverId).toBeDefined();
    // The receiving organisation answers: adult care, whose demo user is adult-care.
    const receiver = 'adult-care';
    const handover = await as<Handover>(receiver, 'GET', `/api/v1/handovers/${handoverId}`);
    const acknowledge = <T>(answer: { accepted: boolean; reason?: string }) =>
      as<T>(receiver, 'POST', `/api/v1/handovers/${handoverId}/acknowledgement`, answer);
    expect(handover.body).toMatchObject({
      status: 'pending',
      sendingOrganisationId: org['youth-care'],
      receivingOrganisationId: org['adult-care'],
    });

    const rejectWithoutReason = await acknowledge<{ errors: { field: string }[] }>({ accepted: false });
    expect(rejectWithoutReason.status).toBe(400);
    expect(rejectWithoutReason.body.errors.map((e) => e.field)).toEqual(['reason']);

    const accepted = await acknowledge<Handover>({ accepted: true });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await acknowledge({ accepted: true })).status).toBe(200);
    expect((await acknowledge({ accepted: false, reason: 'Demo' })).status).toBe(409);
  });
});
