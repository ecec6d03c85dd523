import { amsterdam } from '../test/calendar-oracle';
import { aTrajectory, COORDINATOR, PARTNER, workedExample } from '../test/trajectory-facts.factory';
import { DEFAULT_POLICY } from './default-policy';
import { computeSchedule, type ScheduledOccurrence } from './schedule';
import { compressPolicy } from './compress-policy';
import { validatePolicy } from './validate-policy';
import { DEFAULT_PLACEMENTS } from './placements-policy';

// Expected moments by hand: DEFAULT_POLICY fires at 09:00 Amsterdam; dates worked out on a calendar.
const rules = { continuityAt18: true, lawfulPlacements: true } as const;
const now = amsterdam('2026-11-23', '10:00');
const byKind = (schedule: ScheduledOccurrence[], kind: string) => schedule.filter((o) => o.kind === kind);
const orgs = (o: ScheduledOccurrence) => o.assignees.map((a) => `${a.organisationId}/${a.role}`);

describe('the milestones of lawful placements', () => {
  it('without the rules (histories from before issue 13) none of them is planned', () => {
    const facts = workedExample({
      courtMeasures: [{ id: 'C', type: 'custody-order', startDate: '2026-06-01', endDate: '2027-05-01' }],
    });
    const kinds = computeSchedule(facts, DEFAULT_POLICY, now, new Set(), { continuityAt18: true }).map((o) => o.kind);
    expect(kinds).not.toContain('custody-order-expiry');
    expect(kinds).not.toContain('treatment-start');
  });

  it('a custody order fires its expiry at end − 3 months to youth protection, due at its end', () => {
    const facts = workedExample({
      courtMeasures: [{ id: 'C', type: 'custody-order', startDate: '2026-06-01', endDate: '2027-05-01' }],
    });
    const [expiry] = byKind(computeSchedule(facts, DEFAULT_POLICY, now, new Set(), rules), 'custody-order-expiry');
    expect(expiry.fireAt).toBe(amsterdam('2027-02-01', '09:00'));
    expect(expiry.dueAt).toBe(amsterdam('2027-05-01', '09:00'));
    expect(orgs(expiry)).toEqual(['org-gi/youth-protection']);
  });

  it('a closed placement without treatment fires a coordinator task 6 weeks after its start; treatment stops it', () => {
    const placement = { id: 'P', type: 'closed' as const, startDate: '2026-11-01', providerOrganisationId: 'org-c' };
    const without = computeSchedule(aTrajectory({ placements: [placement] }), DEFAULT_POLICY, now, new Set(), rules);
    const [task] = byKind(without, 'treatment-start');
    expect(task.fireAt).toBe(amsterdam('2026-12-13', '09:00'));
    expect(task.dueAt).toBe(amsterdam('2026-12-20', '09:00'));
    expect(orgs(task)).toEqual([`${COORDINATOR}/coordinator`]);
    const treated = aTrajectory({ placements: [{ ...placement, treatmentStartDate: '2026-11-20' }] });
    expect(byKind(computeSchedule(treated, DEFAULT_POLICY, now, new Set(), rules), 'treatment-start')).toEqual([]);
    const open = aTrajectory({ placements: [{ ...placement, type: 'open-residential' }] });
    expect(byKind(computeSchedule(open, DEFAULT_POLICY, now, new Set(), rules), 'treatment-start')).toEqual([]);
  });

  it('treatment that starts after the six weeks does not take the task back', () => {
    const placement = { id: 'P', type: 'closed' as const, startDate: '2026-10-01', providerOrganisationId: 'org-c' };
    const late = aTrajectory({ placements: [{ ...placement, treatmentStartDate: '2026-11-20' }] });
    expect(byKind(computeSchedule(late, DEFAULT_POLICY, now, new Set(), rules), 'treatment-start')).toHaveLength(1);
  });

  it('missing: at once to police and coordinator, due that same day; her return: a safety assessment', () => {
    const since = amsterdam('2026-11-22', '23:00');
    const recordedAt = amsterdam('2026-11-23', '09:40');
    const facts = aTrajectory({
      partners: [PARTNER.police],
      missingEpisodes: [{ id: 'E', since, recordedAt, policeReportMade: false }],
    });
    const [missing] = byKind(computeSchedule(facts, DEFAULT_POLICY, now, new Set(), rules), 'missing-episode');
    expect(missing.status).toBe('late'); // fires at once
    expect(orgs(missing)).toEqual(['org-police/police', `${COORDINATOR}/coordinator`]);
    expect(missing.dueAt).toBe(amsterdam('2026-11-24') - 1);
    const returned = aTrajectory({
      partners: [PARTNER.police],
      missingEpisodes: [
        { id: 'E', since, recordedAt, policeReportMade: true, returnedAt: amsterdam('2026-11-23', '09:50') },
      ],
    });
    const [safety] = byKind(computeSchedule(returned, DEFAULT_POLICY, now, new Set(), rules), 'safety-assessment');
    expect(safety.status).toBe('late');
    expect(safety.dueAt).toBe(amsterdam('2026-11-26', '09:00'));
    expect(orgs(safety)).toEqual([`${COORDINATOR}/coordinator`]);
  });

  it('what a person records before the fire time of day fires when recorded (histories before 13: at 09:00)', () => {
    const night = amsterdam('2026-11-23', '03:10');
    const missing = aTrajectory({
      partners: [PARTNER.police],
      missingEpisodes: [{ id: 'E', since: night - 3_600_000, recordedAt: night, policeReportMade: false }],
    });
    const [atOnce] = byKind(computeSchedule(missing, DEFAULT_POLICY, night, new Set(), rules), 'missing-episode');
    expect(atOnce.fireAt).toBe(night);
    // A continuation decision recorded at night: the indication extension fires then too, the calendar does not move.
    const decided = workedExample({
      continuation: {
        continuation: 'same-provider',
        basis: 'verlengde-jeugdhulp',
        providerOrganisationId: 'org-closed',
        decidedAt: night,
      },
    });
    const schedule = computeSchedule(decided, DEFAULT_POLICY, night, new Set(), rules);
    expect(byKind(schedule, 'indication-extension').map((o) => o.fireAt)).toEqual([night]);
    expect(byKind(schedule, 'placement-evaluation').every((o) => o.fireAt % 3_600_000 === 0)).toBe(true);
    const before13 = computeSchedule(decided, DEFAULT_POLICY, night, new Set(), { continuityAt18: true });
    expect(byKind(before13, 'indication-extension').map((o) => o.fireAt)).toEqual([amsterdam('2026-11-23', '09:00')]);
  });

  it('a missing episode without police in the trajectory goes to the coordinator only', () => {
    const facts = aTrajectory({ missingEpisodes: [{ id: 'E', since: now - 1000, policeReportMade: false }] });
    const [missing] = byKind(computeSchedule(facts, DEFAULT_POLICY, now, new Set(), rules), 'missing-episode');
    expect(orgs(missing)).toEqual([`${COORDINATOR}/coordinator`]);
  });

  it('while an OTS runs, the authorisation expiry goes to youth protection as well as the provider', () => {
    // Worked example: authorisation to 2027-01-15, warning 6 weeks before (2026-12-04), the OTS runs to 2027-03-01.
    const [withOts] = byKind(
      computeSchedule(workedExample(), DEFAULT_POLICY, now, new Set(), rules),
      'authorisation-expiry',
    );
    expect(orgs(withOts)).toEqual([`${COORDINATOR}/coordinator`, 'org-closed/youth-care', 'org-gi/youth-protection']);
    const otsOver = workedExample({
      courtMeasures: [{ id: 'O', type: 'ots', startDate: '2026-03-01', endDate: '2026-12-01' }],
    });
    const [without] = byKind(computeSchedule(otsOver, DEFAULT_POLICY, now, new Set(), rules), 'authorisation-expiry');
    expect(orgs(without)).toEqual([`${COORDINATOR}/coordinator`, 'org-closed/youth-care']);
    const [before13] = byKind(
      computeSchedule(workedExample(), DEFAULT_POLICY, now, new Set(), { continuityAt18: true }),
      'authorisation-expiry',
    );
    expect(orgs(before13)).toEqual([`${COORDINATOR}/coordinator`, 'org-closed/youth-care']);
  });
});

describe('a machtiging past the limit (an override) warns at limit − 6 weeks', () => {
  // Born 31 May 2009: 18 on 2027-05-31, limit 2027-11-30, warning 6 weeks before: 2027-10-19.
  const measure = {
    id: 'M',
    type: 'closed-care-authorisation' as const,
    startDate: '2027-03-01',
    endDate: '2028-03-01',
  };
  it('with the rules, a closed-care authorisation running past the warning fires closed-care-limit', () => {
    const facts = aTrajectory({ courtMeasures: [{ ...measure, overridden: true }] });
    const [warning] = byKind(computeSchedule(facts, DEFAULT_POLICY, now, new Set(), rules), 'closed-care-limit');
    expect(warning.fireAt).toBe(amsterdam('2027-10-19', '09:00'));
    expect(warning.dueAt).toBe(amsterdam('2027-11-30', '09:00'));
  });
  it('one ending before the warning does not', () => {
    const facts = aTrajectory({ courtMeasures: [{ ...measure, endDate: '2027-10-19' }] });
    expect(byKind(computeSchedule(facts, DEFAULT_POLICY, now, new Set(), rules), 'closed-care-limit')).toEqual([]);
  });
});

describe('the placements section of a policy', () => {
  it('is optional, and checked entry by entry when present', () => {
    expect(validatePolicy({ ...DEFAULT_POLICY, placements: DEFAULT_PLACEMENTS }).ok).toBe(true);
    const wrong = validatePolicy({
      ...DEFAULT_POLICY,
      placements: { ...DEFAULT_PLACEMENTS, 'safety-assessment': { due: { relativeTo: 'fire', offset: '-P1D' } } },
    });
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.path)).toEqual(['placements.safety-assessment.due.offset']);
  });
  it('is compressed with the rest', () => {
    const compressed = compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 });
    expect(compressed.placements?.['treatment-start'].offset).toBe('PT42S');
    expect(validatePolicy(compressed).ok).toBe(true);
  });
});
