import { addWorkingDays, atLocalTime, type EpochMs, type HolidayCalendar, localDateOf } from './calendar';
import { type IsoDuration, requireDuration } from './duration';
import { plus, resolveMoment } from './moment';
import type { TimingPolicy } from './timing-policy';

/**
 * When the coordinator's triage of a signal is due (DOMAIN.md, "Signals before a trajectory"). Optional in a policy:
 * a policy without it uses `DEFAULT_SIGNAL_TRIAGE`.
 */
export interface SignalTriagePolicy {
  /** From the moment the signal came; positive. */
  readonly due: IsoDuration;
  /**
   * Whole days of `due` count working days (Monday to Friday, public holidays excluded) when the policy fires at a time
   * of day; a policy without a time of day (a compressed test policy) counts `due` as elapsed time.
   */
  readonly workingDays: boolean;
}

/** Triage within 5 working days (DOMAIN.md). */
export const DEFAULT_SIGNAL_TRIAGE: SignalTriagePolicy = Object.freeze({ due: 'P5D', workingDays: true });

/** The policy's signal triage timing, or the default for a policy written before it had one. */
export function signalTriageOf(policy: TimingPolicy): SignalTriagePolicy {
  return policy.signalTriage ?? DEFAULT_SIGNAL_TRIAGE;
}

export interface SignalTriageMoments {
  /** The triage task is overdue from here, and the coordinating organisation is told. */
  readonly dueAt: EpochMs;
  /** The reminder to the coordinating organisation; null when it would not come before the due moment. */
  readonly reminderAt: EpochMs | null;
}

/**
 * The moments of a signal's triage task. A repeat (a second signal about her within two years) alerts the coordinator
 * at once: it is due the moment it came, with no reminder. Otherwise due by the policy, the reminder
 * `escalation.reminder` from the due moment, never before the signal came.
 */
export function signalTriageMoments(
  receivedAt: EpochMs,
  repeat: boolean,
  policy: TimingPolicy,
  isHoliday: HolidayCalendar,
): SignalTriageMoments {
  if (repeat) return { dueAt: receivedAt, reminderAt: null };
  const triage = signalTriageOf(policy);
  const dueAt = triageDueAt(receivedAt, triage, policy, isHoliday);
  const reminderAt = Math.max(resolveMoment(plus(dueAt, policy.escalation.reminder, policy), policy), receivedAt);
  return { dueAt, reminderAt: reminderAt < dueAt ? reminderAt : null };
}

function triageDueAt(
  receivedAt: EpochMs,
  triage: SignalTriagePolicy,
  policy: TimingPolicy,
  isHoliday: HolidayCalendar,
): EpochMs {
  const offset = requireDuration(triage.due);
  const wholeDays =
    offset.years === 0 &&
    offset.months === 0 &&
    offset.hours === 0 &&
    offset.minutes === 0 &&
    offset.milliseconds === 0;
  if (triage.workingDays && wholeDays && policy.fireTimeOfDay) {
    const days = offset.sign * (offset.weeks * 7 + offset.days);
    const dueOn = addWorkingDays(localDateOf(receivedAt, policy.timeZone), days, isHoliday);
    return atLocalTime(dueOn, policy.fireTimeOfDay, policy.timeZone);
  }
  return resolveMoment(plus(receivedAt, triage.due, policy), policy);
}
