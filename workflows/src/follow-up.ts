import {
  consolidationDueAt,
  type EpochMs,
  escalationMoments,
  extendDueForPause,
  type EndedPause,
  type TimingPolicy,
} from '@doorloop/domain';
import type { FiredOccurrence } from './activity-contract';
import type { FiredAssignment, TaskBook } from './task-records';

/**
 * What follows a fired task while it is not done: the reminder to its organisations before due, the overdue notice to
 * the coordinator at due, and for a placement evaluation the coordinator's consolidation, which fires when every input
 * is in or at the due moment listing what is missing. Pure: the workflow calls it with its book and the clock.
 */
export type EscalationStage = 'reminder' | 'overdue';

export interface Escalation {
  readonly occurrenceKey: string;
  readonly stage: EscalationStage;
}

export interface Consolidation {
  readonly evaluationKey: string;
  /** The organisations whose input was not in when the consolidation fired; empty when all were. */
  readonly missingOrganisationIds: string[];
}

export interface FollowUps {
  readonly escalations: Escalation[];
  readonly consolidations: Consolidation[];
}

/** A fired occurrence the workflow follows up: recorded with its kind, fire and due moment (older runs recorded none). */
type Tracked = Required<Pick<FiredAssignment, 'kind' | 'firedAt' | 'dueAt'>> & FiredAssignment;

export const CONSOLIDATION_SUFFIX = '/consolidation';

export function escalationKey({ occurrenceKey, stage }: Escalation): string {
  return `${occurrenceKey}#${stage}`;
}

export function consolidationKey(evaluationKey: string): string {
  return `${evaluationKey}${CONSOLIDATION_SUFFIX}`;
}

/** The organisations of a fired occurrence whose task is not done: not completed, and for the receiver not answered. */
export function openOrganisations(book: TaskBook, occurrenceKey: string): string[] {
  const assignment = book.assignments[occurrenceKey];
  if (assignment === undefined) return [];
  const done = (organisationId: string): boolean =>
    book.completed.some((c) => c.occurrenceKey === occurrenceKey && c.organisationId === organisationId) ||
    (assignment.receiving === organisationId &&
      book.acknowledged.some((a) => a.occurrenceKey === occurrenceKey && a.organisationId === organisationId));
  return assignment.organisations.filter((organisationId) => !done(organisationId));
}

/**
 * The follow-ups due at `now`. While the trajectory is paused nothing time-driven happens (the pause extends the due
 * moments when it ends); a consolidation whose inputs are all in still fires.
 */
export function followUpsDue(
  book: TaskBook,
  escalated: ReadonlySet<string>,
  policy: TimingPolicy,
  now: EpochMs,
  paused: boolean,
): FollowUps {
  const escalations: Escalation[] = [];
  const consolidations: Consolidation[] = [];
  for (const [key, assignment] of tracked(book)) {
    const open = openOrganisations(book, key);
    if (assignment.kind === 'placement-evaluation' && !book.fired.has(consolidationKey(key))) {
      if (open.length === 0 || (!paused && now >= assignment.dueAt)) {
        consolidations.push({ evaluationKey: key, missingOrganisationIds: open });
      }
    }
    if (open.length === 0 || paused) continue;
    const { reminderAt, overdueAt } = escalationMoments(assignment.kind, assignment.dueAt, policy, assignment.firedAt);
    const reminder = { occurrenceKey: key, stage: 'reminder' as const };
    // A reminder that comes due only once the task is overdue would say nothing the overdue notice does not.
    if (now >= reminderAt && now < overdueAt && !escalated.has(escalationKey(reminder))) escalations.push(reminder);
    const overdue = { occurrenceKey: key, stage: 'overdue' as const };
    if (now >= overdueAt && !escalated.has(escalationKey(overdue))) escalations.push(overdue);
  }
  return { escalations, consolidations };
}

/** The next moment after `now` at which a follow-up comes due, if any (none while paused). */
export function nextFollowUpAt(
  book: TaskBook,
  escalated: ReadonlySet<string>,
  policy: TimingPolicy,
  now: EpochMs,
  paused: boolean,
): EpochMs | undefined {
  if (paused) return undefined;
  const moments: EpochMs[] = [];
  for (const [key, assignment] of tracked(book)) {
    if (openOrganisations(book, key).length === 0) continue;
    const { reminderAt, overdueAt } = escalationMoments(assignment.kind, assignment.dueAt, policy, assignment.firedAt);
    if (
      reminderAt > now &&
      reminderAt < overdueAt &&
      !escalated.has(escalationKey({ occurrenceKey: key, stage: 'reminder' }))
    )
      moments.push(reminderAt);
    const consolidationPending = assignment.kind === 'placement-evaluation' && !book.fired.has(consolidationKey(key));
    if (
      overdueAt > now &&
      (!escalated.has(escalationKey({ occurrenceKey: key, stage: 'overdue' })) || consolidationPending)
    )
      moments.push(overdueAt);
  }
  return moments.length > 0 ? Math.min(...moments) : undefined;
}

/**
 * After a pause ends, the due moments of occurrences with open tasks move as the tasks' own do in PostgreSQL (the same
 * domain rule, `extendDueForPause`), so escalation follows the extended due.
 */
export function extendTrackedDue(
  book: TaskBook,
  pause: EndedPause,
  policy: TimingPolicy,
): Record<string, FiredAssignment> {
  const extended: Record<string, FiredAssignment> = { ...book.assignments };
  for (const [key, assignment] of tracked(book)) {
    if (openOrganisations(book, key).length === 0) continue;
    extended[key] = { ...assignment, dueAt: extendDueForPause(assignment.dueAt, pause, policy) };
  }
  return extended;
}

/** The consolidation task: one for the coordinator, due one evaluation due period after it fires. */
export function consolidationOccurrence(
  consolidation: Consolidation,
  coordinatorOrganisationId: string,
  policy: TimingPolicy,
  now: EpochMs,
): FiredOccurrence {
  const { evaluationKey, missingOrganisationIds } = consolidation;
  return {
    key: consolidationKey(evaluationKey),
    kind: 'evaluation-consolidation',
    occurrence: Number(evaluationKey.slice(evaluationKey.lastIndexOf(':') + 1)),
    fireAt: now,
    dueAt: consolidationDueAt(now, policy),
    late: false,
    assignees: [{ organisationId: coordinatorOrganisationId, role: 'coordinator' }],
    context: { evaluationKey, missingOrganisationIds },
  };
}

function tracked(book: TaskBook): [string, Tracked][] {
  return Object.entries(book.assignments).filter((entry): entry is [string, Tracked] => {
    const [, a] = entry;
    return a.kind !== undefined && a.firedAt !== undefined && a.dueAt !== undefined;
  });
}
