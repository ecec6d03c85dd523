import i18next from 'i18next';
import { DEFAULT_TIME_ZONE } from '@doorloop/contracts';
import { localDateOf } from '@doorloop/domain';

const LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };

function locale(): string {
  return LOCALES[i18next.language] ?? 'nl-NL';
}

/** A calendar date (`2027-05-31`) as people read it: 31 mei 2027. Calendar dates have no time zone: shown as UTC. */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** An instant (`2027-05-31T07:00:00Z`) as its date in the Netherlands. */
export function formatDay(instant: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: DEFAULT_TIME_ZONE }).format(
    new Date(instant),
  );
}

export function formatDateTime(instant: string): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: DEFAULT_TIME_ZONE,
  }).format(new Date(instant));
}

/** `2027-05` as "mei 2027". */
export function formatMonth(month: string): string {
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

export function formatPercent(share: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Today's calendar date in the Netherlands, `YYYY-MM-DD`. */
export function today(now: number = Date.now()): string {
  return localDateOf(now, DEFAULT_TIME_ZONE);
}
