import { continuityOf } from './continuity-policy';
import type { PolicyMilestoneKind } from './milestone-kind';
import type { ContinuityPolicy, DueRule, MilestonePolicies, TimingPolicy } from './timing-policy';

type MilestoneOverride<T> = { readonly [K in keyof T]?: K extends 'due' ? Partial<DueRule> : T[K] };

type ContinuityKind = Exclude<keyof ContinuityPolicy, 'lateDue'>;

/** What a region changes of "Continuity at 18": per kind like a milestone, `lateDue` as a whole. */
export type ContinuityOverride = { readonly [K in ContinuityKind]?: MilestoneOverride<ContinuityPolicy[K]> } & {
  readonly lateDue?: ContinuityPolicy['lateDue'];
};

/**
 * What a region changes in a base policy. Every field is optional except `version`, which names the result.
 * `fireTimeOfDay: null` removes the time of day (moments become exact instants, as in a compressed test policy).
 */
export interface PolicyOverride {
  readonly version: string;
  readonly fireTimeOfDay?: string | null;
  readonly ages?: Partial<TimingPolicy['ages']>;
  readonly milestones?: { readonly [K in PolicyMilestoneKind]?: MilestoneOverride<MilestonePolicies[K]> };
  readonly escalation?: Partial<TimingPolicy['escalation']>;
  /**
   * Laid over the base's continuity section, or over `DEFAULT_CONTINUITY` when the base has none. The legal ages and
   * the reopening windows (six months, before 23) are law, not policy: no override moves them.
   */
  readonly continuity?: ContinuityOverride;
}

/**
 * Lays an override over a base policy: objects merge field by field, lists (aftercare offsets, director-list kinds)
 * are replaced whole. The result is not checked: pass it to `validatePolicy` before using it.
 */
export function mergePolicy(base: TimingPolicy, override: PolicyOverride): TimingPolicy {
  const change = override.milestones ?? {};
  const milestones: MilestonePolicies = {
    'future-plan': mergeMilestone(base.milestones['future-plan'], change['future-plan']),
    'adult-care-involvement': mergeMilestone(
      base.milestones['adult-care-involvement'],
      change['adult-care-involvement'],
    ),
    'transition-review': mergeMilestone(base.milestones['transition-review'], change['transition-review']),
    handover: mergeMilestone(base.milestones.handover, change.handover),
    'placement-evaluation': mergeMilestone(base.milestones['placement-evaluation'], change['placement-evaluation']),
    'authorisation-expiry': mergeMilestone(base.milestones['authorisation-expiry'], change['authorisation-expiry']),
    'closed-care-limit': mergeMilestone(base.milestones['closed-care-limit'], change['closed-care-limit']),
    'ots-expiry': mergeMilestone(base.milestones['ots-expiry'], change['ots-expiry']),
    'extended-care-end': mergeMilestone(base.milestones['extended-care-end'], change['extended-care-end']),
    'aftercare-check-in': mergeMilestone(base.milestones['aftercare-check-in'], change['aftercare-check-in']),
  };
  const { fireTimeOfDay: baseTime, continuity: baseContinuity, ...rest } = base;
  const continuity = override.continuity ? mergeContinuity(continuityOf(base), override.continuity) : baseContinuity;
  const fireTimeOfDay = override.fireTimeOfDay === undefined ? baseTime : (override.fireTimeOfDay ?? undefined);
  return {
    ...rest,
    version: override.version,
    ...(fireTimeOfDay === undefined ? {} : { fireTimeOfDay }),
    ages: { ...base.ages, ...override.ages },
    milestones,
    escalation: { ...base.escalation, ...override.escalation },
    ...(continuity === undefined ? {} : { continuity }),
  };
}

function mergeContinuity(current: ContinuityPolicy, change: ContinuityOverride): ContinuityPolicy {
  return {
    'continuation-decision': mergeMilestone(current['continuation-decision'], change['continuation-decision']),
    'adulthood-admin': mergeMilestone(current['adulthood-admin'], change['adulthood-admin']),
    'indication-extension': mergeMilestone(current['indication-extension'], change['indication-extension']),
    'safety-net': mergeMilestone(current['safety-net'], change['safety-net']),
    'find-receiver': mergeMilestone(current['find-receiver'], change['find-receiver']),
    'adult-intake': mergeMilestone(current['adult-intake'], change['adult-intake']),
    lateDue: change.lateDue ?? current.lateDue,
  };
}

function mergeMilestone<T extends { readonly due: DueRule }>(current: T, change: MilestoneOverride<T> | undefined): T {
  if (!change) return current;
  const due: Partial<DueRule> | undefined = change.due;
  return { ...current, ...change, due: { ...current.due, ...due } };
}
