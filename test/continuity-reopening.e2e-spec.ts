import type { PolicyOverride } from '@doorloop/domain';
import { trajectoryWorkflowId } from '@doorloop/temporal';
import { bornAgo, plusMonths, today } from './dates';
import { eventually } from './eventually';
import { openTrajectory } from './open-trajectory';
import { pseudonym } from './pseudonyms';
import { requestsAs, stackForAllTests } from './stack';
import { createTestRegion, type TestRegion } from './test-region';
import { allTasksOf } from './trajectory-tasks';
import { firedKeysInHistories, runChain, temporalClient } from './workflow/support';

interface Task {
  id: string;
  kind: string;
  status: string;
  organisationId: string;
  occurrenceKey: string;
}

/**
 * Aftercare compressed to seconds: three check-ins 1, 2 and 3 s after closure, each due a second after it fires, reminded
 * half a second before: a closed trajectory's workflow ends within seconds once its other tasks are done.
 */
const POLICY: PolicyOverride = {
  version: 'test-reopening-after-end',
  fireTimeOfDay: null,
  milestones: {
    'aftercare-check-in': { offsets: ['PT1S', 'PT2S', 'PT3S'], due: { relativeTo: 'fire', offset: 'PT1S' } },
  },
  escalation: { reminder: '-PT0.5S' },
};

const plan = {
  plans: [{ lifeDomain: 'housing', plan: 'Demo: begeleid wonen', owner: 'Demo Wmo', date: plusMonths(today(), 3) }],
  wishes: 'Demo: ze wil dicht bij haar zus wonen.',
};

/**
 * Reopening a trajectory whose workflow has already ended (closure, aftercare done): a new run starts under the same
 * workflow id, knowing what fired, and receives the reopening (issue 12, "nothing that fired fires again").
 */
describe('continuity at 18: reopening after the workflow ended', () => {
  const sut = stackForAllTests();
  const as = requestsAs(sut);
  let region: TestRegion;
  let coordinator: string;

  beforeAll(async () => {
    region = await createTestRegion(sut().dataSource, POLICY);
    coordinator = region.users.coordinator;
  });

  const tasksOf = (id: string) => allTasksOf<Task>(sut(), coordinator, id);
  const tasksUntil = (id: string, done: (tasks: Task[]) => boolean) => eventually(() => tasksOf(id), done, 30_000);
  const pairs = (tasks: Task[]) => tasks.map((t) => `${t.occurrenceKey}@${t.organisationId}`).sort();

  it('comes back with 200, fires only what had not fired, each occurrence once', async () => {
    const client = temporalClient(sut());
    const id = await openTrajectory(sut(), coordinator, {
      pseudonym: pseudonym(),
      birthDate: bornAgo(19),
      municipalityCode: region.municipalities[0],
      partners: [{ organisationId: region.organisations.police, role: 'police' }],
    });
    // Registered at 19: the adult intake, for the coordinator and the police. Both answer it, so nothing stays open.
    const intakes = await tasksUntil(id, (t) => t.filter((task) => task.kind === 'adult-intake').length >= 2);
    for (const task of intakes) {
      const answerer = task.organisationId === region.organisations.police ? region.users.police : coordinator;
      const done = await as(answerer, 'POST', `/api/v1/tasks/${task.id}/completion`, { outcome: plan });
      expect(done.status).toBe(200);
    }
    const closed = await as(coordinator, 'POST', `/api/v1/trajectories/${id}/closure`, {
      date: today(),
      override: { reason: 'Demo: ze wil geen hulp meer.' },
    });
    expect(closed.status).toBe(200);
    // The workflow runs aftercare, follows it up and ends: nothing is left to fire.
    const handle = client.workflow.getHandle(trajectoryWorkflowId(id));
    await eventually(
      () => handle.describe(),
      (d) => d.status.name === 'COMPLETED',
      60_000,
    );
    const endedRun = (await handle.describe()).runId;
    const before = await tasksOf(id);
    const firedBefore = new Set(before.map((t) => t.occurrenceKey));
    expect([...firedBefore].sort()).toEqual([
      'adult-intake:1',
      'aftercare-check-in:1',
      'aftercare-check-in:2',
      'aftercare-check-in:3',
    ]);

    const reopened = await as<{ status: string; allowedBases: string[] }>(
      coordinator,
      'POST',
      `/api/v1/trajectories/${id}/reopenings`,
      { date: today(), reason: 'Demo: ze meldt zich weer.' },
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('active');
    // Registered at 19, no youth care before 18: adult bases only (DOMAIN.md, "Reopening").
    expect(reopened.body.allowedBases).toEqual(['wmo', 'zvw', 'wlz', 'participatiewet', 'none']);

    // Reopened at 19: a second adult intake, for the coordinator and the police; nothing else is new.
    const after = await tasksUntil(id, (t) => t.length >= before.length + 2);
    const added = after.filter((t) => !before.some((b) => b.id === t.id));
    expect(pairs(added)).toEqual(
      [`adult-intake:2@${region.organisations.coordinator}`, `adult-intake:2@${region.organisations.police}`].sort(),
    );
    expect(new Set(pairs(after)).size).toBe(after.length);
    // What was done stays done.
    for (const task of before) expect(after.find((t) => t.id === task.id)?.status).toBe(task.status);

    // The new run is a new execution of the same workflow id, and fired nothing the ended run had fired.
    const [newRun] = await runChain(client, trajectoryWorkflowId(id));
    expect(newRun.runId).not.toBe(endedRun);
    const firedAgain = firedKeysInHistories([newRun.history]);
    expect(firedAgain).toEqual(['adult-intake:2']);
  });
});
