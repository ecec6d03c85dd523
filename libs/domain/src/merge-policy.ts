import type { PolicyMilestoneKind } from './milestone-kind';
import { signalTriageOf } from './signal-triage-policy';
import type { SignalTriagePolicy } from './signal-triage-policy';
import type { DueRule, MilestonePolicies, TimingPolicy } from './timing-policy';

type MilestoneOverride<T> = { readonly [K in keyof T]?: K extends 'due' ? Partial<DueRule> : T[K] };

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
  /** Laid over the base's signal triage (or the default when the base has none). */
  readonly signalTriage?: Partial<SignalTriagePolicy>;
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
  const { fireTimeOfDay: baseTime, ...rest } = base;
  const fireTimeOfDay = override.fireTimeOfDay === undefined ? baseTime : (override.fireTimeOfDay ?? undefined);
  return {
    ...rest,
    version: override.version,
    ...(fireTimeOfDay === undefined ? {} : { fireTimeOfDay }),
    ages: { ...base.ages, ...override.ages },
    milestones,
    escalation: { ...base.escalation, ...override.escalation },
    ...(override.signalTriage === undefined
      ? {}
      : { signalTriage: { ...signalTriageOf(base), ...override.signalTriage } }),
  };
}

function mergeMilestone<T extends { readonly due: DueRule }>(current: T, change: MilestoneOverride<T> | undefined): T {
  if (!change) return current;
  const due: Partial<DueRule> | undefined = change.due;
  return { ...current, ...change, due: { ...current.due, ...due } };
}
