import { aTrajectory, COORDINATOR, PARTNER } from '../test/trajectory-facts.factory';
import { assigneesFor, handoverAssignees, placementsOn } from './assignment';
import type { Partner, Placement } from './trajectory-facts';

/** A partner in every role, in the order PARTNER lists them (police, school, attendance officer, …, housing). */
const everyone: Partner[] = Object.values(PARTNER);
const placement: Placement = {
  id: 'PL-1',
  type: 'open-residential',
  startDate: '2026-01-01',
  providerOrganisationId: 'org-home',
};
const full = aTrajectory({ partners: everyone, placements: [placement] });
const alone = aTrajectory();
const ids = (list: readonly { organisationId: string }[]) => list.map((a) => a.organisationId);
const date = '2026-06-01';

describe('assigneesFor', () => {
  it('future plan: the care providers and the coordinator', () => {
    expect(ids(assigneesFor('future-plan', full, { date }))).toEqual([
      'org-home',
      'org-youth',
      'org-special',
      COORDINATOR,
    ]);
  });

  it('adult-care involvement: the municipality (its Wmo partner) and adult care', () => {
    expect(assigneesFor('adult-care-involvement', full, { date })).toEqual([
      { organisationId: 'org-wmo', role: 'wmo' },
      { organisationId: 'org-adult', role: 'adult-care' },
    ]);
  });

  it('transition review: care provider, adult care, Wmo, coordinator and every other partner, each once', () => {
    const sut = ids(assigneesFor('transition-review', full, { date }));
    expect(sut.slice(0, 6)).toEqual(['org-home', 'org-youth', 'org-special', 'org-adult', 'org-wmo', COORDINATOR]);
    expect([...sut].sort()).toEqual([...new Set([...ids(everyone), 'org-home', COORDINATOR])].sort());
  });

  it('placement evaluation: the placement provider and the input partners, not adult care, Wmo or housing', () => {
    expect(ids(assigneesFor('placement-evaluation', full, { date, placement }))).toEqual([
      'org-home',
      'org-police',
      'org-school',
      'org-leerplicht',
      'org-debt',
      'org-youth',
      'org-special',
      'org-gi',
    ]);
  });

  it('authorisation expiry: the coordinator and the provider of the placement it is about', () => {
    expect(ids(assigneesFor('authorisation-expiry', full, { date, placement }))).toEqual([COORDINATOR, 'org-home']);
  });

  it('OTS expiry: youth protection', () => {
    expect(assigneesFor('ots-expiry', full, { date })).toEqual([
      { organisationId: 'org-gi', role: 'youth-protection' },
    ]);
  });

  it('closed-care limit and aftercare: the coordinator', () => {
    expect(assigneesFor('closed-care-limit', full, { date })).toEqual([
      { organisationId: COORDINATOR, role: 'coordinator' },
    ]);
    expect(assigneesFor('aftercare-check-in', full, { date })).toEqual([
      { organisationId: COORDINATOR, role: 'coordinator' },
    ]);
  });

  it('extended-care end: the coordinator and the municipality', () => {
    expect(ids(assigneesFor('extended-care-end', full, { date }))).toEqual([COORDINATOR, 'org-wmo']);
  });

  it('falls back to the coordinator for every role nobody fills', () => {
    const coordinatorOnly = [{ organisationId: COORDINATOR, role: 'coordinator' }];
    expect(assigneesFor('ots-expiry', alone, { date })).toEqual(coordinatorOnly);
    expect(assigneesFor('adult-care-involvement', alone, { date })).toEqual(coordinatorOnly);
    expect(assigneesFor('future-plan', alone, { date })).toEqual(coordinatorOnly);
    expect(assigneesFor('transition-review', alone, { date })).toEqual(coordinatorOnly);
  });

  it('looks at the placements running on the fire date', () => {
    const ended = aTrajectory({ placements: [{ ...placement, endDate: '2026-05-31' }] });
    expect(ids(assigneesFor('future-plan', ended, { date: '2026-05-31' }))).toEqual(['org-home', COORDINATOR]);
    expect(ids(assigneesFor('future-plan', ended, { date: '2026-06-01' }))).toEqual([COORDINATOR]);
  });

  it('gives a provider the role it is listed with, youth care when it is not listed', () => {
    const listed = aTrajectory({
      partners: [{ organisationId: 'org-home', role: 'specialised-care' }],
      placements: [placement],
    });
    expect(assigneesFor('placement-evaluation', listed, { date, placement })).toEqual([
      { organisationId: 'org-home', role: 'specialised-care' },
    ]);
    expect(assigneesFor('placement-evaluation', aTrajectory({ placements: [placement] }), { date, placement })).toEqual(
      [{ organisationId: 'org-home', role: 'youth-care' }],
    );
  });

  it('gives an organisation in two roles one task', () => {
    const twice = aTrajectory({
      partners: [
        { organisationId: 'org-both', role: 'wmo' },
        { organisationId: 'org-both', role: 'adult-care' },
      ],
    });
    expect(assigneesFor('adult-care-involvement', twice, { date })).toEqual([
      { organisationId: 'org-both', role: 'wmo' },
    ]);
  });
});

describe('handoverAssignees', () => {
  it('sends from the running placement provider to adult care', () => {
    const sut = handoverAssignees(full, date);
    expect(sut.sending).toEqual({ organisationId: 'org-home', role: 'youth-care' });
    expect(sut.receiving).toEqual({ organisationId: 'org-adult', role: 'adult-care' });
    expect(assigneesFor('handover', full, { date })).toEqual([sut.sending, sut.receiving]);
  });

  it('sends from a youth-care partner when no placement runs, and falls back to the coordinator', () => {
    const sut = handoverAssignees(
      aTrajectory({ partners: [{ organisationId: 'org-youth', role: 'youth-care' }] }),
      date,
    );
    expect(sut.sending.organisationId).toBe('org-youth');
    expect(sut.receiving).toEqual({ organisationId: COORDINATOR, role: 'coordinator' });
    expect(handoverAssignees(alone, date).sending.organisationId).toBe(COORDINATOR);
    expect(assigneesFor('handover', alone, { date })).toEqual([{ organisationId: COORDINATOR, role: 'coordinator' }]);
  });
});

describe('placementsOn', () => {
  it('counts start and end dates in', () => {
    const facts = aTrajectory({ placements: [{ ...placement, startDate: '2026-02-01', endDate: '2026-02-28' }] });
    expect(placementsOn(facts, '2026-01-31')).toHaveLength(0);
    expect(placementsOn(facts, '2026-02-01')).toHaveLength(1);
    expect(placementsOn(facts, '2026-02-28')).toHaveLength(1);
    expect(placementsOn(facts, '2026-03-01')).toHaveLength(0);
  });
});
