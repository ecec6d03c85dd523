// Dates for the integration and browser tests, derived from today on the Amsterdam calendar so that the suite passes on
// any day. The arithmetic is the test oracle's (plain integers, nothing from the code under test).
import { addDays, addMonths, amsterdamWallClock, formatDate } from '../libs/domain/test/calendar-oracle';

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** Today's date in Europe/Amsterdam, the zone the api decides "today" in. */
export function today(): LocalDate {
  return amsterdamWallClock(Date.now()).slice(0, 10);
}

export const plusDays = (date: LocalDate, days: number): LocalDate => addDays(date, days);

/** Calendar months, clamped to the month's last day (31 May + 3 months = 31 August). */
export const plusMonths = (date: LocalDate, months: number): LocalDate => addMonths(date, months);

export const plusYears = (date: LocalDate, years: number): LocalDate => addMonths(date, 12 * years);

/**
 * Day `day` of the month `months` from this month (negative: ago). Fixtures that only need "about N months away" use it
 * to stay off month ends, where clamping would make the expected dates depend on the month the test runs in.
 */
export function dayOfMonthFromNow(months: number, day: number): LocalDate {
  const [year, month] = plusMonths(today(), months).split('-').map(Number);
  return formatDate(year, month, day);
}

/** The birth date of someone `years` old today (and `months` more, if given). */
export function bornAgo(years: number, months = 0): LocalDate {
  return plusMonths(today(), -(12 * years + months));
}
