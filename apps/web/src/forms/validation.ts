import type { TFunction } from 'i18next';
import { isOverridableRule } from '@doorloop/contracts';
import { isLocalDate } from '@doorloop/domain';
import { ApiError } from '../api/client';
import { today } from '../i18n/format';

/** Messages by form field id. */
export type FieldErrors = Record<string, string>;

/**
 * Checks in the browser, in Dutch, before anything is sent: the same rules the api applies, so most mistakes are
 * named at once and next to their field. What only the server can judge comes back as problem+json `errors` and is
 * mapped onto the same fields (`serverFieldErrors`).
 */
export class Checks {
  readonly errors: FieldErrors = {};
  constructor(private readonly t: TFunction) {}

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  add(id: string, message: string): void {
    this.errors[id] ??= message;
  }

  required(id: string, value: string): boolean {
    if (value.trim() !== '') return true;
    this.add(id, this.t('validation.required'));
    return false;
  }

  chosen(id: string, value: string): boolean {
    if (value !== '') return true;
    this.add(id, this.t('validation.choose'));
    return false;
  }

  date(id: string, value: string, { optional = false, notAfterToday = false } = {}): boolean {
    if (value === '') {
      if (optional) return true;
      this.add(id, this.t('validation.date'));
      return false;
    }
    if (!isLocalDate(value)) {
      this.add(id, this.t('validation.date'));
      return false;
    }
    if (notAfterToday && value > today()) {
      this.add(id, this.t('validation.dateInFuture'));
      return false;
    }
    return true;
  }

  /** A time of day written HH:MM, as a time field gives it. */
  time(id: string, value: string): boolean {
    if (/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return true;
    this.add(id, this.t('validation.time'));
    return false;
  }

  /** A moment that has not come yet is refused on `id`. */
  notInFuture(id: string, moment: Date): void {
    if (moment.getTime() > Date.now()) this.add(id, this.t('validation.momentInFuture'));
  }

  /** An end date, when both are given, lies after the start date. */
  period(endId: string, start: string, end: string): void {
    if (isLocalDate(start) && isLocalDate(end) && end <= start) this.add(endId, this.t('validation.endBeforeStart'));
  }

  maxLength(id: string, value: string, max: number): void {
    if (value.length > max) this.add(id, this.t('validation.tooLong', { max }));
  }
}

/** `placements[1].startDate` → `placements-1-startDate`: the id of the form field that holds it. */
export function fieldId(path: string): string {
  return path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}

/**
 * The api's field errors (problem+json `errors`) as form errors: each on the field it names, in the user's language
 * by its `code` (`fieldErrors.<code>`). The api's English `detail` is never shown: it is for API users and logs.
 */
export function serverFieldErrors(error: unknown, t: TFunction, prefix = ''): FieldErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.problem?.errors?.length) return null;
  const errors: FieldErrors = {};
  for (const { field, code } of error.problem.errors) {
    const path = prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field;
    const id = fieldId(path);
    // A pseudonym's form is worth spelling out: it keeps names out of the system.
    errors[id] ??=
      code === 'invalid-format' && /(^|\.)pseudonym$/.test(path) ? t('validation.pseudonym') : t(`fieldErrors.${code}`);
  }
  return errors;
}

/** Whether the api refused a fact by a legal rule that an explicit override may set aside (issue 13). */
export function isOverridableRefusal(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 400) return false;
  return (error.problem?.errors ?? []).some(({ code }) => isOverridableRule(code));
}
