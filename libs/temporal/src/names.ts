/** Workflow ids carry only the trajectory's opaque id, never anything about the person. */
export function trajectoryWorkflowId(trajectoryId: string): string {
  return `trajectory-${trajectoryId}`;
}

export const TRAJECTORY_WORKFLOW_TYPE = 'trajectoryWorkflow';

export const RETENTION_WORKFLOW_TYPE = 'retentionWorkflow';

/** One schedule per task queue, so that deployments (and test stacks) sharing a namespace never run each other's. */
export function retentionScheduleId(taskQueue: string): string {
  return `retention-${taskQueue}`;
}
