import { ApplicationFailure } from '@temporalio/workflow';
import type { FieldError, TrajectoryFacts } from '@doorloop/domain';
import type { ChangeOutcome } from './trajectory-changes';
import { INVALID_CHANGE } from './updates';

/** The InvalidChange failure an update is refused with (see updates.ts): retrying the same change cannot help. */
export function refusal(errors: FieldError[]): ApplicationFailure {
  const fields = [...new Set(errors.map((error) => error.path || 'change'))];
  return ApplicationFailure.create({
    type: INVALID_CHANGE,
    // A failure message is readable in Temporal unless the failure converter encodes it: name the fields, never their
    // values. The field errors travel in `details`, a payload, encrypted with the others.
    message: `The change was refused: ${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} not valid`,
    details: [errors],
    nonRetryable: true,
  });
}

/** The facts after an accepted change; a refused change throws the InvalidChange failure. */
export function accepted(outcome: ChangeOutcome): TrajectoryFacts {
  if (!outcome.ok) throw refusal(outcome.errors);
  return outcome.facts;
}
