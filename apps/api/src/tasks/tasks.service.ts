import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  HandoverRepository,
  TaskRepository,
  type ChangeOutcome,
  type HandoverEntity,
  type TaskEntity,
} from '@doorloop/persistence';
import { trajectoryWorkflowId } from '@doorloop/temporal';
import { handoverAcknowledgedUpdate, taskCompletedUpdate } from '@doorloop/workflows';
import { fieldErrors } from '../http/field-errors';
import { ProblemException } from '../http/problem';
import { OUTCOME_SCHEMAS } from './task-outcome';

/**
 * Partners complete tasks and acknowledge handovers. PostgreSQL records what was done first, in one conditional
 * statement; then the workflow hears of it. A repeat of the same answer is the same answer (200) and tells the workflow
 * again, which is harmless; a different answer after the first is a 409.
 */
@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly handovers: HandoverRepository,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  list(filter: { organisationId?: string; trajectoryId?: string; limit: number }): Promise<TaskEntity[]> {
    return this.tasks.list(filter);
  }

  async get(id: string): Promise<TaskEntity> {
    const task = await this.tasks.findById(id);
    if (!task) throw ProblemException.notFound(`Task ${id}`);
    return task;
  }

  async complete(id: string, outcome: Record<string, unknown>): Promise<TaskEntity> {
    const task = await this.get(id);
    const checked = OUTCOME_SCHEMAS[task.kind].safeParse(outcome);
    if (!checked.success) {
      throw ProblemException.invalid(
        fieldErrors(checked.error, 'body').map((e) => ({ ...e, field: `outcome.${e.field}` })),
      );
    }
    const completed = settled(
      await this.tasks.complete(id, checked.data),
      `Task ${id}`,
      'This task was already completed with another outcome.',
    );
    await this.tellWorkflow(completed.trajectoryId, (handle) =>
      handle.executeUpdate(taskCompletedUpdate, {
        args: [{ occurrenceKey: completed.occurrenceKey, organisationId: completed.organisationId }],
      }),
    );
    return completed;
  }

  async getHandover(id: string): Promise<HandoverEntity> {
    const handover = await this.handovers.findById(id);
    if (!handover) throw ProblemException.notFound(`Handover ${id}`);
    return handover;
  }

  async acknowledge(id: string, accepted: boolean, reason: string | null): Promise<HandoverEntity> {
    await this.getHandover(id);
    const handover = settled(
      await this.handovers.acknowledge(id, accepted, reason),
      `Handover ${id}`,
      'This handover was already acknowledged differently.',
    );
    await this.tellWorkflow(handover.trajectoryId, (handle) =>
      handle.executeUpdate(handoverAcknowledgedUpdate, {
        args: [{ occurrenceKey: handover.occurrenceKey, organisationId: handover.receivingOrganisationId, accepted }],
      }),
    );
    return handover;
  }

  /**
   * What was done is already stored; the workflow is told so it can advance. If it cannot be told now (it has ended,
   * or Temporal is briefly away), the record stands and a repeat of the request tells it again.
   */
  private async tellWorkflow(
    trajectoryId: string,
    tell: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
  ): Promise<void> {
    try {
      await tell(this.temporal.workflow.getHandle(trajectoryWorkflowId(trajectoryId)));
    } catch (error) {
      this.logger.warn({ err: error, trajectoryId }, 'Recorded, but the trajectory workflow could not be told');
    }
  }
}

function settled<T>(outcome: ChangeOutcome<T>, what: string, conflict: string): T {
  switch (outcome.result) {
    case 'changed':
    case 'unchanged':
      return outcome.entity;
    case 'conflict':
      throw new ProblemException(409, 'already-answered', 'Conflict', conflict);
    case 'not-found':
      throw ProblemException.notFound(what);
  }
}
