import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import {
  DEFAULT_POLICY,
  localDateOf,
  validateClosure,
  validateFacts,
  type FieldError as DomainFieldError,
  type TrajectoryFacts,
} from '@doorloop/domain';
import {
  AgendaRepository,
  ReferenceDataRepository,
  TaskRepository,
  TrajectoryRepository,
  type TrajectoryEntity,
} from '@doorloop/persistence';
import { TRAJECTORY_WORKFLOW_TYPE, trajectoryWorkflowId } from '@doorloop/temporal';
import {
  changeMunicipalityUpdate,
  changePlacementUpdate,
  closeUpdate,
  correctBirthDateUpdate,
  partnerJoinedUpdate,
  partnerLeftUpdate,
  pauseUpdate,
  recordCourtMeasureUpdate,
  resumeUpdate,
  type ChangeResult,
  type TrajectoryWorkflowInput,
} from '@doorloop/workflows';
import type { TrajectoryScope } from '../auth/access-policy';
import { decodeCursor, pageOf } from '../http/cursor';
import { ProblemError, type FieldError } from '../http/problem';
import { regionPolicy } from './region-policy';
import type {
  ListTrajectoriesQueryDto,
  ClosureDto,
  CourtMeasureDto,
  CreateTrajectoryDto,
  MunicipalityChangeDto,
  PartnerDto,
  PlacementChangeDto,
} from './trajectory.dto';
import { bodyFieldError, toProblem } from './update-errors';

type MilestoneStatus = 'upcoming' | 'fired' | 'late' | 'missed' | 'done' | 'cancelled';

@Injectable()
export class TrajectoriesService {
  constructor(
    private readonly trajectories: TrajectoryRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly agenda: AgendaRepository,
    private readonly tasks: TaskRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores the trajectory and starts its workflow as one unit: the row is committed only after Temporal accepted the
   * workflow, and a failure on either side leaves nothing behind.
   */
  async create(
    scope: TrajectoryScope,
    input: CreateTrajectoryDto,
    now: number = Date.now(),
  ): Promise<TrajectoryEntity> {
    const municipality = await this.referenceData.findMunicipality(input.municipalityCode);
    if (!municipality || municipality.regionId !== scope.regionId) {
      throw ProblemError.invalid([
        {
          in: 'body',
          field: 'municipalityCode',
          code: 'unknown-municipality',
          detail: `Unknown municipality ${input.municipalityCode} in your region: use one listed at /api/v1/municipalities.`,
        },
      ]);
    }
    const [coordinatorOrganisation, region] = await Promise.all([
      this.referenceData.findCoordinatorOrganisation(municipality.regionId),
      this.referenceData.findRegion(municipality.regionId),
    ]);
    if (!coordinatorOrganisation || !region) {
      throw new ProblemError(
        'region-not-configured',
        `The region of ${municipality.code} has no coordinating organisation yet; ask the regional admin to add one.`,
      );
    }
    await this.requireOrganisations(municipality.regionId, [
      ...input.partners.map((p, i) => [`partners[${i}].organisationId`, p.organisationId] as const),
      ...input.placements.map((p, i) => [`placements[${i}].providerOrganisationId`, p.providerOrganisationId] as const),
    ]);
    const id = randomUUID();
    const facts: TrajectoryFacts = {
      birthDate: input.birthDate,
      startedOn: now,
      coordinatorOrganisationId: coordinatorOrganisation.id,
      municipalityCode: municipality.code,
      partners: input.partners,
      placements: input.placements.map((p) => ({ id: randomUUID(), ...p })),
      courtMeasures: input.courtMeasures.map((m) => ({ id: randomUUID(), ...m })),
      pauses: [],
    };
    rejectInvalid(validateFacts(facts, now));
    const policy = regionPolicy(region);
    const workflowId = trajectoryWorkflowId(id);
    const row = {
      id,
      pseudonym: input.pseudonym,
      birthDate: input.birthDate,
      municipalityCode: municipality.code,
      regionId: municipality.regionId,
      coordinatorOrganisationId: coordinatorOrganisation.id,
      policyVersion: policy.version,
      facts,
      // The facts at the workflow's first revision, written here in the transaction that starts it, so the workflow
      // need not record them again (one activity less per start). New facts have no closure and no pause: 'active'.
      factsRevision: 1,
    };
    try {
      await this.trajectories.insertWithin(row, async () => {
        const args: [TrajectoryWorkflowInput] = [
          { trajectoryId: id, facts, policy, revision: row.factsRevision, factsRecorded: true },
        ];
        await this.temporal.workflow.start(TRAJECTORY_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args,
        });
      });
    } catch (error) {
      // The commit failed after the start: the workflow must not outlive the trajectory it belongs to.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        await this.temporal.workflow
          .getHandle(workflowId)
          .terminate('trajectory was not stored')
          .catch(() => undefined);
      }
      throw error;
    }
    return this.get(scope, id);
  }

  /** A trajectory within the principal's scope (access-policy.ts); outside it, one that does not exist: 404. */
  async get(scope: TrajectoryScope, id: string): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.findById(id);
    if (!trajectory || !inScope(scope, trajectory)) throw ProblemError.notFound(`Trajectory ${id}`);
    return trajectory;
  }

  /** Trajectories within scope, newest first, by pseudonym prefix and status. */
  async list(scope: TrajectoryScope, query: ListTrajectoriesQueryDto) {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isTrajectoryKey);
    const rows = await this.trajectories.list(
      { regionId: scope.regionId, municipalityCodes: scope.municipalityCodes },
      {
        pseudonymPrefix: query.pseudonym,
        statuses: query.status,
        after: after && { createdAt: new Date(after[0]), id: after[1] },
        limit: query.limit + 1,
      },
    );
    return pageOf(rows, query.limit, (last) => [last.createdAt.toISOString(), last.id]);
  }

  /** After a change the caller made within scope. */
  private async reread(id: string): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.findById(id);
    if (!trajectory) throw ProblemError.notFound(`Trajectory ${id}`);
    return trajectory;
  }

  /** Past and upcoming milestones from the agenda projection; done and cancelled come from the tasks themselves. */
  async milestones(scope: TrajectoryScope, id: string) {
    await this.get(scope, id);
    const [rows, taskStatuses] = await Promise.all([this.agenda.list(id), this.tasks.statusesByOccurrence(id)]);
    return rows.map((row) => {
      const tasks = taskStatuses.get(row.occurrenceKey);
      return {
        kind: row.kind,
        occurrence: row.occurrence,
        fireDate: row.fireDate,
        // Once fired, the tasks say when it is due (a late occurrence is due counted from when it actually fired).
        dueDate: tasks ? localDateOf(tasks.dueAt.getTime(), DEFAULT_POLICY.timeZone) : row.dueDate,
        status: milestoneStatus(row.status, tasks),
        assignees: row.assignees,
      };
    });
  }

  async changePlacement(scope: TrajectoryScope, id: string, change: PlacementChangeDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(scope, id);
    await this.requireOrganisations(trajectory.regionId, [['providerOrganisationId', change.providerOrganisationId]]);
    return this.update(trajectory, changePlacementUpdate, { placement: { id: randomUUID(), ...change } });
  }

  async addCourtMeasure(scope: TrajectoryScope, id: string, measure: CourtMeasureDto): Promise<TrajectoryEntity> {
    return this.update(await this.get(scope, id), recordCourtMeasureUpdate, {
      courtMeasure: { id: randomUUID(), ...measure },
    });
  }

  async replaceCourtMeasure(
    scope: TrajectoryScope,
    id: string,
    courtMeasureId: string,
    measure: CourtMeasureDto,
  ): Promise<TrajectoryEntity> {
    const trajectory = await this.get(scope, id);
    if (!trajectory.facts.courtMeasures.some((m) => m.id === courtMeasureId))
      throw ProblemError.notFound(`Court measure ${courtMeasureId}`);
    return this.update(trajectory, recordCourtMeasureUpdate, { courtMeasure: { id: courtMeasureId, ...measure } });
  }

  async correctBirthDate(scope: TrajectoryScope, id: string, birthDate: string): Promise<TrajectoryEntity> {
    return this.update(await this.get(scope, id), correctBirthDateUpdate, { birthDate });
  }

  async addPartner(scope: TrajectoryScope, id: string, partner: PartnerDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(scope, id);
    await this.requireOrganisations(trajectory.regionId, [['organisationId', partner.organisationId]]);
    return this.update(trajectory, partnerJoinedUpdate, { partner });
  }

  async removePartner(scope: TrajectoryScope, id: string, partner: PartnerDto): Promise<TrajectoryEntity> {
    return this.update(await this.get(scope, id), partnerLeftUpdate, { partner });
  }

  async changeMunicipality(
    scope: TrajectoryScope,
    id: string,
    change: MunicipalityChangeDto,
  ): Promise<TrajectoryEntity> {
    const trajectory = await this.get(scope, id);
    const municipality = await this.referenceData.findMunicipality(change.municipalityCode);
    if (!municipality || municipality.regionId !== trajectory.regionId) {
      throw ProblemError.invalid([
        {
          in: 'body',
          field: 'municipalityCode',
          code: 'unknown-municipality',
          detail: `Unknown municipality ${change.municipalityCode} in this region.`,
        },
      ]);
    }
    return this.update(trajectory, changeMunicipalityUpdate, { municipalityCode: municipality.code });
  }

  async pause(scope: TrajectoryScope, id: string): Promise<TrajectoryEntity> {
    return this.update(await this.get(scope, id), pauseUpdate);
  }

  async resume(scope: TrajectoryScope, id: string): Promise<TrajectoryEntity> {
    return this.update(await this.get(scope, id), resumeUpdate);
  }

  /** Closing needs the exit checklist, or an override with its reason; both stay in PostgreSQL. */
  async close(scope: TrajectoryScope, id: string, closure: ClosureDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(scope, id);
    rejectInvalid(validateClosure({ checklist: closure.checklist, override: closure.override }));
    try {
      await this.trajectories.recordClosureWithin(
        {
          trajectoryId: id,
          closedOn: closure.date,
          checklist: closure.checklist,
          overrideReason: closure.override?.reason ?? null,
        },
        async () => {
          await this.handle(id).executeUpdate(closeUpdate, { args: [{ date: closure.date }] });
        },
      );
    } catch (error) {
      throw toProblem(error, id);
    }
    return this.get(scope, trajectory.id);
  }

  private async update<Args extends unknown[]>(
    trajectory: TrajectoryEntity,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<TrajectoryEntity> {
    try {
      // The SDK overloads executeUpdate on whether Args is empty, which a generic Args cannot select; the payload is
      // typed by the definition at every call site above.
      await this.handle(trajectory.id).executeUpdate(
        definition as unknown as UpdateDefinition<ChangeResult, [unknown]>,
        {
          args: args as unknown as [unknown],
        },
      );
    } catch (error) {
      throw toProblem(error, trajectory.id);
    }
    return this.reread(trajectory.id);
  }

  private handle(id: string): WorkflowHandle {
    return this.temporal.workflow.getHandle(trajectoryWorkflowId(id));
  }

  /** Every organisation a request names must exist in the trajectory's region; each one missing is a field error. */
  private async requireOrganisations(
    regionId: string,
    references: readonly (readonly [string, string])[],
  ): Promise<void> {
    const found = await this.referenceData.findOrganisations([...new Set(references.map(([, orgId]) => orgId))]);
    const known = new Set(found.filter((o) => o.regionId === regionId).map((o) => o.id));
    const errors: FieldError[] = references
      .filter(([, orgId]) => !known.has(orgId))
      .map(([field, orgId]) => ({
        in: 'body',
        field,
        code: 'unknown-organisation',
        detail: `Unknown organisation ${orgId}: use one listed at /api/v1/organisations.`,
      }));
    if (errors.length > 0) throw ProblemError.invalid(errors);
  }
}

function rejectInvalid(problems: readonly DomainFieldError[]): void {
  if (problems.length > 0) throw ProblemError.invalid(problems.map((p) => bodyFieldError(p)));
}

/** A fired occurrence is done when all its tasks are done, cancelled when all are cancelled. */
function milestoneStatus(
  projected: 'upcoming' | 'late' | 'missed' | 'fired',
  tasks: { done: number; cancelled: number; total: number } | undefined,
): MilestoneStatus {
  if (projected !== 'fired' || !tasks || tasks.total === 0) return projected;
  if (tasks.done === tasks.total) return 'done';
  if (tasks.cancelled === tasks.total) return 'cancelled';
  return 'fired';
}

function inScope(scope: TrajectoryScope, trajectory: TrajectoryEntity): boolean {
  return (
    trajectory.regionId === scope.regionId &&
    (scope.municipalityCodes === undefined || scope.municipalityCodes.includes(trajectory.municipalityCode))
  );
}

const isTrajectoryKey = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  !Number.isNaN(Date.parse(value[0])) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/.test(value[1]);
