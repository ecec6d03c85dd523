import type { EpochMs, FieldError, TaskKind } from '@doorloop/domain';
import type { HandoverAcknowledgement, TaskCompletion } from './updates';

/** Who got the tasks of a fired occurrence: its organisations, and for a handover the receiving one. */
export interface FiredAssignment {
  organisations: string[];
  receiving?: string;
  /** What fired, when, and when it is due (moved by pauses): what escalation follows. Absent in older runs' records. */
  kind?: TaskKind;
  firedAt?: EpochMs;
  dueAt?: EpochMs;
}

export interface CompletionRecord {
  occurrenceKey: string;
  organisationId: string;
  at: EpochMs;
}

export interface AcknowledgementRecord {
  occurrenceKey: string;
  organisationId: string;
  accepted: boolean;
  at: EpochMs;
}

/** What the workflow knows about the tasks it fired and what was done with them. Carried across continue-as-new. */
export interface TaskBook {
  readonly fired: ReadonlySet<string>;
  /** Absent for occurrences fired by a run that did not record assignments: then any organisation is accepted. */
  readonly assignments: Readonly<Record<string, FiredAssignment>>;
  readonly completed: readonly CompletionRecord[];
  readonly acknowledged: readonly AcknowledgementRecord[];
}

/** `record`: a new fact to store; `repeat`: the same fact was recorded before (a retry), nothing changes. */
export type RecordOutcome =
  { readonly ok: true; readonly repeat: boolean } | { readonly ok: false; errors: FieldError[] };

/** A task of a fired occurrence was completed by one of its organisations. */
export function checkCompletion(book: TaskBook, change: TaskCompletion): RecordOutcome {
  const errors = checkTask(book, change);
  if (errors.length > 0) return { ok: false, errors };
  const repeat = book.completed.some(
    (c) => c.occurrenceKey === change.occurrenceKey && c.organisationId === change.organisationId,
  );
  return { ok: true, repeat };
}

/** The receiving organisation accepted or rejected a handover. It cannot change its answer afterwards. */
export function checkAcknowledgement(book: TaskBook, change: HandoverAcknowledgement): RecordOutcome {
  const errors = checkTask(book, change);
  if (typeof change?.accepted !== 'boolean') {
    errors.push({
      path: 'accepted',
      code: 'required',
      message: 'Say whether the handover is accepted (true) or rejected (false)',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const kind = change.occurrenceKey.split(':')[0];
  if (kind !== 'handover') {
    return {
      ok: false,
      errors: [
        {
          path: 'occurrenceKey',
          code: 'not-a-handover',
          message: `Only a handover is acknowledged; this occurrence is a ${kind}`,
        },
      ],
    };
  }
  const receiving = book.assignments[change.occurrenceKey]?.receiving;
  if (receiving !== undefined && receiving !== change.organisationId) {
    return {
      ok: false,
      errors: [
        {
          path: 'organisationId',
          code: 'not-receiver',
          message: 'Only the receiving organisation acknowledges a handover',
        },
      ],
    };
  }
  const earlier = book.acknowledged.find(
    (a) => a.occurrenceKey === change.occurrenceKey && a.organisationId === change.organisationId,
  );
  if (earlier && earlier.accepted !== change.accepted) {
    return {
      ok: false,
      errors: [
        {
          path: 'accepted',
          code: 'already-acknowledged',
          message: `This handover was already ${earlier.accepted ? 'accepted' : 'rejected'} by this organisation`,
        },
      ],
    };
  }
  return { ok: true, repeat: earlier !== undefined };
}

function checkTask(book: TaskBook, change: { occurrenceKey?: unknown; organisationId?: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  const { occurrenceKey, organisationId } = change ?? {};
  if (typeof occurrenceKey !== 'string' || occurrenceKey === '') {
    errors.push({
      path: 'occurrenceKey',
      code: 'required',
      message: 'The occurrence key is required, such as transition-review:1',
    });
  } else if (!book.fired.has(occurrenceKey)) {
    errors.push({
      path: 'occurrenceKey',
      code: 'not-fired',
      message: 'No task of this occurrence has fired: check the occurrence key',
    });
  }
  if (typeof organisationId !== 'string' || organisationId === '') {
    errors.push({ path: 'organisationId', code: 'required', message: 'The organisation is required' });
  } else if (typeof occurrenceKey === 'string') {
    const assignment = book.assignments[occurrenceKey];
    if (assignment && !assignment.organisations.includes(organisationId)) {
      errors.push({
        path: 'organisationId',
        code: 'no-task-for-organisation',
        message: 'This organisation has no task for this occurrence',
      });
    }
  }
  return errors;
}
