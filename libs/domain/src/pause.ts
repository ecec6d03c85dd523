import { daysBetween, type EpochMs, localDateOf } from './calendar';
import { plus, resolveMoment } from './moment';
import type { TimingPolicy } from './timing-policy';
import type { EndedPause, Pause } from './trajectory-facts';

/** The pause in force at `now` (started and not yet ended), if any. */
export function openPauseAt(pauses: readonly Pause[], now: EpochMs): Pause | undefined {
  return pauses.find((pause) => pause.from <= now && (pause.to === undefined || pause.to > now));
}

/**
 * The due moment of a task that was open during a pause: extended by the pause's length. With a fire time of day the
 * length counts in calendar days (so the task stays due at that time of day); without one, in exact milliseconds.
 * A task already overdue when the pause began is not extended: its escalation has happened.
 */
export function extendDueForPause(dueAt: EpochMs, pause: EndedPause, policy: TimingPolicy): EpochMs {
  if (dueAt <= pause.from || pause.to <= pause.from) return dueAt;
  if (policy.fireTimeOfDay === undefined) return dueAt + (pause.to - pause.from);
  const days = daysBetween(localDateOf(pause.from, policy.timeZone), localDateOf(pause.to, policy.timeZone));
  return resolveMoment(plus(dueAt, `P${days}D`, policy), policy);
}
