import Holidays from 'date-holidays';
import type { HolidayCalendar, LocalDate } from '@doorloop/domain';

/**
 * Dutch public holidays from a maintained library (date-holidays), not a hand-written list that goes stale: New Year,
 * Easter and Whit Sunday and Monday, Koningsdag (26 April when the 27th is a Sunday), Ascension Day, Christmas and
 * Boxing Day. Only the library's `public` type counts: Good Friday and Liberation Day (5 May) are free days only under
 * some collective agreements, so they count as working days (docs/policy.md). It lives in the api, not libs/domain,
 * because libs/domain is bundled into the workflows and the web app, and neither needs the library's data.
 */
const holidays = new Holidays('NL');
const byYear = new Map<number, ReadonlySet<LocalDate>>();

function publicHolidaysOf(year: number): ReadonlySet<LocalDate> {
  let dates = byYear.get(year);
  if (!dates) {
    dates = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, dates);
  }
  return dates;
}

export const isDutchPublicHoliday: HolidayCalendar = (date) => publicHolidaysOf(Number(date.slice(0, 4))).has(date);
