import { isLocalDate, legalAnniversary, type LocalDate } from './calendar';
import type { FieldError } from './field-error';
import { isValidBsn } from './identifying-fields';

/** DOMAIN.md "Signals before a trajectory": what a partner suspects. */
export const SIGNAL_CATEGORIES = [
  'sexual-exploitation',
  'criminal-exploitation',
  'financial-exploitation',
  'missing',
  'contact-with-exploiter',
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/** The step of the Meldcode huiselijk geweld en kindermishandeling the partner has taken (its five steps). */
export const MELDCODE_STEPS = [
  'step-1-map-signals',
  'step-2-consult-colleague',
  'step-3-talk-to-person',
  'step-4-weigh',
  'step-5-decide',
] as const;
export type MeldcodeStep = (typeof MELDCODE_STEPS)[number];

/** The coordinator's triage: start a trajectory, advice only, report to Veilig Thuis, or no action. */
export const TRIAGE_OUTCOMES = ['start-trajectory', 'advice', 'veilig-thuis-report', 'no-action'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

/** Triage is due this many working days after the signal came (Dutch public holidays do not count). */
export const SIGNAL_TRIAGE_WORKING_DAYS = 5;

/** A second signal about the same person within this many years alerts the coordinator at once. */
export const SIGNAL_REPEAT_YEARS = 2;

/** A signal that led to nothing is destroyed this many years after it came (as the Verwijsindex does). */
export const SIGNAL_RETENTION_YEARS = 2;

/** Who a signal is about, as the partner typed it. Either a BSN, or a name with a birth date. */
export type SignalSubjectInput =
  | { readonly bsn: string; readonly name?: undefined; readonly birthDate?: undefined }
  | { readonly bsn?: undefined; readonly name: string; readonly birthDate: LocalDate };

/**
 * The canonical text a keyed hash is computed of: `bsn:123456782` or `name:jan de vries|2010-03-01`. Two ways of typing
 * one person give one text: spaces, dots and hyphens in a BSN, case, accents, punctuation and repeated spaces in a name.
 * It exists only in memory, on the way to the hash.
 */
export type NormalisedSubject = string;

export const SUBJECT_NAME_MAX_LENGTH = 200;

/** A BSN as typed (`1234.56.782`, `123 456 782`) reduced to its nine digits; an eight-digit BSN gets its leading zero. */
export function normaliseBsn(typed: string): string {
  const digits = typed.replace(/[\s.-]/g, '');
  return /^\d{8}$/.test(digits) ? `0${digits}` : digits;
}

/** A name reduced to lower-case letters and single spaces: `  Ésther  O'Neil-de Vries ` → `esther o neil de vries`. */
export function normaliseName(typed: string): string {
  return typed
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The subject's canonical text, or the fields that are wrong. `today` bounds the birth date (not in the future, not
 * before someone could still be helped: 30 years back is generous for a service that ends at 23).
 */
export function normaliseSignalSubject(
  subject: { readonly bsn?: unknown; readonly name?: unknown; readonly birthDate?: unknown },
  today: LocalDate,
  path = 'subject',
): { readonly subject: NormalisedSubject; readonly errors: [] } | { readonly errors: FieldError[] } {
  const { bsn, name, birthDate } = subject;
  if (bsn !== undefined) {
    if (name !== undefined || birthDate !== undefined)
      return fail(`${path}.bsn`, 'invalid-value', 'Give a BSN, or a name with a birth date, not both.');
    if (typeof bsn !== 'string') return fail(`${path}.bsn`, 'invalid-type', 'A BSN is text.');
    const digits = normaliseBsn(bsn);
    if (!isValidBsn(digits))
      return fail(`${path}.bsn`, 'invalid-bsn', 'This is not a BSN: nine digits passing the 11-proof.');
    return { subject: `bsn:${digits}`, errors: [] };
  }
  const errors: FieldError[] = [];
  if (name === undefined) errors.push(error(`${path}.name`, 'required', 'Give a BSN, or a name with a birth date.'));
  else if (typeof name !== 'string') errors.push(error(`${path}.name`, 'invalid-type', 'A name is text.'));
  else if (name.length > SUBJECT_NAME_MAX_LENGTH)
    errors.push(error(`${path}.name`, 'too-long', `A name has at most ${SUBJECT_NAME_MAX_LENGTH} characters.`));
  else if (normaliseName(name).length === 0)
    errors.push(error(`${path}.name`, 'too-short', 'A name has at least one letter.'));
  if (birthDate === undefined) errors.push(error(`${path}.birthDate`, 'required', 'A name needs a birth date.'));
  else if (!isLocalDate(birthDate))
    errors.push(error(`${path}.birthDate`, 'invalid-date', 'A birth date is a real date, YYYY-MM-DD.'));
  else if (birthDate > today)
    errors.push(error(`${path}.birthDate`, 'in-future', 'A birth date is not in the future.'));
  else if (legalAnniversary(birthDate, 30) <= today)
    errors.push(error(`${path}.birthDate`, 'too-old', 'A signal is about someone younger than 30.'));
  if (errors.length > 0) return { errors };
  return { subject: `name:${normaliseName(name as string)}|${birthDate as string}`, errors: [] };
}

/** Whether a signal that came on `receivedOn` repeats one that came on `earlierOn`: within two years before it. */
export function isRepeatSignal(earlierOn: LocalDate, receivedOn: LocalDate): boolean {
  return earlierOn <= receivedOn && receivedOn < legalAnniversary(earlierOn, SIGNAL_REPEAT_YEARS);
}

/** The day a signal that led to nothing is destroyed: two years after it came. */
export function signalDestructionDate(receivedOn: LocalDate): LocalDate {
  return legalAnniversary(receivedOn, SIGNAL_RETENTION_YEARS);
}

/**
 * A signal led to nothing unless it started a trajectory (whose file then keeps the signal's facts, under the
 * trajectory's retention): advice, a report to Veilig Thuis (whose own file is theirs), no action, or no triage yet.
 */
export function signalLedToNothing(outcome: TriageOutcome | undefined): boolean {
  return outcome !== 'start-trajectory';
}

function error(path: string, code: FieldError['code'], message: string): FieldError {
  return { path, code, message };
}

function fail(path: string, code: FieldError['code'], message: string): { errors: FieldError[] } {
  return { errors: [error(path, code, message)] };
}
