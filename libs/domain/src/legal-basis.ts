import {
  addDaysToLocalDate,
  addDuration,
  DEFAULT_TIME_ZONE,
  type EpochMs,
  isLocalDate,
  legalAnniversary,
  type LocalDate,
  localDateOf,
  startOfLocalDay,
  type TimeZone,
} from './calendar';
import { requireDuration } from './duration';
import type { FieldError, FieldErrorCode } from './field-error';
import type { Placement } from './trajectory-facts';

/** On what legal basis help is given (DOMAIN.md, "Continuity at 18"). */
export const LEGAL_BASES = ['jeugdwet', 'verlengde-jeugdhulp', 'wmo', 'zvw', 'wlz', 'participatiewet', 'none'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The bases of youth care: one youth-care period at a time. */
export const YOUTH_CARE_BASES: readonly LegalBasis[] = ['jeugdwet', 'verlengde-jeugdhulp'];

/** What the law allows for an adult whatever came before. */
export const ADULT_BASES: readonly LegalBasis[] = ['wmo', 'zvw', 'wlz', 'participatiewet', 'none'];

/** Legal ages are law, not policy: a compressed test policy does not move them. */
export const LEGAL_AGES = { adulthood: 18, extendedYouthCareEnd: 23 } as const;

/** Extended youth care may resume within this long after youth care ended (Jeugdwet art. 1.1, "verlengde jeugdhulp"). */
export const YOUTH_CARE_RESUMPTION = 'P6M';

/** One period of help on one basis, by one provider (none for `none`); `until` is its last day, absent while it runs. */
export interface LegalBasisPeriod {
  readonly basis: LegalBasis;
  readonly providerOrganisationId?: string;
  readonly from: LocalDate;
  readonly until?: LocalDate;
}

/**
 * Who continues from the 18th birthday: the same provider (under `verlengde-jeugdhulp`, or an adult basis it also
 * gives), a new provider (a handover), or nobody because she declines help (basis `none`).
 */
export const CONTINUATIONS = ['same-provider', 'new-provider', 'declined'] as const;
export type Continuation = (typeof CONTINUATIONS)[number];

/** The continuation decision as the schedule needs it: codes, an organisation id and the moment it was recorded. */
export interface ContinuationDecision {
  readonly continuation: Continuation;
  readonly basis: LegalBasis;
  readonly providerOrganisationId?: string;
  readonly decidedAt: EpochMs;
}

/** What the legal-basis rules read of a trajectory. */
export interface BasisContext {
  readonly birthDate: LocalDate;
  readonly startedOn: EpochMs;
  readonly placements: readonly Placement[];
  readonly legalBases?: readonly LegalBasisPeriod[];
}

export function isLegalBasis(value: unknown): value is LegalBasis {
  return typeof value === 'string' && (LEGAL_BASES as readonly string[]).includes(value);
}

/**
 * Checks legal-basis periods: each a known basis with its provider (none for `none`), dates in order and not before
 * birth; `jeugdwet` only before the 18th birthday; `verlengde-jeugdhulp` only from 18 to the day before 23, when youth
 * help started before 18 and it resumes within six months of the end of youth care; no period overlapping another of
 * the same basis, no youth-care periods overlapping, and `none` overlapping nothing. Paths start with `path`.
 */
export function validateLegalBases(
  periods: readonly LegalBasisPeriod[],
  context: BasisContext,
  path = 'legalBases',
  zone: TimeZone = DEFAULT_TIME_ZONE,
): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (at: string, code: FieldErrorCode, message: string): void => {
    errors.push({ path: at, code, message });
  };
  const list: unknown = periods;
  if (!Array.isArray(list)) {
    fail(path, 'invalid-type', 'The legal bases are a list of periods');
    return errors;
  }
  const birth = isLocalDate(context.birthDate) ? context.birthDate : undefined;
  const adult = birth && legalAnniversary(birth, LEGAL_AGES.adulthood);
  const end23 = birth && legalAnniversary(birth, LEGAL_AGES.extendedYouthCareEnd);
  periods.forEach((period, index) => {
    const at = `${path}[${index}]`;
    if (typeof period !== 'object' || period === null) {
      fail(at, 'invalid-type', 'A legal-basis period has a basis, a provider, from and until');
      return;
    }
    if (!isLegalBasis(period.basis)) {
      fail(`${at}.basis`, 'invalid-value', `The basis must be one of ${LEGAL_BASES.join(', ')}`);
    } else if (period.basis === 'none' && period.providerOrganisationId !== undefined) {
      fail(`${at}.providerOrganisationId`, 'invalid-value', 'Without formal help (none) there is no provider');
    } else if (period.basis !== 'none' && !hasText(period.providerOrganisationId)) {
      fail(`${at}.providerOrganisationId`, 'required', 'Name the organisation that gives help on this basis');
    }
    const fromOk = isLocalDate(period.from);
    if (!fromOk) fail(`${at}.from`, 'invalid-date', 'The start must be a calendar date written YYYY-MM-DD');
    const untilOk = period.until === undefined || isLocalDate(period.until);
    if (!untilOk) fail(`${at}.until`, 'invalid-date', 'The end must be a calendar date written YYYY-MM-DD, or absent');
    if (!fromOk || !untilOk) return;
    if (period.until !== undefined && period.until < period.from) {
      fail(`${at}.until`, 'end-before-start', `The period ends before it starts: end on or after ${period.from}`);
    }
    if (birth && period.from < birth) {
      fail(`${at}.from`, 'before-birth-date', 'The period starts before the date of birth: check both dates');
    }
    if (!adult || !end23) return;
    if (period.basis === 'jeugdwet') {
      if (period.from >= adult) {
        fail(
          `${at}.from`,
          'basis-not-for-age',
          `Jeugdwet help is for a minor: start before the 18th birthday (${adult}), or use verlengde-jeugdhulp`,
        );
      } else if (period.until !== undefined && period.until >= adult) {
        fail(
          `${at}.until`,
          'basis-not-for-age',
          `Jeugdwet help ends on the day before the 18th birthday (${addDaysToLocalDate(adult, -1)}) at the latest`,
        );
      }
    }
    if (period.basis === 'verlengde-jeugdhulp') {
      const lastDay = addDaysToLocalDate(end23, -1);
      if (period.from < adult) {
        fail(`${at}.from`, 'basis-not-for-age', `Extended youth care starts on or after the 18th birthday (${adult})`);
      } else if (period.from > lastDay) {
        fail(
          `${at}.from`,
          'basis-not-for-age',
          `Extended youth care ends at 23: start before ${end23}, or choose an adult basis`,
        );
      } else if (period.until !== undefined && period.until > lastDay) {
        fail(`${at}.until`, 'basis-not-for-age', `Extended youth care ends at 23: end on ${lastDay} at the latest`);
      } else {
        const others = periods.filter((other, otherIndex) => otherIndex !== index);
        const refusal = extendedCareRefusal({ ...context, legalBases: others }, period.from, zone);
        if (refusal) fail(`${at}.basis`, refusal.code, refusal.message);
      }
    }
  });
  periods.forEach((period, index) => {
    for (let earlier = 0; earlier < index; earlier += 1) {
      const other = periods[earlier];
      if (conflicting(period, other) && overlaps(period, other)) {
        fail(
          `${path}[${index}].from`,
          'basis-overlaps',
          `This ${period.basis} period overlaps period ${earlier + 1} (${other.basis} from ${other.from}): end one before the other starts`,
        );
        break;
      }
    }
  });
  return errors;
}

/**
 * Why extended youth care (verlengde-jeugdhulp) cannot start on `from`, or undefined when it can: youth help must have
 * started before 18 and resume within six months after it ended. Youth care ended on the last day of the latest
 * youth-care period before `from` (an open Jeugdwet period: the day before the 18th birthday); with none recorded, a
 * trajectory registered or placed before 18 counts as youth care until the day before the 18th birthday.
 */
export function extendedCareRefusal(
  context: BasisContext,
  from: LocalDate,
  zone: TimeZone = DEFAULT_TIME_ZONE,
): { code: FieldErrorCode; message: string } | undefined {
  const adult = legalAnniversary(context.birthDate, LEGAL_AGES.adulthood);
  const end23 = legalAnniversary(context.birthDate, LEGAL_AGES.extendedYouthCareEnd);
  if (from < adult || from >= end23) {
    return {
      code: 'basis-not-for-age',
      message: `Extended youth care is possible from ${adult} to the day before ${end23}`,
    };
  }
  const dayBeforeAdult = addDaysToLocalDate(adult, -1);
  const youthPeriods = (context.legalBases ?? []).filter(
    (period) => YOUTH_CARE_BASES.includes(period.basis) && isLocalDate(period.from) && period.from < from,
  );
  const startedBefore18 =
    youthPeriods.some((period) => period.from < adult) ||
    context.placements.some((placement) => isLocalDate(placement.startDate) && placement.startDate < adult) ||
    (Number.isFinite(context.startedOn) && localDateOf(context.startedOn, zone) < adult);
  if (!startedBefore18) {
    return {
      code: 'youth-care-not-before-18',
      message: 'Extended youth care needs youth help that started before the 18th birthday: choose an adult basis',
    };
  }
  const ends = youthPeriods.map(
    (period) => period.until ?? (period.basis === 'jeugdwet' ? dayBeforeAdult : addDaysToLocalDate(from, -1)),
  );
  const ended = ends.length > 0 ? ends.reduce((a, b) => (a > b ? a : b)) : dayBeforeAdult;
  const latestStart = addDaysToLocalDate(addMonths(ended, YOUTH_CARE_RESUMPTION, zone), 1);
  if (from > latestStart) {
    return {
      code: 'youth-care-ended-too-long-ago',
      message: `Youth care ended on ${ended}: extended youth care can resume until ${latestStart}, after that only an adult basis`,
    };
  }
  return undefined;
}

/** The bases help may have from `date` on: extended youth care when `extendedCareRefusal` allows it, else adult ones. */
export function basesAllowedOn(
  context: BasisContext,
  date: LocalDate,
  zone: TimeZone = DEFAULT_TIME_ZONE,
): LegalBasis[] {
  const adult = legalAnniversary(context.birthDate, LEGAL_AGES.adulthood);
  if (date < adult) return ['jeugdwet', ...ADULT_BASES.filter((basis) => basis !== 'none'), 'none'];
  return extendedCareRefusal(context, date, zone) === undefined
    ? ['verlengde-jeugdhulp', ...ADULT_BASES]
    : [...ADULT_BASES];
}

/**
 * Checks a continuation decision: a known continuation and basis; declining help is basis `none` without provider;
 * a continuing or new provider is named, on a basis for an adult (verlengde-jeugdhulp or an adult basis but none).
 */
export function validateContinuation(decision: ContinuationDecision, path = 'continuation'): FieldError[] {
  const errors: FieldError[] = [];
  if (!(CONTINUATIONS as readonly string[]).includes(decision.continuation)) {
    errors.push({
      path: `${path}.continuation`,
      code: 'invalid-value',
      message: `Choose ${CONTINUATIONS.join(', ')}`,
    });
    return errors;
  }
  if (!isLegalBasis(decision.basis)) {
    errors.push({
      path: `${path}.basis`,
      code: 'invalid-value',
      message: `The basis must be one of ${LEGAL_BASES.join(', ')}`,
    });
  } else if (decision.continuation === 'declined' && decision.basis !== 'none') {
    errors.push({ path: `${path}.basis`, code: 'invalid-value', message: 'She declines help: the basis is none' });
  } else if (decision.continuation !== 'declined' && (decision.basis === 'none' || decision.basis === 'jeugdwet')) {
    errors.push({
      path: `${path}.basis`,
      code: 'basis-not-for-age',
      message:
        'From the 18th birthday help continues on verlengde-jeugdhulp or an adult basis (wmo, zvw, wlz, participatiewet)',
    });
  }
  if (decision.continuation === 'declined' && decision.providerOrganisationId !== undefined) {
    errors.push({
      path: `${path}.providerOrganisationId`,
      code: 'invalid-value',
      message: 'She declines help: no provider',
    });
  }
  if (decision.continuation !== 'declined' && !hasText(decision.providerOrganisationId)) {
    errors.push({
      path: `${path}.providerOrganisationId`,
      code: 'required',
      message: 'Name the organisation that gives help from the 18th birthday',
    });
  }
  if (!Number.isFinite(decision.decidedAt)) {
    errors.push({
      path: `${path}.decidedAt`,
      code: 'invalid-value',
      message: 'The decision needs the moment it was made',
    });
  }
  return errors;
}

/**
 * The legal bases after a continuation decision: a running Jeugdwet period ends on the day before the 18th birthday,
 * and the decided basis starts on the 18th birthday (or on the day of the decision, when that is later).
 */
export function basesAfterDecision(
  periods: readonly LegalBasisPeriod[],
  birthDate: LocalDate,
  decision: ContinuationDecision,
  zone: TimeZone = DEFAULT_TIME_ZONE,
): LegalBasisPeriod[] {
  const adult = legalAnniversary(birthDate, LEGAL_AGES.adulthood);
  const decidedOn = localDateOf(decision.decidedAt, zone);
  const from = decidedOn > adult ? decidedOn : adult;
  const ended = periods.map((period) =>
    period.basis === 'jeugdwet' && period.until === undefined && period.from < adult
      ? { ...period, until: addDaysToLocalDate(adult, -1) }
      : period,
  );
  const provider = decision.providerOrganisationId;
  return [
    ...ended,
    { basis: decision.basis, ...(provider === undefined ? {} : { providerOrganisationId: provider }), from },
  ];
}

/** Periods that may not overlap: the same basis twice, two youth-care periods, or `none` beside anything. */
function conflicting(a: LegalBasisPeriod, b: LegalBasisPeriod): boolean {
  return (
    a.basis === b.basis ||
    a.basis === 'none' ||
    b.basis === 'none' ||
    (YOUTH_CARE_BASES.includes(a.basis) && YOUTH_CARE_BASES.includes(b.basis))
  );
}

function overlaps(a: LegalBasisPeriod, b: LegalBasisPeriod): boolean {
  if (!isLocalDate(a.from) || !isLocalDate(b.from)) return false;
  return (a.until === undefined || a.until >= b.from) && (b.until === undefined || b.until >= a.from);
}

function addMonths(date: LocalDate, duration: string, zone: TimeZone): LocalDate {
  return localDateOf(addDuration(startOfLocalDay(date, zone), requireDuration(duration), zone), zone);
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
