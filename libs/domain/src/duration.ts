/**
 * An ISO 8601 duration: `P6M`, `-P18M`, `P14D`, `P6W`, `P16Y`, `PT2S`, `PT0.5S`.
 * One optional leading sign applies to every part; only seconds may carry a fraction (up to milliseconds).
 */
export type IsoDuration = `P${string}` | `-P${string}`;

export interface Duration {
  readonly sign: 1 | -1;
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  /** Seconds with their fraction, as whole milliseconds, so arithmetic stays exact. */
  readonly milliseconds: number;
}

const PATTERN =
  /^(-)?P(?:(\d{1,9})Y)?(?:(\d{1,9})M)?(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})(?:[.,](\d{1,3}))?S)?)?$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// Only used to compare durations of different units (validation, compression); never for scheduling.
const AVERAGE_DAYS_PER_YEAR = 365.2425;

export function parseDuration(text: string): Duration | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, minus, y, mo, w, d, h, mi, s, fraction] = match;
  if (y === undefined && mo === undefined && w === undefined && d === undefined && !text.includes('T'))
    return undefined;
  if (text.includes('T') && h === undefined && mi === undefined && s === undefined) return undefined;
  const toInt = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  return {
    sign: minus ? -1 : 1,
    years: toInt(y),
    months: toInt(mo),
    weeks: toInt(w),
    days: toInt(d),
    hours: toInt(h),
    minutes: toInt(mi),
    milliseconds: toInt(s) * 1000 + (fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'))),
  };
}

export function isIsoDuration(value: unknown): value is IsoDuration {
  return typeof value === 'string' && parseDuration(value) !== undefined;
}

/** Parses a duration that validation has already accepted; an invalid one is a programming error. */
export function requireDuration(text: string): Duration {
  const duration = parseDuration(text);
  if (!duration) throw new Error(`Invalid ISO 8601 duration: ${JSON.stringify(text)}`);
  return duration;
}

export function formatDuration(duration: Duration): IsoDuration {
  const { years, months, weeks, days, hours, minutes, milliseconds } = duration;
  let date = '';
  if (years) date += `${years}Y`;
  if (months) date += `${months}M`;
  if (weeks) date += `${weeks}W`;
  if (days) date += `${days}D`;
  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (milliseconds) {
    const whole = Math.floor(milliseconds / 1000);
    const rest = milliseconds % 1000;
    time += rest ? `${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}S` : `${whole}S`;
  }
  const body = date || time ? `${date}${time ? `T${time}` : ''}` : '0D';
  return `${duration.sign < 0 && !isZeroDuration(duration) ? '-' : ''}P${body}`;
}

export function isZeroDuration(duration: Duration): boolean {
  return durationParts(duration).every((part) => part === 0);
}

/** -1, 0 or 1. */
export function durationSign(duration: Duration): -1 | 0 | 1 {
  return isZeroDuration(duration) ? 0 : duration.sign;
}

/** True when the duration has no hour, minute or second part: it moves whole calendar days. */
export function isDateGranular(duration: Duration): boolean {
  return duration.hours === 0 && duration.minutes === 0 && duration.milliseconds === 0;
}

/** The time part (hours, minutes, seconds) in signed milliseconds: it is added as exact elapsed time. */
export function timePartMs(duration: Duration): number {
  return duration.sign * (duration.hours * MS_PER_HOUR + duration.minutes * MS_PER_MINUTE + duration.milliseconds);
}

/** k × duration, part by part, so that a series computed from its anchor does not drift. */
export function multiplyDuration(duration: Duration, k: number): Duration {
  const sign = k < 0 ? -duration.sign : duration.sign;
  const n = Math.abs(k);
  return {
    sign: sign < 0 ? -1 : 1,
    years: duration.years * n,
    months: duration.months * n,
    weeks: duration.weeks * n,
    days: duration.days * n,
    hours: duration.hours * n,
    minutes: duration.minutes * n,
    milliseconds: duration.milliseconds * n,
  };
}

export function withoutYears(duration: Duration): Duration {
  return { ...duration, years: 0 };
}

/** Signed length in milliseconds with average month and year lengths: good for comparing, not for scheduling. */
export function approximateMs(duration: Duration): number {
  const days =
    duration.years * AVERAGE_DAYS_PER_YEAR +
    (duration.months * AVERAGE_DAYS_PER_YEAR) / 12 +
    duration.weeks * 7 +
    duration.days;
  return duration.sign * days * MS_PER_DAY + timePartMs(duration);
}

function durationParts(duration: Duration): number[] {
  const { years, months, weeks, days, hours, minutes, milliseconds } = duration;
  return [years, months, weeks, days, hours, minutes, milliseconds];
}
