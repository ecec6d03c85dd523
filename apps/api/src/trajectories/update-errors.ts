import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FieldError as DomainFieldError } from '@doorloop/domain';
import { INVALID_CHANGE } from '@doorloop/workflows';
import { ProblemError, type FieldError } from '../http/problem';

/**
 * Translates what Temporal says about a refused update into a problem: the workflow's validator refuses an invalid
 * change with field errors (400); a workflow that has ended accepts no changes (409).
 */
export function toProblem(error: unknown, trajectoryId: string): unknown {
  const refusal = refusalOf(error);
  if (refusal) {
    const { fieldErrors, message } = refusal;
    if (fieldErrors.length > 0) {
      return ProblemError.invalid(fieldErrors.map((e) => bodyFieldError(e)));
    }
    return new ProblemError('change-refused', message);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ProblemError('trajectory-ended', `Trajectory ${trajectoryId} has ended and accepts no changes.`);
  }
  return error;
}

/** A finding of the domain's (or the workflow's) validation about the request body, with its code carried through. */
export function bodyFieldError({ path, code, message }: DomainFieldError): FieldError {
  return { in: 'body', field: path, code, detail: message };
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
