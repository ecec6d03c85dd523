import type { UpdateDefinition } from '@temporalio/common';
import type {
  ChangeResult,
  HandoverAcknowledgement,
  TaskCompletion,
  TrajectoryWorkflowInput,
} from '@doorloop/workflows';

/**
 * What the api's services ask of a trajectory's workflow (ports and adapters: this abstract class is the DI token, the
 * Temporal adapter is bound in TrajectoriesModule, a medium test binds a recording stub). The errors are the Temporal
 * client's own: WorkflowNotFoundError (no such workflow, or it has ended), WorkflowUpdateFailedError (the workflow
 * refused; see refusalOf), anything else means the outcome is unknown.
 */
export abstract class TrajectoryWorkflows {
  /** Starts the workflow `trajectory-<id>`; idempotent: a workflow already running under that id counts as started. */
  abstract startTrajectory(input: TrajectoryWorkflowInput): Promise<void>;

  /** Ends the workflow of a trajectory that was not kept; one that does not exist is already gone. */
  abstract abandon(trajectoryId: string, reason: string): Promise<void>;

  /** A change of facts: answers once the workflow has projected it into PostgreSQL. */
  abstract change<Args extends unknown[]>(
    trajectoryId: string,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult>;

  /**
   * A change for a trajectory whose workflow has ended: a new run starts from `input` (the workflow id stays the same)
   * and receives the change in its first workflow task, atomically (update-with-start), so it cannot end before it
   * hears of it. A run already going under that id receives the change instead.
   */
  abstract changeAfterEnd<Args extends unknown[]>(
    input: TrajectoryWorkflowInput,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult>;

  abstract taskCompleted(trajectoryId: string, completion: TaskCompletion): Promise<ChangeResult>;

  abstract handoverAcknowledged(trajectoryId: string, acknowledgement: HandoverAcknowledgement): Promise<ChangeResult>;
}
