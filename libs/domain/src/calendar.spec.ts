import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { amsterdam, amsterdamWallClock } from '../test/calendar-oracle';
import {
  addDaysToLocalDate,
  DEFAULT_TIME_ZONE,
  addDuration,
  ageOn,
  atLocalTime,
  daysBetween,
  isLocalDate,
  isTimeOfDay,
  legalAnniversary,
  localDateOf,
  startOfLocalDay,
} from './calendar';
import { requireDuration } from './duration';

const zone = DEFAULT_TIME_ZONE;
const plusDuration = (date: string, duration: string): string =>
  localDateOf(addDuration(startOfLocalDay(date, zone), requireDuration(duration), zone), zone);

describe('calendar dates', () => {
  it.each([
    ['2026-05-31', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-5-31', false],
    ['31-05-2026', false],
    ['2026-05-31T00:00', false],
  ])('%s is a date: %s', (text, expected) => {
    expect(isLocalDate(text)).toBe(expected);
  });

  it('knows a time of day', () => {
    expect(isTimeOfDay('09:00')).toBe(true);
    expect(isTimeOfDay('23:59')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('9:00')).toBe(false);
  });
});

describe(`calendar arithmetic in ${DEFAULT_TIME_ZONE}`, () => {
  it('clamps to the end of the month, always computed from the anchor', () => {
    expect(plusDuration('2026-05-31', 'P3M')).toBe('2026-08-31');
    expect(plusDuration('2026-05-31', 'P6M')).toBe('2026-11-30');
    expect(plusDuration('2026-05-31', 'P9M')).toBe('2027-02-28');
    expect(plusDuration('2027-05-31', 'P9M')).toBe('2028-02-29');
    expect(plusDuration('2026-05-31', 'P12M')).toBe('2027-05-31');
    expect(plusDuration('2026-01-31', 'P1M')).toBe('2026-02-28');
  });

  it('subtracts calendar months the same way (31 August minus 6 months is the end of February)', () => {
    expect(plusDuration('2026-08-31', '-P6M')).toBe('2026-02-28');
    expect(plusDuration('2028-08-31', '-P6M')).toBe('2028-02-29');
    expect(plusDuration('2027-05-31', '-P18M')).toBe('2025-11-30');
    expect(plusDuration('2027-01-15', '-P6W')).toBe('2026-12-04');
  });

  it('adds whole days on the wall clock across a DST change, and hours as elapsed time', () => {
    const midnight = amsterdam('2026-03-29'); // clocks go forward at 02:00
    expect(amsterdamWallClock(addDuration(midnight, requireDuration('P1D'), zone))).toBe('2026-03-30 00:00:00');
    expect(amsterdamWallClock(addDuration(midnight, requireDuration('PT24H'), zone))).toBe('2026-03-30 01:00:00');
    expect(addDuration(midnight, requireDuration('PT2.5S'), zone)).toBe(midnight + 2500);
  });

  it('places a local time on a date in winter and in summer time', () => {
    expect(new Date(atLocalTime('2026-11-30', '09:00', zone)).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(new Date(atLocalTime('2026-08-31', '09:00', zone)).toISOString()).toBe('2026-08-31T07:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', zone)).toBe(Date.UTC(2026, 5, 30, 22));
  });

  it('reads the local date of an instant, not the UTC one', () => {
    expect(localDateOf(Date.UTC(2026, 5, 30, 22, 30), zone)).toBe('2026-07-01');
    expect(localDateOf(Date.UTC(2026, 11, 31, 22, 59), zone)).toBe('2026-12-31');
    expect(localDateOf(Date.UTC(2026, 11, 31, 23, 0), zone)).toBe('2027-01-01');
  });

  it('counts days between dates and adds them', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(addDaysToLocalDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToLocalDate('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('legal birthdays', () => {
  it('puts the birthday of someone born on 29 February on 1 March in a non-leap year', () => {
    expect(legalAnniversary('2008-02-29', 18)).toBe('2026-03-01');
    expect(legalAnniversary('2008-02-29', 16)).toBe('2024-02-29');
    expect(legalAnniversary('2008-02-29', 92)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(legalAnniversary('2009-05-31', 18)).toBe('2027-05-31');
  });

  it('computes an age with legal birthdays', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2009-05-31', '2027-05-30')).toBe(17);
    expect(ageOn('2009-05-31', '2027-05-31')).toBe(18);
  });
});

describe('the time zone offsets, looked up once per hour', () => {
  it('agree with luxon asking Intl every time, across DST changes and a century', () => {
    const reference = IANAZone.create(zone);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }), (at) => {
        const local = DateTime.fromMillis(at, { zone: reference });
        expect(localDateOf(at, zone)).toBe(local.toISODate());
        const date = local.toISODate() ?? '';
        expect(startOfLocalDay(date, zone)).toBe(DateTime.fromISO(date, { zone: reference }).startOf('day').toMillis());
      }),
      { numRuns: 5000 },
    );
  });

  it('agree on every quarter hour around the 2026 changes', () => {
    const reference = IANAZone.create(zone);
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let at = change - 3 * 3_600_000; at <= change + 3 * 3_600_000; at += 900_000) {
        expect(addDuration(at, requireDuration('P1D'), zone)).toBe(
          DateTime.fromMillis(at, { zone: reference }).plus({ days: 1 }).toMillis(),
        );
      }
    }
  });
});
