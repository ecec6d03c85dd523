import type { DataSource } from 'typeorm';
import {
  AgendaRepository,
  LawfulPlacementRepository,
  ReferenceDataRepository,
  TaskRepository,
  TrajectoryEntity,
  TrajectoryRepository,
} from '@doorloop/persistence';
import { TrajectoriesService } from '../../apps/api/src/trajectories/trajectories.service';
import type { Principal } from '../../apps/api/src/auth/principal';
import { principalOf } from '../factories/principal.factory';
import { findTrajectory, trajectoryInput } from '../factories/trajectory.factory';
import { createTestRegion, type TestRegion } from '../test-region';
import { mediumDatabase } from './database';
import { today } from '../dates';
import { noWorkflow, refusalOf, unreachable, workflowRefusal } from './problems';
import { RecordingTrajectoryWorkflows } from './recording-trajectory-workflows';

describe('TrajectoriesService (PostgreSQL, Temporal stubbed at its port)', () => {
  let dataSource: DataSource;
  let region: TestRegion;
  let other: TestRegion;
  let coordinator: Principal;
  let workflows: RecordingTrajectoryWorkflows;
  let sut: TrajectoriesService;

  beforeAll(async () => {
    dataSource = await mediumDatabase();
    [region, other] = [await createTestRegion(dataSource), await createTestRegion(dataSource)];
    coordinator = await principalOf(dataSource, region.users.coordinator);
  });
  afterAll(() => dataSource.destroy());

  beforeEach(() => {
    workflows = new RecordingTrajectoryWorkflows();
    sut = new TrajectoriesService(
      new TrajectoryRepository(dataSource),
      new ReferenceDataRepository(dataSource),
      new AgendaRepository(dataSource),
      new TaskRepository(dataSource),
      workflows,
      new LawfulPlacementRepository(dataSource),
    );
  });

  const closureOf = async (trajectoryId: string) =>
    (
      await dataSource.query<{ closed_on: string; override_reason: string | null }[]>(
        `SELECT to_char(closed_on, 'YYYY-MM-DD') AS closed_on, override_reason FROM trajectory_closures
          WHERE trajectory_id = $1`,
        [trajectoryId],
      )
    )[0];

  describe('create', () => {
    it('stores the trajectory, then starts its workflow from the facts it stored', async () => {
      const input = trajectoryInput(region);

      const created = await sut.create(coordinator, input);

      const stored = await findTrajectory(dataSource, created.id);
      expect(stored).toMatchObject({
        pseudonym: input.pseudonym,
        municipalityCode: input.municipalityCode,
        regionId: region.id,
        coordinatorOrganisationId: region.organisations.coordinator,
        factsRevision: 1,
        status: 'active',
      });
      expect(stored!.facts.partners).toEqual(input.partners);
      const [start] = workflows.callsOf('startTrajectory');
      expect(workflows.calls).toHaveLength(1);
      expect(start.input).toMatchObject({ trajectoryId: created.id, revision: 1, factsRecorded: true });
      expect(start.input.facts).toEqual(stored!.facts);
    });

    it('has committed the row before the workflow is started: no transaction is open across the call', async () => {
      const seen: (TrajectoryEntity | null)[] = [];
      workflows.whileAnswering = async (call) => {
        // Another connection of the pool: it sees only what is committed.
        if (call.method === 'startTrajectory') seen.push(await findTrajectory(dataSource, call.trajectoryId));
      };

      const created = await sut.create(coordinator, trajectoryInput(region));

      expect(seen).toEqual([expect.objectContaining({ id: created.id, factsRevision: 1 })]);
    });

    it('withdraws the row when the workflow cannot be started: nothing half-written, 503 to send again', async () => {
      const input = trajectoryInput(region);
      workflows.failNext('startTrajectory', unreachable());

      expect(await refusalOf(sut.create(coordinator, input))).toMatchObject({
        status: 503,
        code: 'workflow-unavailable',
      });

      const [start] = workflows.callsOf('startTrajectory');
      expect(await findTrajectory(dataSource, start.trajectoryId)).toBeNull();
      expect(await dataSource.getRepository(TrajectoryEntity).countBy({ pseudonym: input.pseudonym })).toBe(0);
      // Its answer may have been lost: a workflow that did start must not outlive the withdrawn row.
      expect(workflows.callsOf('abandon', start.trajectoryId)).toHaveLength(1);
    });

    it('refuses a municipality of another region before anything is stored or started', async () => {
      const input = trajectoryInput(region, { municipalityCode: other.municipalities[0] });

      expect(await refusalOf(sut.create(coordinator, input))).toMatchObject({
        status: 400,
        fields: ['municipalityCode'],
      });
      expect(await dataSource.getRepository(TrajectoryEntity).countBy({ pseudonym: input.pseudonym })).toBe(0);
      expect(workflows.calls).toEqual([]);
    });
  });

  describe('scope', () => {
    it('answers not-found to a coordinator of another region, and sends nothing to the workflow', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      const outsider = await principalOf(dataSource, other.users.coordinator);
      workflows.calls.length = 0;

      expect(await refusalOf(sut.get(outsider, id))).toMatchObject({ status: 404 });
      expect(await refusalOf(sut.pause(outsider, id))).toMatchObject({ status: 404 });
      expect(await refusalOf(sut.milestones(outsider, id))).toMatchObject({ status: 404 });
      expect(workflows.calls).toEqual([]);
    });

    it('shows a director the trajectories of their municipalities only, in a list as one by one', async () => {
      const watched = await sut.create(coordinator, trajectoryInput(region));
      const elsewhere = await sut.create(
        coordinator,
        trajectoryInput(region, { municipalityCode: region.municipalities[1] }),
      );
      const director = await principalOf(dataSource, region.users.director);

      expect((await sut.get(director, watched.id)).id).toBe(watched.id);
      expect(await refusalOf(sut.get(director, elsewhere.id))).toMatchObject({ status: 404 });
      const listed = (await sut.list(director, { limit: 100 })).items.map((t) => t.id);
      expect(listed).toContain(watched.id);
      expect(listed).not.toContain(elsewhere.id);
    });
  });

  describe('close', () => {
    it('refuses a closure with neither checklist nor override before anything is recorded or sent', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      workflows.calls.length = 0;

      expect(await refusalOf(sut.close(coordinator, id, { date: today() }))).toMatchObject({ status: 400 });
      expect(await closureOf(id)).toBeUndefined();
      expect(workflows.calls).toEqual([]);
    });

    it('records the override and its reason, and asks the workflow to close on the date', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));

      await sut.close(coordinator, id, { date: today(), override: { reason: 'Verhuisd naar het buitenland' } });

      expect(await closureOf(id)).toEqual({ closed_on: today(), override_reason: 'Verhuisd naar het buitenland' });
      expect(workflows.callsOf('change', id)).toEqual([
        { method: 'change', trajectoryId: id, update: 'close', args: [{ date: today() }] },
      ]);
    });

    it('has committed the record before the workflow is asked to close', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      const seen: unknown[] = [];
      workflows.whileAnswering = async (call) => {
        if (call.method === 'change') seen.push(await closureOf(id));
      };

      await sut.close(coordinator, id, { date: today(), override: { reason: 'Verhuisd' } });

      expect(seen).toEqual([{ closed_on: today(), override_reason: 'Verhuisd' }]);
    });

    it('withdraws the record when the workflow refuses the closure', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      workflows.failNext(
        'change',
        workflowRefusal([{ path: 'date', code: 'before-start', message: 'Before the start' }]),
      );

      const refusal = await refusalOf(sut.close(coordinator, id, { date: today(), override: { reason: 'Test' } }));

      expect(refusal).toMatchObject({ status: 400, fields: ['date'] });
      expect(await closureOf(id)).toBeUndefined();
    });

    it('keeps the record when Temporal did not answer, and a new attempt replaces it', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      workflows.failNext('change', unreachable());

      await expect(
        sut.close(coordinator, id, { date: today(), override: { reason: 'Eerste poging' } }),
      ).rejects.toThrow('UNAVAILABLE');
      expect(await closureOf(id)).toMatchObject({ override_reason: 'Eerste poging' });

      await sut.close(coordinator, id, { date: today(), override: { reason: 'Tweede poging' } });
      expect(await closureOf(id)).toMatchObject({ override_reason: 'Tweede poging' });
    });

    it('never replaces nor withdraws the record of a trajectory that is closed', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      await sut.close(coordinator, id, { date: today(), override: { reason: 'Gesloten' } });
      // What the workflow's projection does once it has closed.
      await dataSource.query(`UPDATE trajectories SET status = 'closed', facts_revision = 2 WHERE id = $1`, [id]);
      workflows.failNext(
        'change',
        workflowRefusal([{ path: 'date', code: 'already-closed', message: 'The trajectory is already closed' }]),
      );

      expect(
        await refusalOf(sut.close(coordinator, id, { date: today(), override: { reason: 'Nog eens' } })),
      ).toMatchObject({ status: 400 });
      expect(await closureOf(id)).toMatchObject({ override_reason: 'Gesloten' });
    });
  });

  describe('changes', () => {
    it('passes a refusal without field errors on as a conflict', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      workflows.failNext('change', workflowRefusal([], 'The trajectory is paused already'));

      expect(await refusalOf(sut.pause(coordinator, id))).toMatchObject({ status: 409, code: 'change-refused' });
    });

    it('answers trajectory-ended when the workflow of a trajectory it ran for is gone', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      await dataSource.query(`UPDATE trajectories SET facts_revision = 3 WHERE id = $1`, [id]);
      workflows.calls.length = 0;
      workflows.failNext('change', noWorkflow(id));

      expect(await refusalOf(sut.pause(coordinator, id))).toMatchObject({ status: 409, code: 'trajectory-ended' });
      expect(workflows.callsOf('startTrajectory')).toEqual([]);
    });

    it('starts the workflow of a stored trajectory that never got one, then sends the change', async () => {
      const { id } = await sut.create(coordinator, trajectoryInput(region));
      const stored = (await findTrajectory(dataSource, id))!;
      workflows.calls.length = 0;
      workflows.failNext('change', noWorkflow(id));

      await sut.pause(coordinator, id);

      expect(workflows.calls.map((call) => call.method)).toEqual(['change', 'startTrajectory', 'change']);
      expect(workflows.callsOf('startTrajectory')[0].input).toMatchObject({
        trajectoryId: id,
        facts: stored.facts,
        revision: 1,
      });
    });
  });
});
