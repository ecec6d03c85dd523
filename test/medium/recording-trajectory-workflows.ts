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
    this.calls.push({ method: 'startTrajectory', trajectoryId: input.trajectoryId, input });
    await this.answer('startTrajectory');
  }

  async abandon(trajectoryId: string): Promise<void> {
    this.calls.push({ method: 'abandon', trajectoryId });
    await this.answer('abandon');
  }

  async change<Args extends unknown[]>(
    trajectoryId: string,
    definition: UpdateDefinition<ChangeResult, Args>,
    ...args: Args
  ): Promise<ChangeResult> {
    this.calls.push({ method: 'change', trajectoryId, update: definition.name, args });
    return this.answer('change');
  }

  async taskCompleted(trajectoryId: string, completion: TaskCompletion): Promise<ChangeResult> {
    this.calls.push({ method: 'taskCompleted', trajectoryId, completion });
    return this.answer('taskCompleted');
  }

  async handoverAcknowledged(trajectoryId: string, acknowledgement: HandoverAcknowledgement): Promise<ChangeResult> {
    this.calls.push({ method: 'handoverAcknowledged', trajectoryId, acknowledgement });
    return this.answer('handoverAcknowledged');
  }

  private answer(method: Method): Promise<ChangeResult> {
    const failure = this.failures.get(method)?.shift();
    if (failure) return Promise.reject(failure);
    this.revision += 1;
    return Promise.resolve({ revision: this.revision });
  }
}
