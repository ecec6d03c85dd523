import { addDaysToLocalDate, isLocalDate, legalAnniversary, type LocalDate } from './calendar';
import type { FieldError, FieldErrorCode } from './field-error';
import type { CourtMeasureType } from './roles';
import type { CourtMeasure, Placement, TrajectoryFacts } from './trajectory-facts';

// DOMAIN.md, "Placements and court measures that are lawful and legible" (issue 13).

/** The kinds of a machtiging: closed care (gesloten jeugdhulp) and custody (uithuisplaatsing). An OTS has none. */
export const COURT_MEASURE_SUBTYPES = {
  ots: [],
  'custody-order': ['normal', 'emergency'],
  'closed-care-authorisation': ['normal', 'emergency', 'conditional'],
} as const satisfies Record<CourtMeasureType, readonly string[]>;

export type CourtMeasureSubtype = 'normal' | 'emergency' | 'conditional';

/** A legal maximum duration: whole years or whole weeks. */
export type LegalMaximum = { readonly years: number } | { readonly weeks: number };

/**
 * The longest a machtiging of each kind may run: normal and conditional closed care at most 1 year, emergency (spoed)
 * closed care at most 4 weeks; a custody order at most 1 year, an emergency custody order at most 4 weeks.
 */
export const LEGAL_MAXIMUM_DURATIONS: {
  readonly [T in Exclude<CourtMeasureType, 'ots'>]: Readonly<
    Record<(typeof COURT_MEASURE_SUBTYPES)[T][number], LegalMaximum>
  >;
} = {
  'closed-care-authorisation': { normal: { years: 1 }, emergency: { weeks: 4 }, conditional: { years: 1 } },
  'custody-order': { normal: { years: 1 }, emergency: { weeks: 4 } },
};

/** A measure recorded without a subtype (before issue 13, or by a client that leaves it out) is a normal one. */
export const DEFAULT_COURT_MEASURE_SUBTYPE = 'normal';

/** Closed care runs at most this many months past the 18th birthday, and only when treatment started before 18. */
export const CLOSED_CARE_MONTHS_AFTER_18 = 6;

/** Why a placement changed. Only the `QUALITY_CHANGE_REASONS` count as the quality signal "transfers". */
export const CHANGE_REASONS = ['step-down', 'breakdown', 'safety', 'absconded', 'other'] as const;

export type ChangeReason = (typeof CHANGE_REASONS)[number];

export const QUALITY_CHANGE_REASONS: readonly ChangeReason[] = ['breakdown', 'safety', 'absconded'];

/** Why a trajectory is paused. Missing is no reason to pause: it is a missing episode, which fires tasks. */
export const PAUSE_REASONS = ['detention', 'abroad', 'hospital', 'other'] as const;

export type PauseReason = (typeof PAUSE_REASONS)[number];

/** The last date a machtiging of `type` and `subtype` that starts on `startDate` may end on. */
export function legalLatestEnd(
  type: Exclude<CourtMeasureType, 'ots'>,
  subtype: CourtMeasureSubtype,
  startDate: LocalDate,
): LocalDate | undefined {
  const maximum = (LEGAL_MAXIMUM_DURATIONS[type] as Partial<Record<CourtMeasureSubtype, LegalMaximum>>)[subtype];
  if (maximum === undefined) return undefined;
  return 'years' in maximum
    ? legalAnniversary(startDate, maximum.years)
    : addDaysToLocalDate(startDate, 7 * maximum.weeks);
}

/**
 * The day closed care ends at the latest for someone born on `birthDate`: 18 + 6 months (clamped to the month's end).
 * A placement's last day lies before it; an authorisation (whose end date is the day it ends) ends on it at the latest.
 */
export function closedCareLimitDate(birthDate: LocalDate): LocalDate {
  const adulthood = legalAnniversary(birthDate, 18);
  const [year, month, day] = adulthood.split('-').map(Number);
  const index = year * 12 + month - 1 + CLOSED_CARE_MONTHS_AFTER_18;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/**
 * A court measure against the law: its subtype one of its type's, and its end within the legal maximum. Returns the
 * findings with paths under `path`; empty when the measure is lawful (or its dates are not dates: their shape is
 * validateFacts' business).
 */
export function courtMeasureLawErrors(measure: CourtMeasure, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const subtypes: readonly string[] = COURT_MEASURE_SUBTYPES[measure.type] ?? [];
  if (measure.subtype !== undefined && !subtypes.includes(measure.subtype)) {
    errors.push({
      path: `${path}.subtype`,
      code: 'subtype-not-for-type',
      message:
        subtypes.length === 0
          ? `A ${measure.type} has no subtype: remove it`
          : `A ${measure.type} is ${subtypes.join(', ')}: choose one of these`,
    });
    return errors;
  }
  if (measure.type === 'ots' || !isLocalDate(measure.startDate) || !isLocalDate(measure.endDate)) return errors;
  const subtype = measure.subtype ?? DEFAULT_COURT_MEASURE_SUBTYPE;
  const latest = legalLatestEnd(measure.type, subtype, measure.startDate);
  if (latest !== undefined && measure.endDate > latest) {
    const maximum = (LEGAL_MAXIMUM_DURATIONS[measure.type] as Record<string, LegalMaximum>)[subtype];
    const span = 'years' in maximum ? `${maximum.years} year` : `${maximum.weeks} weeks`;
    errors.push({
      path: `${path}.endDate`,
      code: 'exceeds-legal-maximum',
      message: `A ${subtype} ${measure.type} runs at most ${span}: end it on ${latest} or earlier`,
    });
  }
  return errors;
}

/**
 * A closed placement against the law (Jeugdwet): it starts before the 18th birthday; it runs past 18 only when
 * treatment started before 18; never past 18 + 6 months — its end and its authorisation's end alike. Other placements
 * have no such rules.
 */
export function closedPlacementLawErrors(placement: Placement, birthDate: LocalDate, path: string): FieldError[] {
  if (placement.type !== 'closed' || !isLocalDate(birthDate)) return [];
  const errors: FieldError[] = [];
  const fail = (field: string, code: FieldErrorCode, message: string) =>
    errors.push({ path: `${path}.${field}`, code, message });
  const adulthood = legalAnniversary(birthDate, 18);
  const limit = closedCareLimitDate(birthDate);
  if (isLocalDate(placement.startDate) && placement.startDate >= adulthood) {
    fail(
      'startDate',
      'closed-care-starts-after-18',
      `Closed care may start only before the 18th birthday (${adulthood}): choose another placement`,
    );
  }
  // A placement's end date is its last day; an authorisation's is the day it ends.
  const runsPast18 =
    (isLocalDate(placement.endDate) && placement.endDate >= adulthood) ||
    (isLocalDate(placement.authorisationEndDate) && placement.authorisationEndDate > adulthood);
  const treatment = placement.treatmentStartDate;
  if (treatment !== undefined && !isLocalDate(treatment)) {
    fail('treatmentStartDate', 'invalid-date', 'The start of treatment must be a calendar date written YYYY-MM-DD');
  } else if (runsPast18 && (treatment === undefined || treatment >= adulthood)) {
    fail(
      'treatmentStartDate',
      'closed-care-without-treatment-before-18',
      `Closed care runs past the 18th birthday (${adulthood}) only when treatment started before it: end it by then or record the treatment`,
    );
  }
  if (isLocalDate(placement.endDate) && placement.endDate >= limit) {
    fail(
      'endDate',
      'closed-care-past-limit',
      `Closed care ends at the latest on ${limit}, 6 months after the 18th birthday: its last day is before it`,
    );
  }
  if (isLocalDate(placement.authorisationEndDate) && placement.authorisationEndDate > limit) {
    fail(
      'authorisationEndDate',
      'closed-care-past-limit',
      `A closed-care authorisation ends at the latest on ${limit}, 6 months after the 18th birthday`,
    );
  }
  return errors;
}

/** A closed-care authorisation that runs past 18 + 6 months: refused like a closed placement that does. */
export function authorisationLimitErrors(measure: CourtMeasure, birthDate: LocalDate, path: string): FieldError[] {
  if (measure.type !== 'closed-care-authorisation' || !isLocalDate(measure.endDate) || !isLocalDate(birthDate))
    return [];
  const limit = closedCareLimitDate(birthDate);
  return measure.endDate > limit
    ? [
        {
          path: `${path}.endDate`,
          code: 'closed-care-past-limit',
          message: `A closed-care authorisation ends at the latest on ${limit}, 6 months after the 18th birthday`,
        },
      ]
    : [];
}

/**
 * Placement changes by reason. `quality` counts breakdown, safety and absconding, and changes recorded before reasons
 * existed (`unspecified`: they counted before, and nobody can tell a step-down among them); a step-down or other change
 * is no quality signal.
 */
export interface TransferCounts {
  readonly quality: number;
  readonly total: number;
  readonly byReason: Readonly<Record<ChangeReason | 'unspecified', number>>;
}

/** The transfers of a trajectory: every placement after the first is a change, counted by its `changeReason`. */
export function transfersByReason(placements: readonly Placement[]): TransferCounts {
  const byReason: Partial<Record<ChangeReason | 'unspecified', number>> = {};
  for (const placement of placements.slice(1)) {
    const reason = placement.changeReason ?? 'unspecified';
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  return transferCounts(byReason);
}

/**
 * Transfers from counts by reason (a dashboard counts them in SQL over a window): the quality signal is breakdown,
 * safety, absconding and the changes without a reason; a reason not known here counts in the total only.
 */
export function transferCounts(counted: Readonly<Partial<Record<string, number>>>): TransferCounts {
  const byReason = Object.fromEntries(
    [...CHANGE_REASONS, 'unspecified' as const].map((reason) => [reason, counted[reason] ?? 0]),
  ) as Record<ChangeReason | 'unspecified', number>;
  const quality = [...QUALITY_CHANGE_REASONS, 'unspecified' as const].reduce((sum, r) => sum + byReason[r], 0);
  const total = Object.values(counted).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return { quality, total, byReason };
}

/**
 * Every placement and court measure of `facts` against the law, but those the coordinator recorded with an override.
 * Paths as in the facts (`placements[1].endDate`). The API refuses a change that brings a new one of these (unless it
 * carries an override); the workflow does not judge them, so that histories recorded before issue 13 replay unchanged.
 */
export function lawfulnessErrors(facts: TrajectoryFacts): FieldError[] {
  return [
    ...facts.placements.flatMap((placement, index) =>
      placement.overridden ? [] : closedPlacementLawErrors(placement, facts.birthDate, `placements[${index}]`),
    ),
    ...facts.courtMeasures.flatMap((measure, index) =>
      measure.overridden
        ? []
        : [
            ...courtMeasureLawErrors(measure, `courtMeasures[${index}]`),
            ...authorisationLimitErrors(measure, facts.birthDate, `courtMeasures[${index}]`),
          ],
    ),
  ];
}
