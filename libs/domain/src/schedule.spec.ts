import { amsterdam, amsterdamWallClock } from '../test/calendar-oracle';
import { aTrajectory, COORDINATOR, workedExample } from '../test/trajectory-facts.factory';
import { compressPolicy } from './compress-policy';
import { DEFAULT_POLICY } from './default-policy';
import { mergePolicy } from './merge-policy';
import { computeSchedule, nextFireAt, occurrencesToFire, type ScheduledOccurrence } from './schedule';
import { SCHEDULE_LIMITS } from './series';
import type { Placement, TrajectoryFacts } from './trajectory-facts';

const nov23 = amsterdam('2026-11-23', '10:00');

function schedule(facts: TrajectoryFacts, now = nov23, fired: Iterable<string> = []): ScheduledOccurrence[] {
  return computeSchedule(facts, DEFAULT_POLICY, now, new Set(fired));
}

const row = (o: ScheduledOccurrence): string => `${o.key} ${o.fireDate} ${o.status}`;
const ofKind = (list: ScheduledOccurrence[], kind: ScheduledOccurrence['kind']) => list.filter((o) => o.kind === kind);
const byKey = (list: ScheduledOccurrence[], key: string): ScheduledOccurrence => {
  const found = list.find((o) => o.key === key);
  if (!found) throw new Error(`no occurrence ${key} in ${list.map((o) => o.key).join(', ')}`);
  return found;
};

describe('computeSchedule: age-driven milestones', () => {
  it('puts the birthdays of someone born on 29 February on 1 March in non-leap years', () => {
    const sut = schedule(aTrajectory({ birthDate: '2008-02-29' }), amsterdam('2024-01-01', '10:00'));
    expect(sut.map((o) => [o.kind, o.fireDate, o.dueDate])).toEqual([
      ['future-plan', '2024-08-29', '2024-10-10'], // 16th birthday 2024-02-29 (leap) + 6 months; due + 6 weeks
      ['adult-care-involvement', '2024-09-01', '2024-09-29'], // 18th birthday 2026-03-01 − 18 months
      ['transition-review', '2025-09-01', '2025-09-29'],
      ['handover', '2025-12-01', '2026-03-01'], // due on the 18th birthday itself
      ['extended-care-end', '2030-09-01', '2030-09-29'], // 23rd birthday 2031-03-01 − 6 months
    ]);
  });

  it('clamps the milestones of someone born on the 31st', () => {
    const sut = schedule(aTrajectory({ birthDate: '2010-08-31' }), amsterdam('2024-01-01', '10:00'));
    expect(sut.map((o) => [o.kind, o.fireDate])).toEqual([
      ['future-plan', '2027-02-28'],
      ['adult-care-involvement', '2027-02-28'],
      ['transition-review', '2028-02-29'],
      ['handover', '2028-05-31'],
      ['extended-care-end', '2033-02-28'],
    ]);
  });

  it('moves unfired age-driven milestones after a birth-date correction; fired ones keep their key and status', () => {
    const fired = ['future-plan:1', 'adult-care-involvement:1', 'transition-review:1'];
    const sut = schedule(workedExample({ birthDate: '2009-08-31' }), nov23, fired);
    expect(byKey(sut, 'transition-review:1')).toMatchObject({ fireDate: '2027-02-28', status: 'fired' });
    expect(byKey(sut, 'handover:1')).toMatchObject({ fireDate: '2027-05-31', status: 'upcoming' });
    // 31 Aug 2027 + 6 months = 29 Feb 2028, − 6 weeks
    expect(byKey(sut, 'closed-care-limit:1')).toMatchObject({ fireDate: '2028-01-18', status: 'upcoming' });
    expect(byKey(sut, 'ots-expiry:2027-03-01:1')).toMatchObject({ fireDate: '2026-12-01' });
  });

  it('fires a late handover at once but keeps it due on the 18th birthday, even when that has passed', () => {
    const sut = schedule(aTrajectory({ birthDate: '2008-01-15' }));
    expect(byKey(sut, 'handover:1')).toMatchObject({ fireDate: '2025-10-15', status: 'late', dueDate: '2026-01-15' });
    expect(byKey(sut, 'handover:1').dueAt).toBeLessThan(nov23);
  });
});

describe('computeSchedule: statuses', () => {
  it('calls an occurrence whose moment is exactly now upcoming, and fires it', () => {
    const now = amsterdam('2026-11-30', '09:00');
    const sut = schedule(workedExample(), now, [
      'future-plan:1',
      'adult-care-involvement:1',
      'placement-evaluation:PL-1:1',
    ]);
    expect(byKey(sut, 'transition-review:1').status).toBe('upcoming');
    expect(occurrencesToFire(sut, now).map((o) => o.key)).toEqual([
      'transition-review:1',
      'placement-evaluation:PL-1:2',
    ]);
  });

  it('of a series, fires only the latest past occurrence late; the earlier ones are missed', () => {
    const sut = schedule(workedExample(), amsterdam('2027-06-10', '10:00'));
    expect(ofKind(sut, 'placement-evaluation').map(row)).toEqual([
      'placement-evaluation:PL-1:1 2026-08-31 missed',
      'placement-evaluation:PL-1:2 2026-11-30 missed',
      'placement-evaluation:PL-1:3 2027-02-28 missed',
      'placement-evaluation:PL-1:4 2027-05-31 late',
      'placement-evaluation:PL-1:5 2027-08-31 upcoming',
      'placement-evaluation:PL-1:6 2027-11-30 upcoming',
    ]);
  });

  it('fires nothing late once the latest past occurrence has fired', () => {
    const sut = schedule(workedExample(), amsterdam('2027-06-10', '10:00'), ['placement-evaluation:PL-1:4']);
    expect(ofKind(sut, 'placement-evaluation').map((o) => o.status)).toEqual([
      'missed',
      'missed',
      'missed',
      'fired',
      'upcoming',
      'upcoming',
    ]);
  });

  it('keeps a fired occurrence fired even when it now lies in the future', () => {
    const sut = schedule(workedExample(), nov23, ['handover:1', 'placement-evaluation:PL-1:5']);
    expect(byKey(sut, 'handover:1').status).toBe('fired');
    expect(byKey(sut, 'placement-evaluation:PL-1:5').status).toBe('fired');
    expect(occurrencesToFire(sut, amsterdam('2027-09-01', '10:00')).map((o) => o.key)).not.toContain(
      'placement-evaluation:PL-1:5',
    );
  });

  it('gives the next moment to wake up for', () => {
    expect(nextFireAt(schedule(workedExample()))).toBe(amsterdam('2026-11-30', '09:00'));
    expect(nextFireAt([])).toBeUndefined();
  });
});

describe('computeSchedule: placements', () => {
  const open = (overrides: Partial<Placement>): Placement => ({
    id: 'A',
    type: 'open-residential',
    startDate: '2026-01-31',
    providerOrganisationId: 'org-a',
    ...overrides,
  });

  it('evaluates every 3 calendar months from the start, clamped, through the end date itself', () => {
    const sut = schedule(
      aTrajectory({ placements: [open({ endDate: '2026-10-31' })] }),
      amsterdam('2026-02-01', '10:00'),
    );
    expect(ofKind(sut, 'placement-evaluation').map(row)).toEqual([
      'placement-evaluation:A:1 2026-04-30 upcoming',
      'placement-evaluation:A:2 2026-07-31 upcoming',
      'placement-evaluation:A:3 2026-10-31 upcoming',
    ]);
  });

  it('starts a new series at a placement change, stops the old one, and fires nothing late for the ended one', () => {
    const facts = aTrajectory({
      placements: [
        open({ endDate: '2026-09-15' }),
        open({ id: 'B', type: 'foster-family', startDate: '2026-09-16', providerOrganisationId: 'org-b' }),
      ],
    });
    const sut = ofKind(schedule(facts), 'placement-evaluation');
    expect(sut.slice(0, 4).map(row)).toEqual([
      'placement-evaluation:A:1 2026-04-30 missed',
      'placement-evaluation:A:2 2026-07-31 missed',
      'placement-evaluation:B:1 2026-12-16 upcoming',
      'placement-evaluation:B:2 2027-03-16 upcoming',
    ]);
    expect(sut.filter((o) => o.seriesId === 'placement-evaluation:A')).toHaveLength(2);
    expect(byKey(sut, 'placement-evaluation:B:1').assignees.map((a) => a.organisationId)).toEqual(['org-b']);
  });

  it('lists an open-ended series up to its limit, and more of it as time passes, under the same keys', () => {
    const facts = aTrajectory({ placements: [open({})] });
    const first = ofKind(schedule(facts, amsterdam('2026-02-01', '10:00')), 'placement-evaluation');
    expect(first).toHaveLength(SCHEDULE_LIMITS.upcomingPerSeries);
    const later = ofKind(schedule(facts, amsterdam('2031-02-01', '10:00')), 'placement-evaluation');
    expect(byKey(later, 'placement-evaluation:A:20')).toMatchObject({ fireDate: '2031-01-31', status: 'late' });
    expect(byKey(later, 'placement-evaluation:A:41').fireDate).toBe('2036-04-30');
    expect(first.filter((o) => later.some((l) => l.key === o.key && l.fireAt !== o.fireAt))).toEqual([]);
  });

  it('warns before an authorisation ends, once per end date, only while its placement lasts', () => {
    const closed = (overrides: Partial<Placement>): Placement =>
      open({ type: 'closed', providerOrganisationId: 'org-closed', ...overrides });
    const facts = aTrajectory({
      placements: [
        closed({ id: 'C1', authorisationEndDate: '2027-01-15' }),
        closed({ id: 'C2', startDate: '2026-02-01', endDate: '2026-03-01', authorisationEndDate: '2026-06-30' }),
      ],
      courtMeasures: [
        { id: 'M1', type: 'closed-care-authorisation', startDate: '2026-07-15', endDate: '2027-01-15' },
        { id: 'M2', type: 'closed-care-authorisation', startDate: '2027-01-16', endDate: '2027-04-15' },
        { id: 'M3', type: 'custody-order', startDate: '2026-01-01', endDate: '2027-01-01' },
      ],
    });
    const sut = ofKind(schedule(facts), 'authorisation-expiry');
    expect(sut.map(row)).toEqual([
      'authorisation-expiry:2027-01-15:1 2026-12-04 upcoming',
      'authorisation-expiry:2027-04-15:1 2027-03-04 upcoming',
    ]);
    expect(sut[0].placementId).toBe('C1');
    expect(sut[0].assignees.map((a) => a.organisationId)).toEqual([COORDINATOR, 'org-closed']);
    expect(sut[1].assignees.map((a) => a.organisationId)).toEqual([COORDINATOR, 'org-closed']);
  });

  it('warns again for an extended OTS; the old warning keeps its key', () => {
    const facts = workedExample({
      courtMeasures: [{ id: 'CM-1', type: 'ots', startDate: '2026-03-01', endDate: '2028-03-01' }],
    });
    const sut = schedule(facts, amsterdam('2026-12-05', '10:00'), ['ots-expiry:2027-03-01:1']);
    expect(ofKind(sut, 'ots-expiry').map(row)).toEqual(['ots-expiry:2028-03-01:1 2027-12-01 upcoming']);
    expect(ofKind(sut, 'ots-expiry')[0].assignees).toEqual([{ organisationId: 'org-gi', role: 'youth-protection' }]);
  });

  it('warns about the closed-care limit only for a closed placement that lasts past the warning', () => {
    const limit = (placements: Placement[]) => ofKind(schedule(workedExample({ placements })), 'closed-care-limit');
    const closed = workedExample().placements[0];
    expect(limit([closed]).map(row)).toEqual(['closed-care-limit:1 2027-10-19 upcoming']);
    expect(limit([{ ...closed, endDate: '2027-10-19' }])).toHaveLength(1);
    expect(limit([{ ...closed, endDate: '2027-10-18' }])).toHaveLength(0);
    expect(limit([{ ...closed, type: 'open-residential', authorisationEndDate: undefined }])).toHaveLength(0);
  });

  it('ends the evaluations of closed care at the closed-care limit, whatever end date was recorded', () => {
    const closed = { ...workedExample().placements[0], endDate: '2028-06-30' };
    const sut = ofKind(schedule(workedExample({ placements: [closed] })), 'placement-evaluation');
    expect(sut.map((o) => o.fireDate).at(-1)).toBe('2027-11-30');
  });
});

describe('computeSchedule: closure and aftercare', () => {
  const closedAt = amsterdam('2027-01-10', '14:00');
  const closure = { date: '2027-01-10', at: closedAt };
  const firedBefore = [
    'future-plan:1',
    'adult-care-involvement:1',
    'placement-evaluation:PL-1:1',
    'transition-review:1',
    'placement-evaluation:PL-1:2',
  ];

  it('fires nothing but aftercare after closure, at 3, 6 and 12 months', () => {
    const sut = schedule(workedExample({ closure }), amsterdam('2027-01-10', '15:00'), firedBefore);
    expect(sut.filter((o) => o.status !== 'fired').map(row)).toEqual([
      'ots-expiry:2027-03-01:1 2026-12-01 missed',
      'authorisation-expiry:2027-01-15:1 2026-12-04 missed',
      'aftercare-check-in:1 2027-04-10 upcoming',
      'aftercare-check-in:2 2027-07-10 upcoming',
      'aftercare-check-in:3 2028-01-10 upcoming',
    ]);
    expect(ofKind(sut, 'aftercare-check-in').map((o) => amsterdamWallClock(o.fireAt).slice(11))).toEqual([
      '09:00:00',
      '09:00:00',
      '09:00:00',
    ]);
    expect(ofKind(sut, 'aftercare-check-in')[0]).toMatchObject({
      dueDate: '2027-04-24',
      assignees: [{ organisationId: COORDINATOR, role: 'coordinator' }],
    });
  });

  it('keeps listing what fired after a closure that was entered with an earlier date', () => {
    const sut = schedule(workedExample({ closure: { date: '2026-11-25' } }), amsterdam('2026-12-10', '10:00'), [
      'placement-evaluation:PL-1:2',
    ]);
    expect(byKey(sut, 'placement-evaluation:PL-1:2').status).toBe('fired');
    expect(ofKind(sut, 'placement-evaluation').map((o) => o.key)).toEqual([
      'placement-evaluation:PL-1:1',
      'placement-evaluation:PL-1:2',
    ]);
  });

  it('applies the past rules to aftercare when closure is entered late', () => {
    const sut = ofKind(
      schedule(workedExample({ closure: { date: '2026-11-30' } }), amsterdam('2027-06-15', '10:00')),
      'aftercare-check-in',
    );
    expect(sut.map(row)).toEqual([
      'aftercare-check-in:1 2027-02-28 missed',
      'aftercare-check-in:2 2027-05-30 late',
      'aftercare-check-in:3 2027-11-30 upcoming',
    ]);
  });
});

describe('computeSchedule: pauses', () => {
  const pausedAt = amsterdam('2026-11-24', '11:00');

  it('holds everything while the trajectory is paused', () => {
    const sut = schedule(workedExample({ pauses: [{ from: pausedAt }] }), amsterdam('2026-12-02', '10:00'));
    expect(sut.filter((o) => o.status === 'late' || o.status === 'upcoming').every((o) => o.onHold)).toBe(true);
    expect(occurrencesToFire(sut, amsterdam('2026-12-02', '10:00'))).toEqual([]);
    expect(nextFireAt(sut)).toBeUndefined();
  });

  it('after resuming, fires what fell in the pause late: one-offs each, of a series only the latest', () => {
    const resumedAt = amsterdam('2027-03-05', '10:00');
    const facts = workedExample({ pauses: [{ from: pausedAt, to: resumedAt }] });
    const sut = schedule(facts, resumedAt, [
      'future-plan:1',
      'adult-care-involvement:1',
      'placement-evaluation:PL-1:1',
    ]);
    expect(sut.filter((o) => o.fireAt < resumedAt && o.status !== 'fired').map(row)).toEqual([
      'transition-review:1 2026-11-30 late',
      'placement-evaluation:PL-1:2 2026-11-30 missed',
      'ots-expiry:2027-03-01:1 2026-12-01 late',
      'authorisation-expiry:2027-01-15:1 2026-12-04 late',
      'handover:1 2027-02-28 late',
      'placement-evaluation:PL-1:3 2027-02-28 late',
    ]);
    expect(sut.some((o) => o.onHold)).toBe(false);
  });
});

describe('computeSchedule: escalation moments', () => {
  it('reminds 3 days before due and lists overdue handovers and transition reviews for the director after 7 days', () => {
    const sut = schedule(workedExample());
    const review = byKey(sut, 'transition-review:1');
    expect(review.dueDate).toBe('2026-12-28');
    expect(amsterdamWallClock(review.dueAt)).toBe('2026-12-28 09:00:00');
    expect(amsterdamWallClock(review.reminderAt)).toBe('2026-12-25 09:00:00');
    expect(review.directorListAt !== undefined && amsterdamWallClock(review.directorListAt)).toBe(
      '2027-01-04 09:00:00',
    );
    expect(sut.filter((o) => o.directorListAt !== undefined).map((o) => o.kind)).toEqual([
      'transition-review',
      'handover',
    ]);
  });
});

describe('computeSchedule with a compressed policy', () => {
  const policy = compressPolicy(DEFAULT_POLICY, { msPerDay: 1 });
  const birth = amsterdam('2026-11-23');
  const round = (days: number) => Math.round(days);
  const year = 365.2425;

  it('works in exact instants from the birth instant', () => {
    const sut = computeSchedule(aTrajectory({ birthDate: '2026-11-23' }), policy, birth + 6100, new Set());
    const adulthood = round(18 * year); // every duration is rounded to whole milliseconds on its own
    expect(sut.map((o) => [o.kind, o.fireAt - birth, o.status])).toEqual([
      ['adult-care-involvement', adulthood - round(1.5 * year), 'late'], // 6026
      ['future-plan', round(16 * year) + round(year / 2), 'late'], // 6027
      ['transition-review', adulthood - round(year / 2), 'upcoming'],
      ['handover', adulthood - round(year / 4), 'upcoming'],
      ['extended-care-end', round(23 * year) - round(year / 2), 'upcoming'],
    ]);
    expect(byKey(sut, 'handover:1').dueAt).toBe(birth + adulthood);
    const review = byKey(sut, 'transition-review:1');
    expect(review.dueAt - review.fireAt).toBe(28);
    expect(byKey(sut, 'future-plan:1').dueAt).toBe(birth + 6100 + 42); // late: due counts from now
  });

  it('counts aftercare from the moment of closure', () => {
    const closedAt = amsterdam('2026-11-23', '14:30');
    const facts = aTrajectory({ birthDate: '2008-01-01', closure: { date: '2026-11-23', at: closedAt } });
    const sut = computeSchedule(facts, policy, closedAt, new Set());
    expect(ofKind(sut, 'aftercare-check-in').map((o) => o.fireAt - closedAt)).toEqual([
      round(year / 4),
      round(year / 2),
      round(year),
    ]);
  });

  it('stays cheap for a series of seconds that began at midnight', () => {
    const seconds = mergePolicy(DEFAULT_POLICY, {
      version: 'seconds',
      fireTimeOfDay: null,
      milestones: { 'placement-evaluation': { interval: 'PT1S', due: { offset: 'PT0.5S' } } },
    });
    const facts = aTrajectory({
      placements: [{ id: 'S', type: 'ambulant', startDate: '2026-11-23', providerOrganisationId: 'o' }],
    });
    const now = amsterdam('2026-11-23', '14:00') + 500;
    const sut = ofKind(computeSchedule(facts, seconds, now, new Set()), 'placement-evaluation');
    const latest = 14 * 3600;
    expect(sut.map((o) => o.occurrence)).toEqual(
      Array.from({ length: 80 }, (_, index) => latest - SCHEDULE_LIMITS.pastPerSeries + 1 + index),
    );
    expect(sut.filter((o) => o.status === 'late').map((o) => o.occurrence)).toEqual([latest]);
    expect(byKey(sut, `placement-evaluation:S:${latest + 1}`).fireAt).toBe(amsterdam('2026-11-23', '14:00') + 1000);
  });
});
