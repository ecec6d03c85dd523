/** Workflow ids carry only the trajectory's opaque id, never anything about the person. */
export function trajectoryWorkflowId(trajectoryId: string): string {
  return `trajectory-${trajectoryId}`;
}

export const TRAJECTORY_WORKFLOW_TYPE = 'trajectoryWorkflow';
