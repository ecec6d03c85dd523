import type { DataSource } from 'typeorm';
import { HandoverRepository, ReferenceDataRepository, TaskEntity, TaskRepository } from '@doorloop/persistence';
import type { Principal } from '../../apps/api/src/auth/principal';
import { TasksService } from '../../apps/api/src/tasks/tasks.service';
import { principalOf } from '../factories/principal.factory';
import { createHandover, createTask } from '../factories/task.factory';
import { findTrajectory } from '../factories/trajectory.factory';
import { pseudonym } from '../pseudonyms';
import { createUser } from '../factories/user.factory';
import { createTestRegion, type TestRegion } from '../test-region';
import { mediumDatabase } from './database';
import { noWorkflow, refusalOf, unreachable, workflowRefusal } from './problems';
import { RecordingTrajectoryWorkflows } from './recording-trajectory-workflows';

describe('TasksService (PostgreSQL, Temporal stubbed at its port)', () => {
  let dataSource: DataSource;
  let region: TestRegion;
  let other: TestRegion;
  let trajectoryId: string;
  let partner: Principal;
  let colleague: Principal;
  let workflows: RecordingTrajectoryWorkflows;
  let sut: TasksService;

  beforeAll(async () => {
    dataSource = await mediumDatabase();
    [region, other] = [await createTestRegion(dataSource), await createTestRegion(dataSource)];
    partner = await principalOf(dataSource, region.users['youth-care']);
    const second = await createUser(dataSource, {
      role: 'partner',
      organisationId: region.organisations['youth-care'],
    });
    colleague = await principalOf(dataSource, second.username);
    // A trajectory row as the api stores it; the tasks service never starts workflows.
    trajectoryId = (
      await dataSource.query<{ id: string }[]>(
        `INSERT INTO trajectories (id, pseudonym, birth_date, municipality_code, region_id, coordinator_organisation_id,
                                   policy_version, facts, facts_revision)
         VALUES (gen_random_uuid(), $1, current_date - interval '15 years', $2, $3, $4, 'default', '{}', 1)
         RETURNING id`,
        [pseudonym(), region.municipalities[0], region.id, region.organisations.coordinator],
      )
    )[0].id;
    expect(await findTrajectory(dataSource, trajectoryId)).not.toBeNull();
  });
  afterAll(() => dataSource.destroy());

  beforeEach(() => {
    workflows = new RecordingTrajectoryWorkflows();
    sut = new TasksService(
      new TaskRepository(dataSource),
      new HandoverRepository(dataSource),
      workflows,
      new ReferenceDataRepository(dataSource),
    );
  });

  const youthCareTask = () =>
    createTask(dataSource, { trajectoryId, organisationId: region.organisations['youth-care'] });
  const statusOf = async (id: string) => (await dataSource.getRepository(TaskEntity).findOneByOrFail({ id })).status;
  const outcome = { summary: 'Gesprek gevoerd; zorg loopt door.' };

  describe('scope', () => {
    it("answers not-found to another organisation's partner and to another region's coordinator", async () => {
      const task = await youthCareTask();
      const police = await principalOf(dataSource, region.users.police);
      const outsider = await principalOf(dataSource, other.users.coordinator);
      const coordinator = await principalOf(dataSource, region.users.coordinator);

      expect(await refusalOf(sut.get(police, task.id))).toMatchObject({ status: 404 });
      expect(await refusalOf(sut.get(outsider, task.id))).toMatchObject({ status: 404 });
      expect(await refusalOf(sut.complete(outsider, task.id, outcome))).toMatchObject({ status: 404 });
      expect((await sut.get(coordinator, task.id)).task.id).toBe(task.id);
      expect(await statusOf(task.id)).toBe('open');
      expect(workflows.calls).toEqual([]);
    });
  });

  describe('claim', () => {
    it('is mine once; a colleague who claims it after me gets a conflict', async () => {
      const task = await youthCareTask();

      expect((await sut.claim(partner, task.id)).task).toMatchObject({
        status: 'claimed',
        assigneeUserId: partner.userId,
      });
      expect((await sut.claim(partner, task.id)).task.assigneeUserId).toBe(partner.userId);
      expect(await refusalOf(sut.claim(colleague, task.id))).toMatchObject({ status: 409 });
      expect(await refusalOf(sut.complete(colleague, task.id, outcome))).toMatchObject({ status: 409 });
      expect(await statusOf(task.id)).toBe('claimed');
      expect(workflows.calls).toEqual([]);
    });
  });

  describe('complete', () => {
    it('stores the outcome, then tells the workflow which occurrence and organisation are done', async () => {
      const task = await youthCareTask();

      const done = await sut.complete(partner, task.id, outcome);

      expect(done.task).toMatchObject({ status: 'done', outcome });
      expect(workflows.calls).toEqual([
        {
          method: 'taskCompleted',
          trajectoryId,
          completion: { occurrenceKey: task.occurrenceKey, organisationId: region.organisations['youth-care'] },
        },
      ]);
    });

    it('is idempotent: the same outcome again is the same completion; another outcome is a conflict', async () => {
      const task = await youthCareTask();
      await sut.complete(partner, task.id, outcome);

      expect((await sut.complete(partner, task.id, outcome)).task.outcome).toEqual(outcome);
      expect(await refusalOf(sut.complete(partner, task.id, { summary: 'Iets anders' }))).toMatchObject({
        status: 409,
      });
      // Telling the workflow again is harmless, and makes sure it heard.
      expect(workflows.callsOf('taskCompleted')).toHaveLength(2);
    });

    it('refuses an invalid outcome field by field; the task stays open and the workflow hears nothing', async () => {
      const task = await youthCareTask();

      expect(await refusalOf(sut.complete(partner, task.id, { summary: '' }))).toMatchObject({
        status: 400,
        fields: ['outcome.summary'],
      });
      expect(await statusOf(task.id)).toBe('open');
      expect(workflows.calls).toEqual([]);
    });

    it('keeps the answer and says 503 when the workflow has not recorded the fire yet, or cannot be reached', async () => {
      const [early, unreached] = [await youthCareTask(), await youthCareTask()];
      workflows.failNext(
        'taskCompleted',
        workflowRefusal([{ path: 'occurrenceKey', code: 'not-fired', message: 'Not fired' }]),
      );
      workflows.failNext('taskCompleted', unreachable());

      expect(await refusalOf(sut.complete(partner, early.id, outcome))).toMatchObject({
        status: 503,
        code: 'not-yet-fired',
      });
      expect(await refusalOf(sut.complete(partner, unreached.id, outcome))).toMatchObject({
        status: 503,
        code: 'workflow-unavailable',
      });
      expect([await statusOf(early.id), await statusOf(unreached.id)]).toEqual(['done', 'done']);

      // Sending the same request again is the same completion, and this time the workflow hears it.
      expect((await sut.complete(partner, early.id, outcome)).task.status).toBe('done');
      expect(workflows.callsOf('taskCompleted')).toHaveLength(3);
    });

    it('lets the answer stand when the workflow has ended: there is nobody left to tell', async () => {
      const task = await youthCareTask();
      workflows.failNext('taskCompleted', noWorkflow(trajectoryId));

      expect((await sut.complete(partner, task.id, outcome)).task.status).toBe('done');
    });
  });

  describe('handovers', () => {
    it('are answered by acknowledging, by the receiving organisation only', async () => {
      const { handover, receivingTask } = await createHandover(dataSource, {
        trajectoryId,
        sendingOrganisationId: region.organisations.police,
        receivingOrganisationId: region.organisations['youth-care'],
      });
      const sender = await principalOf(dataSource, region.users.police);

      expect(await refusalOf(sut.complete(partner, receivingTask.id, outcome))).toMatchObject({
        status: 409,
        code: 'acknowledge-instead',
      });
      expect(await refusalOf(sut.acknowledge(sender, handover.id, true, null))).toMatchObject({
        status: 403,
        code: 'receiver-only',
      });
      expect(workflows.calls).toEqual([]);

      expect((await sut.acknowledge(partner, handover.id, true, null)).status).toBe('accepted');
      expect(await statusOf(receivingTask.id)).toBe('done');
      expect(workflows.callsOf('handoverAcknowledged')).toEqual([
        {
          method: 'handoverAcknowledged',
          trajectoryId,
          acknowledgement: {
            occurrenceKey: handover.occurrenceKey,
            organisationId: region.organisations['youth-care'],
            accepted: true,
          },
        },
      ]);
      expect(await refusalOf(sut.acknowledge(partner, handover.id, false, 'Geen plek'))).toMatchObject({
        status: 409,
      });
    });
  });
});
