import { amsterdam, amsterdamWallClock } from '../test/calendar-oracle';
import { compressPolicy } from './compress-policy';
import { DEFAULT_POLICY } from './default-policy';
import { escalationMoments } from './escalation';

describe('escalationMoments', () => {
  const dueAt = amsterdam('2027-05-31', '09:00');

  it('reminds 3 days before due and lists handovers on the director list 7 days after, at 09:00', () => {
    const sut = escalationMoments('handover', dueAt, DEFAULT_POLICY);
    expect(amsterdamWallClock(sut.reminderAt)).toBe('2027-05-28 09:00:00');
    expect(sut.overdueAt).toBe(dueAt);
    expect(sut.directorListAt !== undefined && amsterdamWallClock(sut.directorListAt)).toBe('2027-06-07 09:00:00');
  });

  it('puts only handovers and transition reviews on the director list', () => {
    expect(escalationMoments('transition-review', dueAt, DEFAULT_POLICY).directorListAt).toBeDefined();
    expect(escalationMoments('placement-evaluation', dueAt, DEFAULT_POLICY).directorListAt).toBeUndefined();
    expect(escalationMoments('ots-expiry', dueAt, DEFAULT_POLICY).directorListAt).toBeUndefined();
  });

  it('never reminds before the task fired', () => {
    const firedAt = amsterdam('2027-05-30', '09:00');
    expect(escalationMoments('handover', dueAt, DEFAULT_POLICY, firedAt).reminderAt).toBe(firedAt);
  });

  it('counts exact time in a compressed policy', () => {
    const policy = compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 });
    const sut = escalationMoments('transition-review', 1_000_000, policy);
    expect(sut).toEqual({ reminderAt: 997_000, overdueAt: 1_000_000, directorListAt: 1_007_000 });
  });
});
