import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { INVALID_CHANGE } from '@doorloop/workflows';

/** What a service call was refused with: the problem's status and code (what the HTTP tier would answer). */
export async function refusalOf(call: Promise<unknown>): Promise<{ status: number; code: string; fields: string[] }> {
  const error: unknown = await call.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof Error)) throw new Error('The call succeeded; a refusal was expected');
  const { status, code, errors } = error as Error & { status?: number; code?: string; errors?: { field: string }[] };
  if (status === undefined || code === undefined) throw error;
  return { status, code, fields: (errors ?? []).map((e) => e.field) };
}

/** What Temporal's client throws when the workflow's validator refuses an update. */
export function workflowRefusal(fieldErrors: { path: string; message: string }[], message = 'Refused'): Error {
  return new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type: INVALID_CHANGE, message, details: [fieldErrors], nonRetryable: true }),
  );
}

/** What Temporal's client throws when no workflow runs under the id (never started, or ended). */
export function noWorkflow(trajectoryId: string): Error {
  return new WorkflowNotFoundError('workflow not found', `trajectory-${trajectoryId}`, undefined);
}

/** What it throws when Temporal cannot be reached. */
export function unreachable(): Error {
  return new Error('14 UNAVAILABLE: connection refused');
}
