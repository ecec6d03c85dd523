import type { MilestoneKind } from './milestone-kind';
import type { PlacementsPolicy, TimingPolicy } from './timing-policy';

/**
 * The defaults of "Placements and court measures that are lawful and legible" (DOMAIN.md and issue 13; docs/policy.md
 * says where they chose): a custody order's expiry at end − 3 months, due at its end, like the OTS; a closed placement
 * without treatment 6 weeks after its start, due 1 week after; a missing episode due the same day; a safety assessment
 * within 3 days of her return.
 */
export const DEFAULT_PLACEMENTS: PlacementsPolicy = Object.freeze({
  'custody-order-expiry': { offset: '-P3M', due: { relativeTo: 'anchor', offset: 'P0D' } },
  'treatment-start': { offset: 'P6W', due: { relativeTo: 'fire', offset: 'P1W' } },
  'missing-episode': { due: { relativeTo: 'anchor', offset: 'P0D' } },
  'safety-assessment': { due: { relativeTo: 'fire', offset: 'P3D' } },
} as const);

/** The policy's placement timing, or the defaults for a policy written before it had one. */
export function placementsOf(policy: TimingPolicy): PlacementsPolicy {
  return policy.placements ?? DEFAULT_PLACEMENTS;
}

/**
 * Kinds that fire at once when a change records them (she went missing, she returned): never late — the change that
 * records them is their moment, not a moment the workflow missed. (That they fire at the recorded moment rather than
 * the fire time of day is the schedule's `recordedMoment`.)
 */
export const FIRES_AT_ONCE: readonly MilestoneKind[] = ['missing-episode', 'safety-assessment'];
