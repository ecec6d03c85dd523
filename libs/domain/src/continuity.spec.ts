import { amsterdam } from '../test/calendar-oracle';
import { aTrajectory, COORDINATOR, PARTNER, workedExample } from '../test/trajectory-facts.factory';
import { DEFAULT_POLICY } from './default-policy';
import { computeSchedule, type ScheduledOccurrence } from './schedule';
import type { TrajectoryFacts } from './trajectory-facts';
import type { ContinuationDecision } from './legal-basis';

// Expected dates are worked out by hand from DOMAIN.md's rules (calendar months, clamped; 09:00 Amsterdam).
const nov23 = amsterdam('2026-11-23', '10:00');
const continuity = { continuityAt18: true } as const;

function schedule(facts: TrajectoryFacts, now = nov23, fired: Iterable<string> = []): ScheduledOccurrence[] {
  return computeSchedule(facts, DEFAULT_POLICY, now, new Set(fired), continuity);
}
const row = (o: ScheduledOccurrence): string => `${o.key} ${o.fireDate} ${o.status} due ${o.dueDate}`;
const byKey = (list: ScheduledOccurrence[], key: string): ScheduledOccurrence | undefined =>
  list.find((o) => o.key === key);
const orgs = (o: ScheduledOccurrence | undefined): string[] => (o?.assignees ?? []).map((a) => a.organisationId);

const decision = (continuation: ContinuationDecision['continuation'], extra: Partial<ContinuationDecision> = {}) => ({
  continuation,
  basis: continuation === 'declined' ? ('none' as const) : ('verlengde-jeugdhulp' as const),
  ...(continuation === 'declined' ? {} : { providerOrganisationId: 'org-closed' }),
  decidedAt: amsterdam('2027-01-11', '12:00'),
  ...extra,
});

describe('computeSchedule with Continuity at 18: the worked example', () => {
  it('adds the continuation decision at 18 − 5 months and adulthood administration at 18 − 3 months', () => {
    expect(schedule(workedExample()).map(row)).toEqual([
      'future-plan:1 2025-11-30 late due 2027-01-04',
      'adult-care-involvement:1 2025-11-30 late due 2026-12-21',
      'placement-evaluation:PL-1:1 2026-08-31 late due 2026-12-07',
      'transition-review:1 2026-11-30 upcoming due 2026-12-28',
      'placement-evaluation:PL-1:2 2026-11-30 upcoming due 2026-12-14',
      'ots-expiry:2027-03-01:1 2026-12-01 upcoming due 2027-03-01',
      'authorisation-expiry:2027-01-15:1 2026-12-04 upcoming due 2027-01-15',
      'continuation-decision:1 2026-12-31 upcoming due 2027-01-28',
      'handover:1 2027-02-28 upcoming due 2027-05-31',
      'placement-evaluation:PL-1:3 2027-02-28 upcoming due 2027-03-14',
      'adulthood-admin:1 2027-02-28 upcoming due 2027-05-31',
      'placement-evaluation:PL-1:4 2027-05-31 upcoming due 2027-06-14',
      'placement-evaluation:PL-1:5 2027-08-31 upcoming due 2027-09-14',
      'closed-care-limit:1 2027-10-19 upcoming due 2027-11-30',
      'placement-evaluation:PL-1:6 2027-11-30 upcoming due 2027-12-14',
      'extended-care-end:1 2031-11-30 upcoming due 2031-12-28',
    ]);
  });

  it('sends the continuation decision to the coordinator and adulthood administration to work and income, Wmo and the coordinator', () => {
    const facts = workedExample({ partners: [...workedExample().partners, PARTNER['work-and-income']] });
    const sut = schedule(facts);
    expect(orgs(byKey(sut, 'continuation-decision:1'))).toEqual([COORDINATOR]);
    expect(orgs(byKey(sut, 'adulthood-admin:1'))).toEqual(['org-work-income', 'org-wmo', COORDINATOR]);
  });

  it('keeps the old rules without the flag: no continuity kinds, a late handover due on a past birthday', () => {
    const facts = aTrajectory({ birthDate: '2007-03-15' });
    const old = computeSchedule(facts, DEFAULT_POLICY, nov23);
    expect(old.map((o) => o.kind)).not.toContain('adult-intake');
    expect(byKey(old, 'handover:1')).toMatchObject({ status: 'late', dueDate: '2025-03-15' });
  });
});

describe('the continuation decision', () => {
  const decidedNow = amsterdam('2027-01-11', '12:00');

  it('same provider: no handover; the municipality extends the indication, due on the 18th birthday', () => {
    const sut = schedule(workedExample({ continuation: decision('same-provider') }), decidedNow);
    expect(sut.filter((o) => o.kind === 'handover')).toEqual([]);
    const extension = byKey(sut, 'indication-extension:1');
    expect(extension && row(extension)).toBe('indication-extension:1 2027-01-11 late due 2027-05-31');
    expect(orgs(extension)).toEqual(['org-wmo']);
    expect(sut.map((o) => o.kind)).not.toContain('safety-net');
  });

  it('new provider: the handover fires at 18 − 3 months, to the new provider', () => {
    const sut = schedule(
      workedExample({
        continuation: decision('new-provider', { basis: 'wmo', providerOrganisationId: 'org-beschermd' }),
      }),
      decidedNow,
    );
    const handover = byKey(sut, 'handover:1');
    expect(handover && row(handover)).toBe('handover:1 2027-02-28 upcoming due 2027-05-31');
    expect(handover?.receivingOrganisationId).toBe('org-beschermd');
    expect(handover?.sendingOrganisationId).toBe('org-closed');
    expect(sut.map((o) => o.kind)).not.toContain('indication-extension');
  });

  it('new provider decided after 18 − 3 months: the handover fires at once, due on the 18th birthday', () => {
    const late = amsterdam('2027-03-10', '12:00');
    const facts = workedExample({ continuation: decision('new-provider', { decidedAt: late, basis: 'zvw' }) });
    const handover = byKey(schedule(facts, late), 'handover:1');
    expect(handover && row(handover)).toBe('handover:1 2027-02-28 late due 2027-05-31');
  });

  it('declined: no handover; a safety-net task for the coordinator, due 4 weeks after it fires', () => {
    const sut = schedule(workedExample({ continuation: decision('declined') }), decidedNow);
    expect(sut.filter((o) => o.kind === 'handover')).toEqual([]);
    const net = byKey(sut, 'safety-net:1');
    expect(net && row(net)).toBe('safety-net:1 2027-01-11 late due 2027-02-08');
    expect(orgs(net)).toEqual([COORDINATOR]);
  });

  it('a handover that fired before the decision stays fired, and fires nothing again', () => {
    const sut = schedule(workedExample({ continuation: decision('same-provider') }), decidedNow, ['handover:1']);
    expect(byKey(sut, 'handover:1')?.status).toBe('fired');
  });
});

describe('a rejected handover', () => {
  const born = '2009-05-31';
  const rejectedFriday = amsterdam('2026-11-27', '14:00');

  it('fires a find-receiver task for the coordinator, due 5 working days later (a weekend does not count)', () => {
    const facts = aTrajectory({
      birthDate: born,
      handoverRejections: [{ occurrenceKey: 'handover:1', at: rejectedFriday }],
    });
    const task = byKey(schedule(facts, rejectedFriday), 'find-receiver:1');
    expect(task && row(task)).toBe('find-receiver:1 2026-11-27 late due 2026-12-04');
    expect(orgs(task)).toEqual([COORDINATOR]);
    const saturday = amsterdam('2026-11-28', '11:00');
    const onSaturday = aTrajectory({
      birthDate: born,
      handoverRejections: [{ occurrenceKey: 'handover:1', at: saturday }],
    });
    expect(byKey(schedule(onSaturday, saturday), 'find-receiver:1')?.dueDate).toBe('2026-12-04');
  });

  it('a chosen receiver gets a new handover occurrence at once; past the 18th birthday it is due 14 days after firing', () => {
    const chosen = amsterdam('2026-11-23', '10:00');
    const facts = aTrajectory({
      birthDate: '2008-01-15',
      startedOn: amsterdam('2025-06-01', '10:00'),
      handoverRejections: [{ occurrenceKey: 'handover:1', at: amsterdam('2026-11-20', '10:00') }],
      receiverChoices: [{ receivingOrganisationId: 'org-ggz', at: chosen }],
      partners: [PARTNER['adult-mental-health']],
    });
    const sut = schedule(facts, chosen, ['handover:1', 'find-receiver:1']);
    const second = byKey(sut, 'handover:2');
    expect(second && row(second)).toBe('handover:2 2026-11-23 late due 2026-12-07');
    expect(second?.receivingOrganisationId).toBe('org-ggz');
    expect(second?.assignees).toContainEqual({ organisationId: 'org-ggz', role: 'adult-mental-health' });
  });
});

describe('late registrations', () => {
  it('registered at 19: none of the pre-18 milestones, an adult intake for the coordinator and the partners present', () => {
    const facts = aTrajectory({ birthDate: '2007-03-15', partners: [PARTNER.police, PARTNER.wmo] });
    expect(schedule(facts).map(row)).toEqual([
      'adult-intake:1 2026-11-23 late due 2026-12-21',
      'extended-care-end:1 2029-09-15 upcoming due 2029-10-13',
    ]);
    expect(orgs(byKey(schedule(facts), 'adult-intake:1'))).toEqual([COORDINATOR, 'org-police', 'org-wmo']);
  });

  it('registered on the 18th birthday itself counts as registered at 18', () => {
    const facts = aTrajectory({ birthDate: '2008-11-23', startedOn: nov23 });
    expect(schedule(facts).map((o) => o.kind)).toEqual(['adult-intake', 'extended-care-end']);
  });

  it('registered at 17 years and 10 months: the late one-offs fire at once and are due counted from firing', () => {
    const facts = aTrajectory({ birthDate: '2009-01-15' });
    const sut = schedule(facts);
    expect(byKey(sut, 'transition-review:1')).toMatchObject({ status: 'late', dueDate: '2026-12-21' });
    expect(byKey(sut, 'handover:1')).toMatchObject({ status: 'late', dueDate: '2027-01-15' });
    expect(sut.map((o) => o.kind)).not.toContain('adult-intake');
  });
});

describe('reopening', () => {
  it('reopened after 18: an adult intake, and the road to 18 does not fire late', () => {
    const reopenedAt = amsterdam('2027-08-02', '10:00');
    const facts = workedExample({
      reopenings: [{ date: '2027-08-02', at: reopenedAt, closedOn: '2027-03-01' }],
      placements: [],
      courtMeasures: [],
    });
    const sut = schedule(facts, reopenedAt, ['future-plan:1', 'adult-care-involvement:1']);
    expect(sut.filter((o) => o.status === 'late' || o.status === 'upcoming').map(row)).toEqual([
      'adult-intake:1 2027-08-02 late due 2027-08-30',
      'extended-care-end:1 2031-11-30 upcoming due 2031-12-28',
    ]);
    expect(byKey(sut, 'future-plan:1')?.status).toBe('fired');
  });
});

describe('what ends at 18, and who gives input after it', () => {
  it('an OTS ends on the 18th birthday: its expiry fires 3 months before the birthday when it would run longer', () => {
    const facts = workedExample({
      courtMeasures: [{ id: 'CM-1', type: 'ots', startDate: '2026-12-01', endDate: '2027-12-01' }],
    });
    expect(row(byKey(schedule(facts), 'ots-expiry:2027-12-01:1') as ScheduledOccurrence)).toBe(
      'ots-expiry:2027-12-01:1 2027-02-28 upcoming due 2027-05-31',
    );
    const old = computeSchedule(facts, DEFAULT_POLICY, nov23);
    expect(byKey(old, 'ots-expiry:2027-12-01:1')?.fireDate).toBe('2027-09-01');
  });

  const partners = [
    PARTNER['attendance-officer'],
    PARTNER['youth-protection'],
    PARTNER.school,
    PARTNER.wmo,
    PARTNER['work-and-income'],
    PARTNER['adult-mental-health'],
    PARTNER.housing,
  ];
  const placed = workedExample({ partners, courtMeasures: [] });

  it('before 18 the evaluation asks leerplicht, youth protection and school; after 18 adult partners instead', () => {
    const sut = schedule(placed);
    expect(orgs(byKey(sut, 'placement-evaluation:PL-1:3'))).toEqual([
      'org-closed',
      'org-leerplicht',
      'org-gi',
      'org-school',
    ]);
    expect(orgs(byKey(sut, 'placement-evaluation:PL-1:4'))).toEqual([
      'org-closed',
      'org-school',
      'org-wmo',
      'org-work-income',
      'org-ggz',
      'org-housing',
    ]);
  });

  it('after 18 youth protection gives input again while youth probation runs', () => {
    const sut = schedule(workedExample({ partners: [...partners, PARTNER['youth-probation']], courtMeasures: [] }));
    // In the order the partners are listed.
    expect(orgs(byKey(sut, 'placement-evaluation:PL-1:4'))).toEqual([
      'org-closed',
      'org-gi',
      'org-school',
      'org-wmo',
      'org-work-income',
      'org-ggz',
      'org-housing',
      'org-jr',
    ]);
  });
});
