/** The milestones `policy.milestones` times, one entry each: the ten of DOMAIN.md's default timing table. */
export const POLICY_MILESTONE_KINDS = [
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

/**
 * The milestones of "Continuity at 18" (issue 12), timed by `policy.continuity` (see continuity-policy.ts): the
 * continuation decision, adulthood administration, what the decision fires (extend the indication, record the safety
 * net), finding a receiver after a rejected handover, and the intake of someone registered at 18 or later.
 */
export const CONTINUITY_KINDS = [
  'continuation-decision',
  'adulthood-admin',
  'indication-extension',
  'safety-net',
  'find-receiver',
  'adult-intake',
] as const;

/**
 * The milestones of "Placements and court measures that are lawful and legible" (issue 13), timed by
 * `policy.placements` (placements-policy.ts): a custody order's expiry, a closed placement without treatment, a
 * missing episode (police and coordinator at once) and the safety assessment on her return.
 */
export const PLACEMENT_KINDS = [
  'custody-order-expiry',
  'treatment-start',
  'missing-episode',
  'safety-assessment',
] as const;

/** Every kind of milestone, in the order ties on the same moment are listed. */
export const MILESTONE_KINDS = [...POLICY_MILESTONE_KINDS, ...CONTINUITY_KINDS, ...PLACEMENT_KINDS] as const;

export type PolicyMilestoneKind = (typeof POLICY_MILESTONE_KINDS)[number];

export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/**
 * What a task can be: a milestone's; the coordinator's consolidation of a placement evaluation, which fires when
 * every partner's input is in or at the evaluation's due moment (it is no milestone of its own: nothing schedules it);
 * or the coordinator's triage of a signal, which belongs to a signal, not to a trajectory.
 */
export const TASK_KINDS = [...MILESTONE_KINDS, 'evaluation-consolidation', 'signal-triage'] as const;

export type TaskKind = (typeof TASK_KINDS)[number];

/** Kinds whose fire moment follows from the date of birth: a birth-date correction moves exactly these. */
export const AGE_DRIVEN_KINDS: readonly MilestoneKind[] = [
  'future-plan',
  'adult-care-involvement',
  'transition-review',
  'handover',
  'closed-care-limit',
  'extended-care-end',
  'continuation-decision',
  'adulthood-admin',
];

/**
 * The milestones about the road to 18: a trajectory registered (or reopened) at 18 or later fires none of them that has
 * not fired; it has an adult intake instead (DOMAIN.md, "Continuity at 18").
 */
export const PRE_ADULTHOOD_KINDS: readonly MilestoneKind[] = [
  'future-plan',
  'adult-care-involvement',
  'transition-review',
  'handover',
  'continuation-decision',
  'adulthood-admin',
];

/** Kinds that form a series of several occurrences; the others fire once per series. */
export const RECURRING_KINDS: readonly MilestoneKind[] = ['placement-evaluation', 'aftercare-check-in'];

export function isMilestoneKind(value: unknown): value is MilestoneKind {
  return typeof value === 'string' && (MILESTONE_KINDS as readonly string[]).includes(value);
}

export function isPolicyMilestoneKind(value: unknown): value is PolicyMilestoneKind {
  return typeof value === 'string' && (POLICY_MILESTONE_KINDS as readonly string[]).includes(value);
}
