// Dutch public holidays computed from their rules, for the tests' expected dates: independent of date-holidays, the
// library the api uses. Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
import { addDays, formatDate } from '../libs/domain/test/calendar-oracle';

function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

const weekday = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();

/** New Year, Easter Monday, Koningsdag (the 26th when the 27th is a Sunday), Ascension, Whit Monday, Christmas, Boxing Day (Sundays left out: they are no working day anyway). */
export function dutchPublicHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  const kingsDay = weekday(formatDate(year, 4, 27)) === 0 ? formatDate(year, 4, 26) : formatDate(year, 4, 27);
  return new Set([
    formatDate(year, 1, 1),
    addDays(easter, 1),
    kingsDay,
    addDays(easter, 39),
    addDays(easter, 50),
    formatDate(year, 12, 25),
    formatDate(year, 12, 26),
  ]);
}

/** `days` working days after `date`, Monday to Friday without Dutch public holidays, counted day by day. */
export function addDutchWorkingDays(date: string, days: number): string {
  let current = date;
  for (let left = days; left > 0;) {
    current = addDays(current, 1);
    const day = weekday(current);
    if (day !== 0 && day !== 6 && !dutchPublicHolidays(Number(current.slice(0, 4))).has(current)) left -= 1;
  }
  return current;
}
