import fc from 'fast-check';
import { addDays, amsterdam, amsterdamWallClock, dateFromDayNumber, dayNumber } from '../test/calendar-oracle';
import { compressPolicy } from './compress-policy';
import { DEFAULT_POLICY } from './default-policy';
import { extendDueForPause, openPauseAt } from './pause';

describe('extendDueForPause', () => {
  const pause = { from: amsterdam('2026-12-01', '14:12'), to: amsterdam('2026-12-20', '10:05') };

  it('extends the due date of an open task by the pause length in days, keeping 09:00', () => {
    const dueAt = amsterdam('2026-12-14', '09:00');
    expect(amsterdamWallClock(extendDueForPause(dueAt, pause, DEFAULT_POLICY))).toBe('2027-01-02 09:00:00');
  });

  it('extends by the exact length without a time of day', () => {
    const policy = compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 });
    expect(extendDueForPause(5_000, { from: 1_000, to: 3_500 }, policy)).toBe(7_500);
  });

  it('leaves a task that was already overdue when the pause began', () => {
    const dueAt = amsterdam('2026-11-30', '09:00');
    expect(extendDueForPause(dueAt, pause, DEFAULT_POLICY)).toBe(dueAt);
  });
});

describe('extendDueForPause, for any resumed pause', () => {
  const DAY = 86_400_000;
  const compressed = compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 });
  // A pause from one moment of a day to one of a later (or the same) day. Elapsed minutes after midnight, at most
  // 22:59 of them, stay on that date on a 23-hour DST day.
  const resumedPause = fc
    .record({
      fromDay: fc.integer({ min: dayNumber('2026-01-01'), max: dayNumber('2030-12-31') }),
      fromMinute: fc.integer({ min: 0, max: 22 * 60 + 59 }),
      days: fc.integer({ min: 0, max: 90 }),
      toMinute: fc.integer({ min: 0, max: 22 * 60 + 59 }),
    })
    .map(({ fromDay, fromMinute, days, toMinute }) => {
      const fromDate = dateFromDayNumber(fromDay);
      const toDate = addDays(fromDate, days);
      return {
        fromDate,
        toDate,
        days,
        pause: {
          from: amsterdam(fromDate) + fromMinute * 60_000,
          to: amsterdam(toDate) + toMinute * 60_000,
        },
      };
    })
    .filter(({ pause }) => pause.to > pause.from);

  it('with a fire time of day: a task due after the pause began moves by the calendar days, at the same time of day', () => {
    fc.assert(
      fc.property(resumedPause, fc.integer({ min: 1, max: 120 }), ({ fromDate, days, pause }, dueDays) => {
        const dueDate = addDays(fromDate, dueDays);
        const dueAt = amsterdam(dueDate, '09:00');
        fc.pre(dueAt > pause.from);
        expect(amsterdamWallClock(extendDueForPause(dueAt, pause, DEFAULT_POLICY))).toBe(
          `${addDays(dueDate, days)} 09:00:00`,
        );
      }),
    );
  });

  it('without one: a task due after the pause began moves by the exact length, one due before it not at all', () => {
    fc.assert(
      fc.property(resumedPause, fc.integer({ min: -30 * DAY, max: 30 * DAY }), ({ pause }, offset) => {
        const dueAt = pause.from + offset;
        expect(extendDueForPause(dueAt, pause, compressed)).toBe(
          dueAt > pause.from ? dueAt + (pause.to - pause.from) : dueAt,
        );
      }),
    );
  });
});

describe('openPauseAt', () => {
  it('finds the pause that has begun and not ended', () => {
    const pauses = [{ from: 10, to: 20 }, { from: 30 }];
    expect(openPauseAt(pauses, 15)).toEqual({ from: 10, to: 20 });
    expect(openPauseAt(pauses, 20)).toBeUndefined();
    expect(openPauseAt(pauses, 25)).toBeUndefined();
    expect(openPauseAt(pauses, 30)).toEqual({ from: 30 });
    expect(openPauseAt(pauses, 5)).toBeUndefined();
  });
});
