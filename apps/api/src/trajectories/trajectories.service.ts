import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  basesAllowedOn,
  DEFAULT_POLICY,
  type LegalBasis,
  localDateOf,
  pseudonymFinding,
  validateClosure,
  validateFacts,
  type TimingPolicy,
  canPlayPartnerRole,
  type PartnerRole,
  type FieldError as DomainFieldError,
  type TrajectoryFacts,
} from '@doorloop/domain';
import {
  AgendaRepository,
  LawfulPlacementRepository,
  ReferenceDataRepository,
  TaskRepository,
  TrajectoryRepository,
  type TrajectoryEntity,
} from '@doorloop/persistence';
import {
  changeMunicipalityUpdate,
  changePlacementUpdate,
  chooseReceiverUpdate,
  reopenUpdate,
  setLegalBasesUpdate,
  closeUpdate,
  correctBirthDateUpdate,
  partnerJoinedUpdate,
  partnerLeftUpdate,
  pauseUpdate,
  pauseWithReasonUpdate,
  recordCourtMeasureUpdate,
  resumeUpdate,
  type ChangeResult,
  type TrajectoryWorkflowInput,
} from '@doorloop/workflows';
import type { PauseRequest, Trajectory } from '@doorloop/contracts';
import { trajectoryScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { decodeCursor, isMomentIdKey, pageOf } from '../http/cursor';
import { ProblemError, type FieldError } from '../http/problem';
import { courtMeasureFindings, lawfulAtStart, placementFindings, verdict } from './lawful-placements';
import { regionPolicy } from './region-policy';
import { presentTrajectory } from './trajectory.presenter';
import type {
  ListTrajectoriesQueryDto,
  ClosureDto,
  CourtMeasureDto,
  CreateTrajectoryDto,
  HandoverRequestDto,
  LegalBasesChangeDto,
  MunicipalityChangeDto,
  ReopeningDto,
  PartnerDto,
  PlacementChangeDto,
} from './trajectory.dto';
import { TrajectoryWorkflows } from './trajectory-workflows.port';
import { bodyFieldError, toProblem } from './update-errors';

type MilestoneStatus = 'upcoming' | 'fired' | 'late' | 'missed' | 'done' | 'cancelled';

@Injectable()
export class TrajectoriesService {
  private readonly logger = new Logger(TrajectoriesService.name);

  constructor(
    private readonly trajectories: TrajectoryRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly agenda: AgendaRepository,
    private readonly tasks: TaskRepository,
    private readonly workflows: TrajectoryWorkflows,
    private readonly lawful: LawfulPlacementRepository,
  ) {}

  /**
   * Stores the trajectory, then starts its workflow; no transaction is held open while Temporal is asked. When the start
   * fails the row is removed again (and a workflow that did start after all is ended): nothing half-written stays, and
   * the answer is 503, to send again. A row whose workflow never started (the api died between the two) is started on
   * its next change; see docs/architecture.md.
   */
  async create(principal: Principal, input: CreateTrajectoryDto, now: number = Date.now()): Promise<TrajectoryEntity> {
    const municipality = await this.requireMunicipality(input.municipalityCode, trajectoryScope(principal).regionId);
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
    requireRegionPrefix(input.pseudonym, region.pseudonymPrefix);
    await this.requireOrganisations(municipality.regionId, [
      ...input.partners.map((p, i) => [`partners[${i}].organisationId`, p.organisationId, p.role] as const),
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
    rejectInvalid([...validateFacts(facts, now), ...lawfulAtStart(facts)]);
    const policy = regionPolicy(region);
    const row = {
      id,
      pseudonym: input.pseudonym,
      birthDate: input.birthDate,
      municipalityCode: municipality.code,
      regionId: municipality.regionId,
      coordinatorOrganisationId: coordinatorOrganisation.id,
      policyVersion: policy.version,
      facts,
      // The facts at the workflow's first revision, written here before it starts, so the workflow need not record them
      // again (one activity less per start). New facts have no closure and no pause: 'active'.
      factsRevision: 1,
    };
    if ((await this.trajectories.insert(row)) === 'pseudonym-taken') {
      throw new ProblemError(
        'pseudonym-taken',
        `Your region already has a trajectory ${input.pseudonym}: choose another pseudonym, or open that trajectory.`,
      );
    }
    try {
      await this.workflows.startTrajectory(workflowInput(row, policy));
    } catch (error) {
      this.logger.warn({ err: error, trajectoryId: id }, 'The workflow did not start; the trajectory is withdrawn');
      // The answer may have been lost after all: a workflow must not outlive the trajectory it belongs to.
      await this.workflows.abandon(id, 'trajectory was not stored').catch(() => undefined);
      await this.trajectories.remove(id);
      throw new ProblemError(
        'workflow-unavailable',
        'The trajectory could not be started, so nothing was stored. Send the same request again in a moment.',
        { headers: { 'Retry-After': '5' } },
      );
    }
    return this.get(principal, id);
  }

  /** A trajectory within the principal's scope (access-policy.ts); outside it, one that does not exist: 404. */
  async get(principal: Principal, id: string): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.findInScope(id, trajectoryScope(principal));
    if (!trajectory) throw ProblemError.notFound(`Trajectory ${id}`);
    return trajectory;
  }

  /** Trajectories within scope, newest first, by pseudonym prefix and status. */
  async list(principal: Principal, query: ListTrajectoriesQueryDto) {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isMomentIdKey);
    const rows = await this.trajectories.list(trajectoryScope(principal), {
      pseudonymPrefix: query.pseudonym,
      statuses: query.status,
      after: after && { createdAt: new Date(after[0]), id: after[1] },
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, (last) => [last.createdAt.toISOString(), last.id]);
  }

  /** After a change the caller made within scope. */
  async reread(id: string): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.findById(id);
    if (!trajectory) throw ProblemError.notFound(`Trajectory ${id}`);
    return trajectory;
  }

  /** Past and upcoming milestones from the agenda projection; done and cancelled come from the tasks themselves. */
  async milestones(principal: Principal, id: string) {
    await this.get(principal, id);
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

  /**
   * A change of placement says why (`changeReason`; the text of "other" stays in PostgreSQL). A closed placement that
   * breaks a legal rule is refused, unless the body sets the rule aside with an override: then it is recorded, marked
   * `overridden`, and `overridden` in the answer tells the controller to audit an override.
   */
  async changePlacement(principal: Principal, id: string, change: PlacementChangeDto): Promise<LawfulChange> {
    const trajectory = await this.get(principal, id);
    await this.requireOrganisations(trajectory.regionId, [['providerOrganisationId', change.providerOrganisationId]]);
    const { override, changeReasonText, ...input } = change;
    const placement = { id: randomUUID(), ...input };
    const rules = verdict(placementFindings(placement, trajectory.facts.birthDate), override);
    const overridden = rules.length > 0 ? { overridden: true } : {};
    const records = [
      ...(rules.length > 0 && override
        ? [
            {
              kind: 'override' as const,
              subject: 'placement' as const,
              subjectId: placement.id,
              rules,
              reason: override.reason,
            },
          ]
        : []),
      ...(changeReasonText === undefined
        ? []
        : [{ kind: 'note' as const, subject: 'placement' as const, subjectId: placement.id, note: changeReasonText }]),
    ];
    await this.sendWithRecords(principal, trajectory, records, () =>
      this.send(trajectory, changePlacementUpdate, { placement: { ...placement, ...overridden } }),
    );
    return { trajectory: await this.reread(id), overridden: rules.length > 0 };
  }

  async addCourtMeasure(principal: Principal, id: string, measure: CourtMeasureDto): Promise<LawfulChange> {
    return this.recordCourtMeasure(principal, await this.get(principal, id), randomUUID(), measure);
  }

  async replaceCourtMeasure(
    principal: Principal,
    id: string,
    courtMeasureId: string,
    measure: CourtMeasureDto,
  ): Promise<LawfulChange> {
    const trajectory = await this.get(principal, id);
    if (!trajectory.facts.courtMeasures.some((m) => m.id === courtMeasureId))
      throw ProblemError.notFound(`Court measure ${courtMeasureId}`);
    return this.recordCourtMeasure(principal, trajectory, courtMeasureId, measure);
  }

  /** A machtiging longer than its subtype allows, or closed care past 18 + 6 months: refused unless overridden. */
  private async recordCourtMeasure(
    principal: Principal,
    trajectory: TrajectoryEntity,
    measureId: string,
    change: CourtMeasureDto,
  ): Promise<LawfulChange> {
    const { override, ...input } = change;
    const measure = { id: measureId, ...input };
    const rules = verdict(courtMeasureFindings(measure, trajectory.facts.birthDate), override);
    const records =
      rules.length > 0 && override
        ? [
            {
              kind: 'override' as const,
              subject: 'court-measure' as const,
              subjectId: measureId,
              rules,
              reason: override.reason,
            },
          ]
        : [];
    const courtMeasure = rules.length > 0 ? { ...measure, overridden: true } : measure;
    await this.sendWithRecords(principal, trajectory, records, () =>
      this.send(trajectory, recordCourtMeasureUpdate, { courtMeasure }),
    );
    return { trajectory: await this.reread(trajectory.id), overridden: rules.length > 0 };
  }

  /**
   * Sends a change after recording what stays in PostgreSQL beside it (overrides, notes); when the workflow refuses or
   * says it has ended, the records are withdrawn; when nobody knows whether the change went through, they stay.
   */
  async sendWithRecords(
    principal: Principal,
    trajectory: TrajectoryEntity,
    records: readonly LawfulRecord[],
    change: () => Promise<ChangeResult>,
  ): Promise<void> {
    const overrides: string[] = [];
    const notes: string[] = [];
    for (const record of records) {
      const common = { trajectoryId: trajectory.id, subjectId: record.subjectId, recordedBy: principal.userId };
      if (record.kind === 'override') {
        overrides.push(await this.lawful.recordOverride({ ...common, ...record }));
      } else {
        notes.push(await this.lawful.recordNote({ ...common, subject: record.subject, note: record.note }));
      }
    }
    try {
      await change();
    } catch (error) {
      const problem = toProblem(error, trajectory.id);
      if (problem !== error) {
        await this.lawful.withdraw('legal_overrides', overrides);
        await this.lawful.withdraw('placement_notes', notes);
      }
      throw problem;
    }
  }

  /** A single trajectory as the api shows it: with what the database keeps beside its facts (overrides, notes). */
  async view(trajectory: TrajectoryEntity): Promise<Trajectory> {
    const [overrides, notes] = await Promise.all([
      this.lawful.overridesOf(trajectory.id),
      this.lawful.notesOf(trajectory.id),
    ]);
    return presentTrajectory(trajectory, { overrides, notes });
  }

  async correctBirthDate(principal: Principal, id: string, birthDate: string): Promise<TrajectoryEntity> {
    return this.update(await this.get(principal, id), correctBirthDateUpdate, { birthDate });
  }

  async addPartner(principal: Principal, id: string, partner: PartnerDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(principal, id);
    await this.requireOrganisations(trajectory.regionId, [['organisationId', partner.organisationId, partner.role]]);
    return this.update(trajectory, partnerJoinedUpdate, { partner });
  }

  async removePartner(principal: Principal, id: string, partner: PartnerDto): Promise<TrajectoryEntity> {
    return this.update(await this.get(principal, id), partnerLeftUpdate, { partner });
  }

  async changeMunicipality(principal: Principal, id: string, change: MunicipalityChangeDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(principal, id);
    const municipality = await this.requireMunicipality(change.municipalityCode, trajectory.regionId);
    // The new municipality's organisation replaces the Wmo partner, when the region has one (docs/policy.md).
    const organisation = await this.referenceData.findMunicipalityOrganisation(trajectory.regionId, municipality.code);
    return this.update(trajectory, changeMunicipalityUpdate, {
      municipalityCode: municipality.code,
      ...(organisation ? { wmoOrganisationId: organisation.id } : {}),
    });
  }

  /** Corrects the legal-basis periods: the list replaces the recorded one, checked as a whole by the workflow. */
  async setLegalBases(principal: Principal, id: string, change: LegalBasesChangeDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(principal, id);
    await this.requireOrganisations(
      trajectory.regionId,
      change.legalBases.flatMap((period, i) =>
        period.providerOrganisationId === undefined
          ? []
          : [[`legalBases[${i}].providerOrganisationId`, period.providerOrganisationId] as const],
      ),
    );
    return this.update(trajectory, setLegalBasesUpdate, { legalBases: change.legalBases });
  }

  /**
   * The coordinator chose a receiving organisation (after a rejection, or whenever help must change hands): a new
   * handover occurrence fires to it. The note stays in PostgreSQL; the record is withdrawn when the workflow refuses.
   */
  async requestHandover(principal: Principal, id: string, request: HandoverRequestDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(principal, id);
    const { receivingOrganisationId } = request;
    await this.requireOrganisations(trajectory.regionId, [['receivingOrganisationId', receivingOrganisationId]]);
    const recordId = await this.trajectories.recordReceiverChoice({
      trajectoryId: id,
      receivingOrganisationId,
      note: request.note ?? null,
      recordedBy: principal.userId,
    });
    await this.withRecord('receiver_choices', recordId, trajectory, () =>
      this.send(trajectory, chooseReceiverUpdate, { receivingOrganisationId }),
    );
    return this.reread(id);
  }

  /**
   * Brings a closed trajectory back. The reason stays in PostgreSQL (withdrawn when the workflow refuses, e.g. the
   * trajectory is not closed); the answer says which legal bases help may have from the reopening date.
   */
  async reopen(
    principal: Principal,
    id: string,
    reopening: ReopeningDto,
  ): Promise<{ trajectory: TrajectoryEntity; allowedBases: LegalBasis[] }> {
    const trajectory = await this.get(principal, id);
    if (trajectory.status !== 'closed') {
      throw ProblemError.invalid([
        {
          in: 'body',
          field: 'date',
          code: 'not-closed',
          detail: 'The trajectory is not closed: only a closed trajectory can be reopened.',
        },
      ]);
    }
    const recordId = await this.trajectories.recordReopening({
      trajectoryId: id,
      reopenedOn: reopening.date,
      reason: reopening.reason,
      recordedBy: principal.userId,
    });
    await this.withRecord('trajectory_reopenings', recordId, trajectory, () =>
      this.reopenWorkflow(trajectory, reopening.date),
    );
    const reopened = await this.reread(id);
    return { trajectory: reopened, allowedBases: basesAllowedOn(reopened.facts, reopening.date) };
  }

  /**
   * Asks the trajectory's workflow to reopen. A closed trajectory's workflow ends once aftercare is done; then a new
   * run starts, under the same workflow id, from the recorded facts and from what the tasks say fired (and what was
   * done with it), and receives the reopening as its first change: the schedule resumes from the facts and nothing
   * that fired fires again.
   */
  private async reopenWorkflow(trajectory: TrajectoryEntity, date: string): Promise<ChangeResult> {
    try {
      return await this.workflows.change(trajectory.id, reopenUpdate, { date });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const region = await this.referenceData.findRegion(trajectory.regionId);
      if (!region) throw error;
      const ledger = await this.tasks.firedLedger(trajectory.id);
      this.logger.log({ trajectoryId: trajectory.id }, 'A trajectory whose workflow had ended is reopened: new run');
      const input: TrajectoryWorkflowInput = {
        ...workflowInput(trajectory, regionPolicy(region)),
        fired: ledger.occurrences.map((o) => o.occurrenceKey),
        assignments: Object.fromEntries(
          ledger.occurrences.map(({ occurrenceKey, organisations, receiving, kind, firedAt, dueAt }) => [
            occurrenceKey,
            { organisations, ...(receiving === undefined ? {} : { receiving }), kind, firedAt, dueAt },
          ]),
        ),
        completed: ledger.completed,
        acknowledged: ledger.acknowledged,
        escalated: ledger.escalated,
        // The agenda in PostgreSQL is the ended run's; the new run projects its own at once.
        agendaProjected: false,
        continuityAt18: true,
      };
      return this.workflows.changeAfterEnd(input, reopenUpdate, { date });
    }
  }

  /**
   * Sends a change whose free text is already recorded (`table`, `recordId`): when the workflow answers with a refusal
   * or says it has ended, the record is withdrawn, so nothing of a refused request stays; when nobody knows whether the
   * change went through, the record stays.
   */
  private async withRecord(
    table: 'trajectory_reopenings' | 'receiver_choices',
    recordId: string,
    trajectory: TrajectoryEntity,
    change: () => Promise<ChangeResult>,
  ): Promise<void> {
    try {
      await change();
    } catch (error) {
      const problem = toProblem(error, trajectory.id);
      if (problem !== error) await this.trajectories.withdrawRecord(table, recordId);
      throw problem;
    }
  }

  /** A pause says why (issue 13; the text of "other" stays in PostgreSQL). Missing is no pause: see missing episodes. */
  async pause(principal: Principal, id: string, request?: PauseRequest): Promise<TrajectoryEntity> {
    const trajectory = await this.get(principal, id);
    if (request === undefined) return this.update(trajectory, pauseUpdate);
    const records =
      request.reasonText === undefined
        ? []
        : [
            {
              kind: 'note' as const,
              subject: 'pause' as const,
              subjectId: String(trajectory.facts.pauses.length),
              note: request.reasonText,
            },
          ];
    await this.sendWithRecords(principal, trajectory, records, () =>
      this.send(trajectory, pauseWithReasonUpdate, { reason: request.reason }),
    );
    return this.reread(id);
  }

  async resume(principal: Principal, id: string): Promise<TrajectoryEntity> {
    return this.update(await this.get(principal, id), resumeUpdate);
  }

  /**
   * Closing needs the exit checklist, or an override with its reason; both stay in PostgreSQL. The record is written
   * first, then the workflow is asked; when it refuses, the record is withdrawn. When the outcome is unknown (Temporal
   * did not answer) the record stays: it counts only once the trajectory is closed, and a new attempt replaces it.
   */
  async close(principal: Principal, id: string, closure: ClosureDto): Promise<TrajectoryEntity> {
    const trajectory = await this.get(principal, id);
    rejectInvalid(validateClosure({ checklist: closure.checklist, override: closure.override }));
    await this.trajectories.recordClosure({
      trajectoryId: id,
      closedOn: closure.date,
      checklist: closure.checklist,
      overrideReason: closure.override?.reason ?? null,
    });
    try {
      await this.send(trajectory, closeUpdate, { date: closure.date });
    } catch (error) {
      const problem = toProblem(error, id);
      // Translated means the workflow answered: refused, or ended. Otherwise nobody knows whether it closed.
      if (problem !== error) await this.trajectories.withdrawClosure(id);
      throw problem;
    }
    return this.get(principal, trajectory.id);
  }

  async update<Args extends unknown[]>(
    trajectory: TrajectoryEntity,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<TrajectoryEntity> {
    try {
      await this.send(trajectory, definition, ...args);
    } catch (error) {
      throw toProblem(error, trajectory.id);
    }
    return this.reread(trajectory.id);
  }

  /**
   * Sends a change to the trajectory's workflow. A trajectory still at its first revision and not closed has never
   * heard from a workflow; if none exists, the api died between storing it and starting it: it is started now, from
   * the row, and the change sent again.
   */
  async send<Args extends unknown[]>(
    trajectory: TrajectoryEntity,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult> {
    try {
      return await this.workflows.change(trajectory.id, definition, ...args);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError) || trajectory.factsRevision !== 1 || trajectory.status === 'closed')
        throw error;
      const region = await this.referenceData.findRegion(trajectory.regionId);
      if (!region) throw error;
      this.logger.warn({ trajectoryId: trajectory.id }, 'A stored trajectory had no workflow; it is started now');
      await this.workflows.startTrajectory(workflowInput(trajectory, regionPolicy(region)));
      return this.workflows.change(trajectory.id, definition, ...args);
    }
  }

  /** The municipality a body names (`municipalityCode`), which must be one of `regionId`'s. */
  private async requireMunicipality(code: string, regionId: string) {
    const municipality = await this.referenceData.findMunicipality(code);
    if (municipality?.regionId === regionId) return municipality;
    const detail = `Unknown municipality ${code} in this region: use one listed at /api/v1/municipalities.`;
    throw ProblemError.invalid([{ in: 'body', field: 'municipalityCode', code: 'unknown-municipality', detail }]);
  }

  /**
   * Every organisation a request names must exist in the trajectory's region, and a partner must join in the role its
   * organisation plays; each finding is a field error (the role's on the `role` beside the organisation id).
   */
  private async requireOrganisations(
    regionId: string,
    references: readonly (readonly [string, string, PartnerRole?])[],
  ): Promise<void> {
    const found = await this.referenceData.findOrganisations([...new Set(references.map(([, orgId]) => orgId))]);
    const known = new Map(found.filter((o) => o.regionId === regionId).map((o) => [o.id, o.role]));
    const errors = references.flatMap(([field, orgId, role]): FieldError[] => {
      const organisationRole = known.get(orgId);
      if (organisationRole === undefined) {
        const detail = `Unknown organisation ${orgId}: use one listed at /api/v1/organisations.`;
        return [{ in: 'body', field, code: 'unknown-organisation', detail }];
      }
      if (role === undefined || canPlayPartnerRole(organisationRole, role)) return [];
      const roleField = field.replace(/organisationId$/, 'role');
      const detail = `This organisation is a ${organisationRole} organisation: name it in that role, or choose another.`;
      return [{ in: 'body', field: roleField, code: 'role-mismatch', detail }];
    });
    if (errors.length > 0) throw ProblemError.invalid(errors);
  }
}

/** A change that may set a legal rule aside: `overridden` when it did (the controller audits an override). */
export interface LawfulChange {
  trajectory: TrajectoryEntity;
  overridden: boolean;
}

/** What a change keeps in PostgreSQL beside the facts: an override of legal rules, or a free text. */
export type LawfulRecord =
  | {
      kind: 'override';
      subject: 'placement' | 'court-measure';
      subjectId: string;
      rules: readonly string[];
      reason: string;
    }
  | { kind: 'note'; subject: 'placement' | 'pause' | 'missing-episode'; subjectId: string; note: string };

/** A pseudonym starts with its region's prefix (the shape and the rest are the contract's to check). */
function requireRegionPrefix(pseudonym: string, prefix: string): void {
  if (pseudonymFinding(pseudonym, prefix) !== 'wrong-prefix') return;
  const detail = `Start the pseudonym with your region's prefix ${prefix}-, e.g. ${prefix}-7F3K.`;
  throw ProblemError.invalid([{ in: 'body', field: 'pseudonym', code: 'wrong-prefix', detail }]);
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

/** The workflow of a stored trajectory starts from the facts in its row, which it need not record again. */
function workflowInput(
  row: Pick<TrajectoryEntity, 'id' | 'facts' | 'factsRevision'>,
  policy: TimingPolicy,
): TrajectoryWorkflowInput {
  return { trajectoryId: row.id, facts: row.facts, policy, revision: row.factsRevision, factsRecorded: true };
}
