import { amsterdam, amsterdamWallClock } from '../test/calendar-oracle';
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
