/** Every kind of milestone the timing policy knows, in the order ties on the same moment are listed. */
export const MILESTONE_KINDS = [
  'future-plan',
  'adult-care-involvement',
  'transition-review',
  'handover',
  'placement-evaluation',
  'authorisation-expiry',
  'closed-care-limit',
  'ots-expiry',
  'extended-care-end',
  'aftercare-check-in',
] as const;

export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/**
 * What a task can be: a milestone's, or the coordinator's consolidation of a placement evaluation, which fires when
 * every partner's input is in or at the evaluation's due moment (it is no milestone of its own: nothing schedules it).
 */
export const TASK_KINDS = [...MILESTONE_KINDS, 'evaluation-consolidation'] as const;

export type TaskKind = (typeof TASK_KINDS)[number];

/** Kinds whose fire moment follows from the date of birth: a birth-date correction moves exactly these. */
export const AGE_DRIVEN_KINDS: readonly MilestoneKind[] = [
  'future-plan',
  'adult-care-involvement',
  'transition-review',
  'handover',
  'closed-care-limit',
  'extended-care-end',
];

/** Kinds that form a series of several occurrences; the others fire once per series. */
export const RECURRING_KINDS: readonly MilestoneKind[] = ['placement-evaluation', 'aftercare-check-in'];

export function isMilestoneKind(value: unknown): value is MilestoneKind {
  return typeof value === 'string' && (MILESTONE_KINDS as readonly string[]).includes(value);
}
