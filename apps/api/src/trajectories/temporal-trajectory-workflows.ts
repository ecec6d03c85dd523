import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { TRAJECTORY_WORKFLOW_TYPE, trajectoryWorkflowId } from '@doorloop/temporal';
import {
  handoverAcknowledgedUpdate,
  taskCompletedUpdate,
  type ChangeResult,
  type HandoverAcknowledgement,
  type TaskCompletion,
  type TrajectoryWorkflowInput,
} from '@doorloop/workflows';
import { TrajectoryWorkflows } from './trajectory-workflows.port';

/** The port over the Temporal client: workflow ids and the task queue are decided here and nowhere else in the api. */
@Injectable()
export class TemporalTrajectoryWorkflows extends TrajectoryWorkflows {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async startTrajectory(input: TrajectoryWorkflowInput): Promise<void> {
    try {
      await this.temporal.workflow.start(TRAJECTORY_WORKFLOW_TYPE, {
        workflowId: trajectoryWorkflowId(input.trajectoryId),
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
      });
    } catch (error) {
      // A retried start (a repair, a lost answer) finds the workflow it started before.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async abandon(trajectoryId: string, reason: string): Promise<void> {
    try {
      await this.handle(trajectoryId).terminate(reason);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  change<Args extends unknown[]>(
    trajectoryId: string,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult> {
    // The SDK overloads executeUpdate on whether Args is empty, which a generic Args cannot select; the payload is
    // typed by the definition at every call site.
    return this.handle(trajectoryId).executeUpdate(definition as unknown as UpdateDefinition<ChangeResult, [unknown]>, {
      args: args as unknown as [unknown],
    });
  }

  changeAfterEnd<Args extends unknown[]>(
    input: TrajectoryWorkflowInput,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult> {
    const startWorkflowOperation = new WithStartWorkflowOperation(TRAJECTORY_WORKFLOW_TYPE, {
      workflowId: trajectoryWorkflowId(input.trajectoryId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      // A run that another request started meanwhile receives the change; an ended run's id may be used again.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    // As in `change`: the payload is typed by the definition at every call site.
    return this.temporal.workflow.executeUpdateWithStart(
      definition as unknown as UpdateDefinition<ChangeResult, [unknown]>,
      { args: args as unknown as [unknown], startWorkflowOperation },
    );
  }

  taskCompleted(trajectoryId: string, completion: TaskCompletion): Promise<ChangeResult> {
    return this.handle(trajectoryId).executeUpdate(taskCompletedUpdate, { args: [completion] });
  }

  handoverAcknowledged(trajectoryId: string, acknowledgement: HandoverAcknowledgement): Promise<ChangeResult> {
    return this.handle(trajectoryId).executeUpdate(handoverAcknowledgedUpdate, { args: [acknowledgement] });
  }

  private handle(trajectoryId: string) {
    return this.temporal.workflow.getHandle(trajectoryWorkflowId(trajectoryId));
  }
}
