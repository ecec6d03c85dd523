import { amsterdam, amsterdamWallClock } from '../test/calendar-oracle';
import { workedExample } from '../test/trajectory-facts.factory';
import { DEFAULT_POLICY } from './default-policy';
import { computeSchedule, occurrencesToFire } from './schedule';

// DOMAIN.md, "Worked example", on 23 November 2026.
const now = amsterdam('2026-11-23', '10:00');

const expected: [kind: string, occurrence: number, fireDate: string, status: string][] = [
  ['future-plan', 1, '2025-11-30', 'late'],
  ['adult-care-involvement', 1, '2025-11-30', 'late'],
  ['placement-evaluation', 1, '2026-08-31', 'late'],
  ['transition-review', 1, '2026-11-30', 'upcoming'],
  ['placement-evaluation', 2, '2026-11-30', 'upcoming'],
  ['ots-expiry', 1, '2026-12-01', 'upcoming'],
  ['authorisation-expiry', 1, '2026-12-04', 'upcoming'],
  ['handover', 1, '2027-02-28', 'upcoming'],
  ['placement-evaluation', 3, '2027-02-28', 'upcoming'],
  ['placement-evaluation', 4, '2027-05-31', 'upcoming'],
  ['placement-evaluation', 5, '2027-08-31', 'upcoming'],
  ['closed-care-limit', 1, '2027-10-19', 'upcoming'],
  ['placement-evaluation', 6, '2027-11-30', 'upcoming'],
  ['extended-care-end', 1, '2031-11-30', 'upcoming'],
];

describe('the worked example of DOMAIN.md', () => {
  const sut = computeSchedule(workedExample(), DEFAULT_POLICY, now, new Set());

  it('gives exactly the table: kinds, occurrences, fire dates and statuses, in order', () => {
    expect(sut.map((o) => [o.kind, o.occurrence, o.fireDate, o.status])).toEqual(expected);
  });

  it('fires every occurrence at 09:00 Amsterdam time on its fire date', () => {
    for (const occurrence of sut) {
      expect(amsterdamWallClock(occurrence.fireAt)).toBe(`${occurrence.fireDate} 09:00:00`);
    }
  });

  it('fires the three late occurrences at once, and nothing else', () => {
    expect(occurrencesToFire(sut, now).map((o) => o.key)).toEqual([
      'future-plan:1',
      'adult-care-involvement:1',
      'placement-evaluation:PL-1:1',
    ]);
  });

  it('gives the evaluation series the placement in its identity', () => {
    const keys = sut.filter((o) => o.kind === 'placement-evaluation').map((o) => o.key);
    expect(keys).toEqual([1, 2, 3, 4, 5, 6].map((k) => `placement-evaluation:PL-1:${k}`));
  });

  it('counts the due of a late occurrence from now, and anchored dues from their anchor', () => {
    const byKey = new Map(sut.map((o) => [o.key, o]));
    expect(byKey.get('future-plan:1')?.dueDate).toBe('2027-01-04'); // 23 Nov 2026 + 6 weeks
    expect(byKey.get('placement-evaluation:PL-1:1')?.dueDate).toBe('2026-12-07'); // + 14 days
    expect(byKey.get('placement-evaluation:PL-1:2')?.dueDate).toBe('2026-12-14'); // 30 Nov + 14 days
    expect(byKey.get('handover:1')?.dueDate).toBe('2027-05-31'); // the 18th birthday
    expect(byKey.get('authorisation-expiry:2027-01-15:1')?.dueDate).toBe('2027-01-15');
    expect(byKey.get('ots-expiry:2027-03-01:1')?.dueDate).toBe('2027-03-01');
    expect(byKey.get('closed-care-limit:1')?.dueDate).toBe('2027-11-30');
  });

  it('names sender and receiver of the handover', () => {
    const handover = sut.find((o) => o.kind === 'handover');
    expect(handover?.sendingOrganisationId).toBe('org-closed');
    expect(handover?.receivingOrganisationId).toBe('org-adult');
  });
});
