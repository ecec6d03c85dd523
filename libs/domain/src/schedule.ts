import { type Assignee, assigneesFor, handoverAssignees, placementsOn } from './assignment';
import {
  addDaysToLocalDate,
  addWorkingDays,
  atLocalTime,
  type EpochMs,
  type LocalDate,
  localDateOf,
  startOfLocalDay,
} from './calendar';
import { continuityOf } from './continuity-policy';
import { requireDuration } from './duration';
import { escalationMoments } from './escalation';
import { MILESTONE_KINDS, type MilestoneKind } from './milestone-kind';
import { birthdayAt, closedAt, planSeries, type ScheduleRules } from './milestone-plans';
import { plus, resolveMoment } from './moment';
import { openPauseAt } from './pause';
import { type SeriesPlan, seriesWindow } from './series';
import type { TimingPolicy } from './timing-policy';
import type { TrajectoryFacts } from './trajectory-facts';

export type { ScheduleRules } from './milestone-plans';

/**
 * `upcoming`: fires at `fireAt`. `late`: its moment has passed without it firing; it fires at once.
 * `missed`: passed without firing and never fires: a later occurrence of its series has passed too, its series is
 * over (the placement ended), or the trajectory has closed.
 * `fired`: its key is among the fired ones; it never fires again, whatever changes.
 */
export type OccurrenceStatus = 'upcoming' | 'late' | 'missed' | 'fired';

export interface ScheduledOccurrence {
  /** Stable and unique: `<seriesId>:<occurrence>`, e.g. `placement-evaluation:P-2:3`, `transition-review:1`. */
  readonly key: string;
  readonly kind: MilestoneKind;
  /** `kind` for a once-per-trajectory milestone; `kind:<placement id>` or `kind:<end date>` for the others. */
  readonly seriesId: string;
  /** 1-based number within the series. */
  readonly occurrence: number;
  /** The scheduled fire moment (for a late occurrence: the moment it should have fired). */
  readonly fireAt: EpochMs;
  readonly fireDate: LocalDate;
  /** From here the task is overdue and the coordinator is notified. */
  readonly dueAt: EpochMs;
  readonly dueDate: LocalDate;
  readonly reminderAt: EpochMs;
  /** Only for the kinds on the municipal director's list (handover, transition review). */
  readonly directorListAt?: EpochMs;
  readonly status: OccurrenceStatus;
  /** True while an open pause keeps a late or upcoming occurrence from firing. */
  readonly onHold: boolean;
  readonly assignees: readonly Assignee[];
  readonly placementId?: string;
  readonly sendingOrganisationId?: string;
  readonly receivingOrganisationId?: string;
}

/**
 * The milestone schedule of a trajectory at `now`, sorted by fire moment. `facts` must pass `validateFacts` and
 * `policy` must pass `validatePolicy`. Pure: the same arguments give the same schedule.
 */
export function computeSchedule(
  facts: TrajectoryFacts,
  policy: TimingPolicy,
  now: EpochMs,
  alreadyFired: ReadonlySet<string> = new Set<string>(),
  rules: ScheduleRules = {},
): ScheduledOccurrence[] {
  const closure = closedAt(facts, policy);
  const paused = openPauseAt(facts.pauses, now) !== undefined;
  const atFireTime = (moment: EpochMs): EpochMs => resolveMoment(moment, policy);
  const occurrences: ScheduledOccurrence[] = [];
  const adulthood = rules.continuityAt18 ? birthdayAt(facts.birthDate, policy.ages.adulthood, policy) : undefined;
  for (const plan of planSeries(facts, policy, rules)) {
    // Under the lawful-placements rules what a person recorded fires when it was recorded, whatever the hour: a missing
    // episode at night reaches the police at once, a decision before the day's fire time shows its task straight away.
    const recorded = rules.lawfulPlacements === true ? plan.recordedMoment : undefined;
    const fireAtOf = (moment: EpochMs, k: number): EpochMs => (recorded?.(k) ? moment : atFireTime(moment));
    const window = seriesWindow(plan, fireAtOf, now);
    const cutByClosure = closure !== undefined && plan.kind !== 'aftercare-check-in';
    // Nothing fires late for a series that is over (a placement that has ended) or a trajectory that has closed.
    const over = (plan.until !== undefined && endedBefore(plan.until, now, policy)) || (cutByClosure && now >= closure);
    for (const { k, moment, fireAt } of window.occurrences) {
      const key = `${plan.seriesId}:${k}`;
      const fired = alreadyFired.has(key);
      if (!fired && cutByClosure && fireAt >= closure) continue;
      if (!fired && plan.suppressed?.(k) === true) continue;
      const status: OccurrenceStatus = fired
        ? 'fired'
        : fireAt >= now
          ? 'upcoming'
          : (k === window.latestPast || plan.everyPastFires === true) && !over
            ? 'late'
            : 'missed';
      const placed = { key, k, moment, fireAt, status, onHold: paused && fires(status) };
      occurrences.push(occurrence(facts, policy, now, plan, placed, adulthood, rules));
    }
  }
  return occurrences.sort(byFireMoment);
}

/** The occurrences that should fire at `now`: late ones and upcoming ones whose moment has come, unless on hold. */
export function occurrencesToFire(schedule: readonly ScheduledOccurrence[], now: EpochMs): ScheduledOccurrence[] {
  return schedule.filter(
    (occurrence) =>
      !occurrence.onHold &&
      (occurrence.status === 'late' || (occurrence.status === 'upcoming' && occurrence.fireAt <= now)),
  );
}

/** The next moment an upcoming occurrence fires (not counting those on hold), if any. */
export function nextFireAt(schedule: readonly ScheduledOccurrence[]): EpochMs | undefined {
  const upcoming = schedule.filter((occurrence) => occurrence.status === 'upcoming' && !occurrence.onHold);
  return upcoming.length > 0 ? Math.min(...upcoming.map((occurrence) => occurrence.fireAt)) : undefined;
}

interface Placed {
  readonly key: string;
  readonly k: number;
  readonly moment: EpochMs;
  readonly fireAt: EpochMs;
  readonly status: OccurrenceStatus;
  readonly onHold: boolean;
}

function occurrence(
  facts: TrajectoryFacts,
  policy: TimingPolicy,
  now: EpochMs,
  plan: SeriesPlan,
  placed: Placed,
  /** The 18th birthday's moment, with "Continuity at 18" only. */
  adulthood: EpochMs | undefined,
  rules: ScheduleRules = {},
): ScheduledOccurrence {
  const { key, k, fireAt, status, onHold } = placed;
  // A late occurrence fires now: a due counted from firing counts from now, so it does not start out overdue.
  const firesAt = status === 'late' ? now : fireAt;
  const dueAt = dueMoment(plan, k, firesAt, policy, adulthood !== undefined);
  const { reminderAt, directorListAt } = escalationMoments(plan.kind, dueAt, policy, firesAt);
  const date = localDateOf(firesAt, policy.timeZone);
  const base = {
    key,
    kind: plan.kind,
    seriesId: plan.seriesId,
    occurrence: k,
    fireAt,
    fireDate: localDateOf(fireAt, policy.timeZone),
    dueAt,
    dueDate: localDateOf(dueAt, policy.timeZone),
    reminderAt,
    ...(directorListAt === undefined ? {} : { directorListAt }),
    status,
    onHold,
    ...(plan.placement ? { placementId: plan.placement.id } : {}),
  };
  const receivingOrganisationId = plan.receivingOf?.(k);
  const chosen = receivingOrganisationId === undefined ? {} : { receivingOrganisationId };
  if (plan.kind === 'handover') {
    const { sending, receiving } = handoverAssignees(facts, date, receivingOrganisationId);
    return {
      ...base,
      assignees: assigneesFor('handover', facts, { date, ...chosen }),
      sendingOrganisationId: sending.organisationId,
      receivingOrganisationId: receiving.organisationId,
    };
  }
  const placement =
    plan.placement ??
    (plan.kind === 'authorisation-expiry' ? placementsOn(facts, date).find((p) => p.type === 'closed') : undefined);
  const adult = adulthood === undefined ? {} : { adult: firesAt >= adulthood };
  const lawful = rules.lawfulPlacements === true ? { lawfulPlacements: true } : {};
  return {
    ...base,
    assignees: assigneesFor(plan.kind, facts, { date, ...(placement ? { placement } : {}), ...adult, ...lawful }),
  };
}

/**
 * When occurrence k is due, if it fires at `firesAt`: by its due rule. With "Continuity at 18" an occurrence is never
 * due before it fires: a due that has passed by then is `lateDue` after firing; and a find-receiver due in whole days
 * counts working days (Monday to Friday) when the policy fires at a time of day.
 */
function dueMoment(plan: SeriesPlan, k: number, firesAt: EpochMs, policy: TimingPolicy, continuity: boolean): EpochMs {
  const c = continuityOf(policy);
  if (continuity && plan.kind === 'find-receiver' && c['find-receiver'].workingDays && policy.fireTimeOfDay) {
    const offset = requireDuration(plan.due.offset);
    const wholeDays = offset.years === 0 && offset.months === 0 && offset.hours === 0 && offset.minutes === 0;
    if (wholeDays && offset.milliseconds === 0 && plan.due.relativeTo === 'fire') {
      const days = offset.sign * (offset.weeks * 7 + offset.days);
      return atLocalTime(
        addWorkingDays(localDateOf(firesAt, policy.timeZone), days),
        policy.fireTimeOfDay,
        policy.timeZone,
      );
    }
  }
  if (plan.kind === 'missing-episode') return sameDayDue(plus(firesAt, plan.due.offset, policy), policy);
  const dueBase = plan.due.relativeTo === 'fire' ? firesAt : plan.anchorOf(k);
  const dueAt = resolveMoment(plus(dueBase, plan.due.offset, policy), policy);
  return continuity && dueAt < firesAt ? resolveMoment(plus(firesAt, c.lateDue, policy), policy) : dueAt;
}

/**
 * A missing episode is due the same day: the last moment of the local day `at` falls on, when the policy keeps days
 * (a fire time of day); `at` itself in a compressed policy, whose due offset stands for that day.
 */
function sameDayDue(at: EpochMs, policy: TimingPolicy): EpochMs {
  if (policy.fireTimeOfDay === undefined) return at;
  return startOfLocalDay(addDaysToLocalDate(localDateOf(at, policy.timeZone), 1), policy.timeZone) - 1;
}

/** With a fire time of day a bound lasts its whole day (a placement runs through its end date). */
function endedBefore(until: EpochMs, now: EpochMs, policy: TimingPolicy): boolean {
  return policy.fireTimeOfDay === undefined
    ? until < now
    : localDateOf(until, policy.timeZone) < localDateOf(now, policy.timeZone);
}

function fires(status: OccurrenceStatus): boolean {
  return status === 'late' || status === 'upcoming';
}

function byFireMoment(a: ScheduledOccurrence, b: ScheduledOccurrence): number {
  return (
    a.fireAt - b.fireAt ||
    MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind) ||
    (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0) ||
    a.occurrence - b.occurrence
  );
}
