// Independent date arithmetic for the tests: plain integers and Intl, no luxon and nothing from the code under test
// but the name of the zone.
import { DEFAULT_TIME_ZONE } from '../src/calendar';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar months, clamped to the last day of the target month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDate(targetYear, targetMonth, Math.min(day, lastDayOfMonth(targetYear, targetMonth)));
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The N-th birthday, 1 March for someone born on 29 February in a non-leap year. */
export function legalBirthday(birthDate: string, years: number): string {
  const [year, month, day] = parts(birthDate);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeap(target)) return formatDate(target, 3, 1);
  return formatDate(target, month, day);
}

/** Days since 1970-01-01 to a date. */
export function dateFromDayNumber(dayNumber: number): string {
  const date = new Date(dayNumber * 86_400_000);
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function dayNumber(date: string): number {
  const [year, month, day] = parts(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

const amsterdamFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DEFAULT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm:ss` on the Amsterdam wall clock. */
export function amsterdamWallClock(instant: number): string {
  const fields = Object.fromEntries(amsterdamFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${fields.year}-${fields.month}-${fields.day} ${fields.hour}:${fields.minute}:${fields.second}`;
}

/** The instant of a wall-clock time in Amsterdam (CET +01:00 or CEST +02:00, whichever gives that wall clock). */
export function amsterdam(date: string, time = '00:00'): number {
  const [year, month, day] = parts(date);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  for (const offsetHours of [1, 2]) {
    const candidate = wall - offsetHours * 3_600_000;
    if (amsterdamWallClock(candidate) === `${date} ${time}:00`) return candidate;
  }
  throw new Error(`no Amsterdam instant for ${date} ${time}`);
}
