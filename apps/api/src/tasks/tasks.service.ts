import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { addDuration, DEFAULT_TIME_ZONE, requireDuration, startOfLocalDay } from '@doorloop/domain';
import {
  HandoverRepository,
  ReferenceDataRepository,
  TaskRepository,
  type ChangeOutcome,
  type HandoverEntity,
  type TaskFilter,
  type TaskView,
} from '@doorloop/persistence';
import { recordContinuationUpdate, type ContinuationChange } from '@doorloop/workflows';
import { taskScope, trajectoryScope } from '../auth/access-policy';
import { TrajectoryWorkflows } from '../trajectories/trajectory-workflows.port';
import { refusalOf, toProblem } from '../trajectories/update-errors';
import type { Principal } from '../auth/principal';
import { decodeCursor, isMomentIdKey, pageOf } from '../http/cursor';
import { fieldErrors } from '../http/field-errors';
import { ProblemError } from '../http/problem';
import { OUTCOME_SCHEMAS } from '@doorloop/contracts';
import type { ListTasksQueryDto } from './task.dto';

/**
 * Partners work their inbox: list, claim, complete tasks and acknowledge handovers. PostgreSQL records what was done
 * first, in one conditional statement; then the workflow hears of it. A repeat of the same answer is the same answer
 * (200) and tells the workflow again, which is harmless; a different answer after the first is a 409. What lies outside
 * the principal's scope (access-policy.ts) answers 404.
 */
@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly handovers: HandoverRepository,
    private readonly workflows: TrajectoryWorkflows,
    private readonly referenceData: ReferenceDataRepository,
  ) {}

  async list(principal: Principal, query: ListTasksQueryDto) {
    const filter: TaskFilter = {
      statuses: query.status ?? ['open', 'claimed'],
      kinds: query.kind,
      organisationId: query.organisationId,
      trajectoryId: query.trajectoryId,
      dueFrom: query.dueFrom === undefined ? undefined : new Date(startOfLocalDay(query.dueFrom, DEFAULT_TIME_ZONE)),
      dueBefore:
        query.dueTo === undefined
          ? undefined
          : new Date(
              addDuration(startOfLocalDay(query.dueTo, DEFAULT_TIME_ZONE), requireDuration('P1D'), DEFAULT_TIME_ZONE),
            ),
      limit: query.limit + 1,
    };
    if (query.cursor !== undefined) {
      const [dueAt, id] = decodeCursor(query.cursor, isMomentIdKey);
      filter.after = { dueAt: new Date(dueAt), id };
    }
    const rows = await this.tasks.list(taskScope(principal), filter);
    return pageOf(rows, query.limit, (last) => [last.task.dueAt.toISOString(), last.task.id]);
  }

  async get(principal: Principal, id: string): Promise<TaskView> {
    const view = await this.tasks.view(id, taskScope(principal));
    if (!view) throw ProblemError.notFound(`Task ${id}`);
    return view;
  }

  async claim(principal: Principal, id: string): Promise<TaskView> {
    assignedTo(principal, (await this.get(principal, id)).task);
    settled(await this.tasks.claim(id, principal.userId), `Task ${id}`, {
      code: 'task-claimed-by-colleague',
      detail: 'This task is claimed by a colleague or already done.',
    });
    return this.get(principal, id);
  }

  async complete(principal: Principal, id: string, outcome: Record<string, unknown>): Promise<TaskView> {
    const { task, handoverId } = await this.get(principal, id);
    assignedTo(principal, task);
    if (task.kind === 'signal-triage' || task.trajectoryId === null) {
      throw new ProblemError(
        'triage-instead',
        `A signal's triage task is completed by triaging the signal: POST /api/v1/signals/${task.signalId}/triage.`,
      );
    }
    const trajectoryId = task.trajectoryId;
    if (
      handoverId !== null &&
      (await this.getHandover(principal, handoverId)).receivingOrganisationId === task.organisationId
    ) {
      throw new ProblemError(
        'acknowledge-instead',
        `The receiving organisation answers a handover by accepting or rejecting it: POST /api/v1/handovers/${handoverId}/acknowledgement.`,
      );
    }
    const checked = OUTCOME_SCHEMAS[task.kind].safeParse(outcome);
    if (!checked.success) {
      throw ProblemError.invalid(
        fieldErrors(checked.error, 'body', outcome).map((e) => ({ ...e, field: `outcome.${e.field}` })),
      );
    }
    if (task.kind === 'continuation-decision' && task.status !== 'done') {
      await this.recordContinuation(principal, trajectoryId, checked.data as ContinuationOutcome);
    }
    const stored = await this.tasks.complete(id, checked.data, principal.userId);
    await this.answered(
      stored.result === 'not-found' ? stored : { ...stored, entity: { ...stored.entity, trajectoryId } },
      `Task ${id}`,
      'This task was already completed with another outcome, or a colleague has claimed it.',
      (workflows, { occurrenceKey, organisationId }) =>
        workflows.taskCompleted(trajectoryId, { occurrenceKey, organisationId }),
    );
    return this.get(principal, id);
  }

  /**
   * The continuation decision's codes go to the workflow before the outcome is stored: the schedule follows them (no
   * handover when the provider stays, an indication extension, a safety net) and the legal bases get the decided basis.
   * A refusal (a basis that overlaps one recorded) is a 400 naming the outcome's field, and nothing is stored. Her
   * words and the participation stay in the task's outcome, in PostgreSQL.
   */
  private async recordContinuation(principal: Principal, trajectoryId: string, outcome: ContinuationOutcome) {
    const { continuation, basis, providerOrganisationId } = outcome;
    if (providerOrganisationId !== undefined) {
      const [organisation] = await this.referenceData.findOrganisations([providerOrganisationId]);
      if (organisation?.regionId !== trajectoryScope(principal).regionId) {
        throw ProblemError.invalid([
          {
            in: 'body',
            field: 'outcome.providerOrganisationId',
            code: 'unknown-organisation',
            detail: `Unknown organisation ${providerOrganisationId}: use one listed at /api/v1/organisations.`,
          },
        ]);
      }
    }
    const change: ContinuationChange = {
      continuation,
      basis,
      ...(providerOrganisationId ? { providerOrganisationId } : {}),
    };
    try {
      await this.workflows.change(trajectoryId, recordContinuationUpdate, change);
    } catch (error) {
      const problem = toProblem(error, trajectoryId);
      if (problem instanceof ProblemError && problem.errors) {
        throw ProblemError.invalid(problem.errors.map((e) => ({ ...e, field: `outcome.${e.field}` })));
      }
      throw problem;
    }
  }

  /** A handover is visible to both its organisations, and to the coordinators of its region. */
  async getHandover(principal: Principal, id: string): Promise<HandoverEntity> {
    const handover = await this.handovers.findVisible(id, taskScope(principal));
    if (!handover) throw ProblemError.notFound(`Handover ${id}`);
    return handover;
  }

  async acknowledge(principal: Principal, id: string, accepted: boolean, reason: string | null) {
    const visible = await this.getHandover(principal, id);
    // The coordinator sees the handover, but the answer is the receiver's alone: nobody answers on its behalf.
    if (visible.receivingOrganisationId !== principal.organisationId) {
      throw new ProblemError('receiver-only', 'Only the receiving organisation accepts or rejects a handover.');
    }
    return this.answered(
      await this.handovers.acknowledge(id, accepted, reason, principal.userId),
      `Handover ${id}`,
      'This handover was already acknowledged differently.',
      (workflows, { trajectoryId, occurrenceKey, receivingOrganisationId }) =>
        workflows.handoverAcknowledged(trajectoryId, {
          occurrenceKey,
          organisationId: receivingOrganisationId,
          accepted,
        }),
    );
  }

  /**
   * An answer (a completion, an acknowledgement) as stored: the same answer again tells the workflow again, a different
   * one after the first is a 409 `already-answered`. Returns the stored record once the workflow knows.
   */
  private async answered<T extends { trajectoryId: string }>(
    stored: ChangeOutcome<T>,
    what: string,
    conflictDetail: string,
    tell: (workflows: TrajectoryWorkflows, answer: T) => Promise<unknown>,
  ): Promise<T> {
    const answer = settled(stored, what, { code: 'already-answered', detail: conflictDetail });
    await this.tellWorkflow(answer.trajectoryId, (workflows) => tell(workflows, answer));
    return answer;
  }

  /**
   * What was done is already stored; the workflow is told so it can advance (a consolidation waits for it). When the
   * workflow has ended, or refuses the record for good, there is nobody left to tell: the answer stands. When Temporal
   * cannot be reached, or the workflow has not yet recorded the fire of this task (its activity inserted the task, then
   * its worker died before reporting back, and the retry is still to come), the answer is 503: the client sends the same
   * request again, which is the same completion and tells the workflow then. A 200 promises that the workflow knows.
   */
  private async tellWorkflow(
    trajectoryId: string,
    tell: (workflows: TrajectoryWorkflows) => Promise<unknown>,
  ): Promise<void> {
    try {
      await tell(this.workflows);
    } catch (error) {
      const notYet = refusedAsNotFired(error);
      if (!notYet && (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError)) {
        this.logger.warn({ err: error, trajectoryId }, 'Recorded; the trajectory workflow has ended or refused it');
        return;
      }
      this.logger.warn(
        { err: error, trajectoryId },
        notYet
          ? 'Recorded; the trajectory workflow has not recorded the fire of this task yet'
          : 'Recorded, but the trajectory workflow could not be told',
      );
      throw new ProblemError(
        notYet ? 'not-yet-fired' : 'workflow-unavailable',
        'Your answer is stored, but the trajectory could not be told yet. Send the same request again in a moment.',
        { headers: { 'Retry-After': '5' } },
      );
    }
  }
}

/** The fields of a continuation-decision outcome the workflow needs (the contract checked the rest). */
type ContinuationOutcome = Pick<ContinuationChange, 'continuation' | 'basis' | 'providerOrganisationId'>;

/**
 * The workflow refused the record because the task's occurrence is not among those it knows as fired. The task is in
 * PostgreSQL, so the fire happened: only its report to the workflow is still to come.
 */
function refusedAsNotFired(error: unknown): boolean {
  return refusalOf(error)?.fieldErrors.some((fieldError) => fieldError.code === 'not-fired') ?? false;
}

/**
 * Only the organisation a task is assigned to claims and completes it. A coordinator reads partners' tasks but does not
 * act for them (an answer on someone's behalf would be theirs in the audit log, not the partner's); the coordinating
 * organisation's own tasks (the consolidation) are assigned to it and stay the coordinator's.
 */
function assignedTo(principal: Principal, task: { organisationId: string }): void {
  if (task.organisationId !== principal.organisationId) {
    throw new ProblemError(
      'assignee-only',
      'Only the organisation this task is assigned to claims or completes it; ask that organisation to do so.',
    );
  }
}

function settled<T>(
  outcome: ChangeOutcome<T>,
  what: string,
  conflict: { code: 'already-answered' | 'task-claimed-by-colleague'; detail: string },
): T {
  switch (outcome.result) {
    case 'changed':
    case 'unchanged':
      return outcome.entity;
    case 'conflict':
      throw new ProblemError(conflict.code, conflict.detail);
    case 'not-found':
      throw ProblemError.notFound(what);
  }
}
