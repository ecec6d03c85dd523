import type { EpochMs } from './calendar';
import type { MilestoneKind } from './milestone-kind';
import type { DueRule } from './timing-policy';
import type { Placement } from './trajectory-facts';

/** How many occurrences of one series a schedule lists at most, either side of now. */
export const SCHEDULE_LIMITS = { pastPerSeries: 40, upcomingPerSeries: 40 } as const;

/** One series of a milestone, before statuses: where each occurrence falls. Occurrences are numbered from 1. */
export interface SeriesPlan {
  readonly kind: MilestoneKind;
  readonly seriesId: string;
  /** Occurrence k's moment from the anchor arithmetic, before the fire time of day is applied. */
  readonly momentOf: (k: number) => EpochMs;
  /** What a due rule relative to the anchor counts from, for occurrence k. */
  readonly anchorOf: (k: number) => EpochMs;
  /** A fixed number of occurrences; absent for a series that runs until `until` (it must then grow with k). */
  readonly count?: number;
  /** Inclusive bound on `momentOf(k)`. */
  readonly until?: EpochMs;
  readonly due: DueRule;
  readonly placement?: Placement;
  /** Occurrence k does not fire (it is left out unless it already fired): e.g. no handover when the provider stays. */
  readonly suppressed?: (k: number) => boolean;
  /**
   * Every past occurrence that has not fired fires late, not only the latest: each stands for something recorded (a
   * rejection, a chosen receiver, a registration), not for a date of a calendar series.
   */
  readonly everyPastFires?: boolean;
  /**
   * Occurrence k stands for something a person recorded at its moment (a decision, a rejection, a missing episode):
   * under the lawful-placements rules it fires at that moment, not at the policy's fire time of day.
   */
  readonly recordedMoment?: (k: number) => boolean;
  /** For a handover: the receiving organisation of occurrence k, when it was chosen. */
  readonly receivingOf?: (k: number) => string | undefined;
}

export interface SeriesWindow {
  /** The occurrences to list, in order: k and fire moment. */
  readonly occurrences: readonly { readonly k: number; readonly moment: EpochMs; readonly fireAt: EpochMs }[];
  /** The latest occurrence that fires before now (0 when none does). */
  readonly latestPast: number;
}

/**
 * The listed part of a series: every occurrence of a fixed series; of an open-ended one the latest
 * `pastPerSeries` past and the next `upcomingPerSeries` occurrences (found by search, so a series compressed to
 * seconds that started long ago stays cheap). Every occurrence is computed from the anchor, never from the one before.
 */
export function seriesWindow(
  plan: SeriesPlan,
  fireAtOf: (moment: EpochMs, k: number) => EpochMs,
  now: EpochMs,
): SeriesWindow {
  const within = (k: number): boolean => plan.until === undefined || plan.momentOf(k) <= plan.until;
  if (plan.count !== undefined) {
    const occurrences = range(1, plan.count)
      .filter(within)
      .map((k) => {
        const moment = plan.momentOf(k);
        return { k, moment, fireAt: fireAtOf(moment, k) };
      });
    const past = occurrences.filter((occurrence) => occurrence.fireAt < now);
    const latestPast = past.reduce((latest, occurrence) => (occurrence.fireAt >= latest.fireAt ? occurrence : latest), {
      k: 0,
      fireAt: -Infinity,
    }).k;
    return { occurrences, latestPast };
  }
  const last = lastSatisfying(within, Number.MAX_SAFE_INTEGER);
  const latestPast = lastSatisfying((k) => fireAtOf(plan.momentOf(k), k) < now, last);
  const first = Math.max(1, latestPast - SCHEDULE_LIMITS.pastPerSeries + 1);
  const end = Math.min(last, latestPast + SCHEDULE_LIMITS.upcomingPerSeries);
  const occurrences = range(first, end).map((k) => {
    const moment = plan.momentOf(k);
    return { k, moment, fireAt: fireAtOf(moment, k) };
  });
  return { occurrences, latestPast };
}

/** The largest k in 1..max for which `holds` is true, given that it holds up to some k and not after; 0 if none. */
function lastSatisfying(holds: (k: number) => boolean, max: number): number {
  if (max < 1 || !holds(1)) return 0;
  let good = 1;
  let step = 1;
  while (good + step <= max && holds(good + step)) {
    good += step;
    step *= 2;
  }
  let bad = Math.min(good + step, max + 1);
  while (bad - good > 1) {
    const middle = good + Math.floor((bad - good) / 2);
    if (holds(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

function range(from: number, to: number): number[] {
  return to < from ? [] : Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
