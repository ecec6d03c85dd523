import { compressPolicy } from './compress-policy';
import { DEFAULT_POLICY } from './default-policy';
import { mergePolicy } from './merge-policy';
import { DEFAULT_SIGNAL_TRIAGE, signalTriageMoments, signalTriageOf } from './signal-triage-policy';
import { validatePolicy } from './validate-policy';

// Holidays written by hand (Koningsdag 2027 is a Tuesday), apart from any holiday library.
const HOLIDAYS = new Set(['2027-04-27']);
const isHoliday = (date: string): boolean => HOLIDAYS.has(date);
// Amsterdam is UTC+2 in April: 10:00 local is 08:00Z.
const at = (iso: string): number => Date.parse(iso);

describe('signalTriageMoments', () => {
  it('is due 5 working days after the signal came, at the fire time, with the reminder 3 days before', () => {
    // Friday 23 April 2027, 10:00 → Mon 26, (Koningsdag), Wed 28, Thu 29, Fri 30, Mon 3 May at 09:00.
    expect(signalTriageMoments(at('2027-04-23T08:00:00Z'), false, DEFAULT_POLICY, isHoliday)).toEqual({
      dueAt: at('2027-05-03T07:00:00Z'),
      reminderAt: at('2027-04-30T07:00:00Z'),
    });
  });

  it('makes a repeat due the moment it came, without a reminder: the alert', () => {
    expect(signalTriageMoments(at('2027-04-23T08:00:00Z'), true, DEFAULT_POLICY, isHoliday)).toEqual({
      dueAt: at('2027-04-23T08:00:00Z'),
      reminderAt: null,
    });
  });

  it('counts elapsed time in a policy without a time of day, and never reminds before the signal came', () => {
    const fast = mergePolicy(DEFAULT_POLICY, {
      version: 'fast',
      fireTimeOfDay: null,
      escalation: { reminder: '-PT4S' },
      signalTriage: { due: 'PT8S' },
    });
    const received = at('2027-04-23T08:00:00Z');
    expect(signalTriageMoments(received, false, fast, isHoliday)).toEqual({
      dueAt: received + 8_000,
      reminderAt: received + 4_000,
    });
    const soon = mergePolicy(fast, { version: 'soon', signalTriage: { due: 'PT2S' } });
    expect(signalTriageMoments(received, false, soon, isHoliday)).toEqual({
      dueAt: received + 2_000,
      reminderAt: received,
    });
  });
});

describe('the signalTriage section of a policy', () => {
  it('defaults to 5 working days, and is kept through validation, merge and compression', () => {
    expect(signalTriageOf(DEFAULT_POLICY)).toEqual({ due: 'P5D', workingDays: true });
    const merged = mergePolicy(DEFAULT_POLICY, { version: 'r', signalTriage: { due: 'P3D' } });
    const checked = validatePolicy(merged);
    expect(checked.ok && checked.policy.signalTriage).toEqual({ due: 'P3D', workingDays: true });
    expect(compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 }).signalTriage).toEqual({ due: 'PT5S', workingDays: true });
    expect(DEFAULT_SIGNAL_TRIAGE).toEqual({ due: 'P5D', workingDays: true });
  });

  it('refuses a due that is not positive and a workingDays that is not a boolean, naming each', () => {
    const checked = validatePolicy({ ...DEFAULT_POLICY, signalTriage: { due: '-P1D', workingDays: 'yes' } });
    expect(checked.ok ? [] : checked.errors.map((e) => e.path).sort()).toEqual([
      'signalTriage.due',
      'signalTriage.workingDays',
    ]);
  });
});
