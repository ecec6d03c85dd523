import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FieldError as DomainFieldError } from '@doorloop/domain';
import { INVALID_CHANGE } from '@doorloop/workflows';
import { ProblemException } from '../http/problem';

/**
 * Translates what Temporal says about a refused update into a problem: the workflow's validator refuses an invalid
 * change with field errors (400); a workflow that has ended accepts no changes (409).
 */
export function toProblem(error: unknown, trajectoryId: string): unknown {
  const refusal = refusalOf(error);
  if (refusal) {
    const { fieldErrors, message } = refusal;
    if (fieldErrors.length > 0) {
      return ProblemException.invalid(fieldErrors.map((e) => ({ in: 'body', field: e.path, detail: e.message })));
    }
    return new ProblemException(409, 'change-refused', 'Conflict', message);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ProblemException(
      409,
      'trajectory-ended',
      'Conflict',
      `Trajectory ${trajectoryId} has ended and accepts no changes.`,
    );
  }
  return error;
}

/** The workflow's validator refused an update (INVALID_CHANGE): its message and the field errors it carries. */
export function refusalOf(error: unknown): { message: string; fieldErrors: DomainFieldError[] } | undefined {
  if (
    !(error instanceof WorkflowUpdateFailedError) ||
    !(error.cause instanceof ApplicationFailure) ||
    error.cause.type !== INVALID_CHANGE
  )
    return undefined;
  const [fieldErrors] = (error.cause.details ?? []) as [DomainFieldError[] | undefined];
  return { message: error.cause.message, fieldErrors: fieldErrors ?? [] };
}
