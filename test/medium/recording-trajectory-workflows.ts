import type { UpdateDefinition } from '@temporalio/common';
import type {
  ChangeResult,
  HandoverAcknowledgement,
  TaskCompletion,
  TrajectoryWorkflowInput,
} from '@doorloop/workflows';
import { TrajectoryWorkflows } from '../../apps/api/src/trajectories/trajectory-workflows.port';

export type WorkflowCall =
  | { method: 'startTrajectory'; trajectoryId: string; input: TrajectoryWorkflowInput }
  | { method: 'abandon'; trajectoryId: string }
  | { method: 'change'; trajectoryId: string; update: string; args: unknown[] }
  | { method: 'changeAfterEnd'; trajectoryId: string; input: TrajectoryWorkflowInput; update: string; args: unknown[] }
  | { method: 'taskCompleted'; trajectoryId: string; completion: TaskCompletion }
  | { method: 'handoverAcknowledged'; trajectoryId: string; acknowledgement: HandoverAcknowledgement };

type Method = WorkflowCall['method'];

/**
 * Temporal stubbed at its port, for the medium tier: records every call and answers as the test says. By default every
 * call succeeds; `failNext` makes the next call of a method throw the given error (Temporal's own error classes, so the
 * services translate them as they would the real client's).
 */
export class RecordingTrajectoryWorkflows extends TrajectoryWorkflows {
  readonly calls: WorkflowCall[] = [];
  /** Runs while a call is being answered: what the test wants to observe meanwhile (e.g. what is committed). */
  whileAnswering?: (call: WorkflowCall) => Promise<void>;
  private readonly failures = new Map<Method, Error[]>();
  private revision = 1;

  failNext(method: Method, ...errors: Error[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  callsOf<M extends Method>(method: M, trajectoryId?: string): Extract<WorkflowCall, { method: M }>[] {
    return this.calls.filter(
      (call): call is Extract<WorkflowCall, { method: M }> =>
        call.method === method && (trajectoryId === undefined || call.trajectoryId === trajectoryId),
    );
  }

  async startTrajectory(input: TrajectoryWorkflowInput): Promise<void> {
    await this.answer({ method: 'startTrajectory', trajectoryId: input.trajectoryId, input });
  }

  async abandon(trajectoryId: string): Promise<void> {
    await this.answer({ method: 'abandon', trajectoryId });
  }

  async change<Args extends unknown[]>(
    trajectoryId: string,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult> {
    return this.answer({ method: 'change', trajectoryId, update: definition.name, args });
  }

  async changeAfterEnd<Args extends unknown[]>(
    input: TrajectoryWorkflowInput,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult> {
    const { trajectoryId } = input;
    return this.answer({ method: 'changeAfterEnd', trajectoryId, input, update: definition.name, args });
  }

  async taskCompleted(trajectoryId: string, completion: TaskCompletion): Promise<ChangeResult> {
    return this.answer({ method: 'taskCompleted', trajectoryId, completion });
  }

  async handoverAcknowledged(trajectoryId: string, acknowledgement: HandoverAcknowledgement): Promise<ChangeResult> {
    return this.answer({ method: 'handoverAcknowledged', trajectoryId, acknowledgement });
  }

  private async answer(call: WorkflowCall): Promise<ChangeResult> {
    this.calls.push(call);
    await this.whileAnswering?.(call);
    const failure = this.failures.get(call.method)?.shift();
    if (failure) throw failure;
    this.revision += 1;
    return { revision: this.revision };
  }
}
