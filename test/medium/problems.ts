import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { PROBLEMS } from '@doorloop/contracts';
import type { FieldError } from '@doorloop/domain';
import { INVALID_CHANGE } from '@doorloop/workflows';
import { ProblemError } from '../../apps/api/src/http/problem';

/** What a service call was refused with: its code, and the status the HTTP tier answers for it (the one map). */
export async function refusalOf(call: Promise<unknown>): Promise<{ status: number; code: string; fields: string[] }> {
  const error: unknown = await call.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof ProblemError)) throw error instanceof Error ? error : new Error('A refusal was expected');
  return { status: PROBLEMS[error.code].status, code: error.code, fields: (error.errors ?? []).map((e) => e.field) };
}

/** What Temporal's client throws when the workflow's validator refuses an update. */
export function workflowRefusal(fieldErrors: FieldError[], message = 'Refused'): Error {
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
