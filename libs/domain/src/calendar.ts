import { DateTime, IANAZone } from 'luxon';
import { type Duration, isDateGranular, timePartMs } from './duration';

/** A calendar date, `YYYY-MM-DD`, without a time zone. */
export type LocalDate = string;

/** An instant: milliseconds since 1970-01-01T00:00Z. Workflows get it from the SDK, never from the clock here. */
export type EpochMs = number;

/** The zone of every calendar date in Doorloop unless a region's policy names another: the one place it is written. */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

export const SUPPORTED_TIME_ZONES = [DEFAULT_TIME_ZONE] as const;

export type TimeZone = (typeof SUPPORTED_TIME_ZONES)[number];

const HOUR_MS = 3_600_000;

/**
 * An IANA zone whose offset from UTC is looked up once per UTC hour. Luxon asks Intl for the offset on every DateTime it
 * makes (`formatToParts`), and that was the largest single cost of a workflow task (docs/performance.md). The zones
 * supported change offset only on a whole UTC hour (the EU switches at 01:00 UTC), so within an hour the offset is one.
 */
class HourlyOffsetZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = super.offset(ts);
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}

const zones = new Map<TimeZone, HourlyOffsetZone>();

/** The luxon zone of a supported time zone, made once. */
function zoneOf(name: TimeZone): HourlyOffsetZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new HourlyOffsetZone(name);
    zones.set(name, zone);
  }
  return zone;
}

/** A local time of day, `HH:mm` (24-hour). */
export type TimeOfDay = string;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseLocalDate(text: string): DateParts | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2027-02-29` is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && parseLocalDate(value) !== undefined;
}

export function isTimeOfDay(value: unknown): value is TimeOfDay {
  return typeof value === 'string' && TIME_PATTERN.test(value);
}

export function formatLocalDate({ year, month, day }: DateParts): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requireDate(date: LocalDate): DateParts {
  const parts = parseLocalDate(date);
  if (!parts) throw new Error(`Invalid calendar date: ${JSON.stringify(date)}`);
  return parts;
}

/** The instant the given date begins (00:00 local). */
export function startOfLocalDay(date: LocalDate, zone: TimeZone): EpochMs {
  return atLocalTime(date, '00:00', zone);
}

/** The instant of `time` (HH:mm) local on `date`. */
export function atLocalTime(date: LocalDate, time: TimeOfDay, zone: TimeZone): EpochMs {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new Error(`Invalid time of day: ${JSON.stringify(time)}`);
  const instant = DateTime.fromObject(
    { ...requireDate(date), hour: Number(match[1]), minute: Number(match[2]) },
    { zone: zoneOf(zone) },
  );
  return instant.toMillis();
}

/** The local calendar date of an instant. */
export function localDateOf(at: EpochMs, zone: TimeZone): LocalDate {
  const local = DateTime.fromMillis(at, { zone: zoneOf(zone) });
  return formatLocalDate({ year: local.year, month: local.month, day: local.day });
}

/**
 * Adds a duration to an instant. The date part (years, months, weeks, days) is calendar arithmetic on the local
 * wall clock: months are calendar months and a day that does not exist is clamped to the month's last day
 * (31 May + 3 months = 31 August, + 9 months = 28 or 29 February). The time part (hours, minutes, seconds) is exact
 * elapsed time, added afterwards.
 */
export function addDuration(at: EpochMs, duration: Duration, zone: TimeZone): EpochMs {
  const { sign, years, months, weeks, days } = duration;
  const calendar =
    years || months || weeks || days
      ? DateTime.fromMillis(at, { zone: zoneOf(zone) })
          .plus({ years: sign * years, months: sign * months, weeks: sign * weeks, days: sign * days })
          .toMillis()
      : at;
  return isDateGranular(duration) ? calendar : calendar + timePartMs(duration);
}

/** Adds whole days to a calendar date. */
export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  const shifted = DateTime.fromObject(requireDate(date), { zone: 'utc' }).plus({ days });
  return formatLocalDate({ year: shifted.year, month: shifted.month, day: shifted.day });
}

/** Whether a calendar date is a public holiday. Pure: the API builds one from a holiday library (dutch-public-holidays). */
export type HolidayCalendar = (date: LocalDate) => boolean;

/** No public holidays: the calendar of the trajectory schedule, which has always counted holidays as working days. */
export const NO_HOLIDAYS: HolidayCalendar = () => false;

/**
 * `days` working days after `date`: Monday to Friday, except the public holidays `isHoliday` names (by default none,
 * which is what the trajectory schedule has always computed — changing that default would move fired milestones of
 * running workflows). A date in a weekend or on a holiday counts from the working day before it, so five working days
 * after a Saturday is the Friday after.
 */
export function addWorkingDays(date: LocalDate, days: number, isHoliday: HolidayCalendar = NO_HOLIDAYS): LocalDate {
  let current = DateTime.fromObject(requireDate(date), { zone: 'utc' });
  const step = days < 0 ? -1 : 1;
  for (let left = Math.abs(days); left > 0;) {
    current = current.plus({ days: step });
    // The schedule's hot path (docs/performance.md) formats no date when there are no holidays to look up.
    if (current.weekday <= 5 && (isHoliday === NO_HOLIDAYS || !isHoliday(formatLocalDate(current)))) left -= 1;
  }
  return formatLocalDate({ year: current.year, month: current.month, day: current.day });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const start = DateTime.fromObject(requireDate(from), { zone: 'utc' });
  const end = DateTime.fromObject(requireDate(to), { zone: 'utc' });
  return Math.round(end.diff(start, 'days').days);
}

/**
 * The date on which someone born on `birthDate` turns `years` older. Someone born on 29 February becomes a year older
 * on 1 March in a non-leap year (a plain date library gives 28 February).
 */
export function legalAnniversary(birthDate: LocalDate, years: number): LocalDate {
  const { year, month, day } = requireDate(birthDate);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatLocalDate({ year: target, month: 3, day: 1 });
  return formatLocalDate({ year: target, month, day });
}

/** Age in whole years on `on`, with legal birthdays. */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const birthYear = requireDate(birthDate).year;
  const onYear = requireDate(on).year;
  let age = onYear - birthYear;
  if (legalAnniversary(birthDate, age) > on) age -= 1;
  return Math.max(age, 0);
}
