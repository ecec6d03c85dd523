/** Workflow ids carry only the trajectory's opaque id, never anything about the person. */
export function trajectoryWorkflowId(trajectoryId: string): string {
  return `trajectory-${trajectoryId}`;
}

const TRAJECTORY_WORKFLOW_ID = /^trajectory-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The trajectory a workflow id of `trajectoryWorkflowId` names; undefined for any other workflow id. */
export function trajectoryIdOfWorkflow(workflowId: string): string | undefined {
  return TRAJECTORY_WORKFLOW_ID.exec(workflowId)?.[1];
}

export const TRAJECTORY_WORKFLOW_TYPE = 'trajectoryWorkflow';

export const RETENTION_WORKFLOW_TYPE = 'retentionWorkflow';

/** One schedule per task queue, so that deployments (and test stacks) sharing a namespace never run each other's. */
export function retentionScheduleId(taskQueue: string): string {
  return `retention-${taskQueue}`;
}

export const SIGNAL_TRIAGE_WORKFLOW_TYPE = 'signalTriageWorkflow';

/** The triage workflow of a signal: its opaque id only. */
export function signalTriageWorkflowId(signalId: string): string {
  return `signal-triage-${signalId}`;
}
