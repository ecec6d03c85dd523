import { addDuration, atLocalTime, type EpochMs, localDateOf } from './calendar';
import { type IsoDuration, requireDuration } from './duration';
import type { TimingPolicy } from './timing-policy';

/**
 * The moment something happens on the day `at` falls on: the policy's fire time of day on that local date, or
 * `at` itself when the policy has no time of day (a compressed test policy).
 */
export function resolveMoment(at: EpochMs, policy: TimingPolicy): EpochMs {
  return policy.fireTimeOfDay === undefined
    ? at
    : atLocalTime(localDateOf(at, policy.timeZone), policy.fireTimeOfDay, policy.timeZone);
}

/** `at` + a policy duration, in the policy's time zone (calendar date part, exact time part). */
export function plus(at: EpochMs, duration: IsoDuration, policy: TimingPolicy): EpochMs {
  return addDuration(at, requireDuration(duration), policy.timeZone);
}
