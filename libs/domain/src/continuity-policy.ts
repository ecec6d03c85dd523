import type { ContinuityPolicy, TimingPolicy } from './timing-policy';

/**
 * The defaults of "Continuity at 18" (DOMAIN.md and issue 12; docs/policy.md says where they chose): the continuation
 * decision when the transition review is due (18 − 6 months + 4 weeks, rounded to 18 − 5 months), adulthood
 * administration at 18 − 3 months and done before the birthday, an indication extension due before the 18th birthday,
 * a safety net and an adult intake within 4 weeks, a receiver found within 5 working days, and a late task due 14 days
 * after it fires.
 */
export const DEFAULT_CONTINUITY: ContinuityPolicy = Object.freeze({
  'continuation-decision': { offset: '-P5M', due: { relativeTo: 'fire', offset: 'P4W' } },
  'adulthood-admin': { offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } },
  'indication-extension': { due: { relativeTo: 'anchor', offset: 'P0D' } },
  'safety-net': { due: { relativeTo: 'fire', offset: 'P4W' } },
  'find-receiver': { due: { relativeTo: 'fire', offset: 'P5D' }, workingDays: true },
  'adult-intake': { due: { relativeTo: 'fire', offset: 'P4W' } },
  lateDue: 'P14D',
} as const);

/** The policy's continuity timing, or the defaults for a policy written before it had one. */
export function continuityOf(policy: TimingPolicy): ContinuityPolicy {
  return policy.continuity ?? DEFAULT_CONTINUITY;
}
