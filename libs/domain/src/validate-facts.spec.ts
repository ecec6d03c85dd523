import { amsterdam } from '../test/calendar-oracle';
import { aTrajectory, workedExample } from '../test/trajectory-facts.factory';
import type { TrajectoryFacts } from './trajectory-facts';
import { validateFacts } from './validate-facts';

const now = amsterdam('2026-11-23', '10:00');
const pathsOf = (facts: TrajectoryFacts): string[] => validateFacts(facts, now).map((error) => error.path);

describe('validateFacts', () => {
  it('accepts the worked example and a bare trajectory', () => {
    expect(validateFacts(workedExample(), now)).toEqual([]);
    expect(validateFacts(aTrajectory(), now)).toEqual([]);
  });

  describe('the date of birth', () => {
    it('must be a real date', () => {
      expect(validateFacts(aTrajectory({ birthDate: '2009-02-29' }), now)).toEqual([
        {
          path: 'birthDate',
          code: 'invalid-date',
          message: 'The date of birth must be a calendar date written YYYY-MM-DD, such as 2026-05-31',
        },
      ]);
    });

    it('must not lie in the future, today being allowed', () => {
      expect(validateFacts(aTrajectory({ birthDate: '2026-11-24', startedOn: now }), now)).toEqual([
        {
          path: 'birthDate',
          code: 'in-future',
          message: 'The date of birth lies in the future: enter a date on or before 2026-11-23',
        },
      ]);
      expect(pathsOf(aTrajectory({ birthDate: '2026-11-23' }))).toEqual([]);
    });

    it('must not lie more than 27 years ago', () => {
      expect(pathsOf(aTrajectory({ birthDate: '1999-11-23' }))).toEqual([]);
      expect(pathsOf(aTrajectory({ birthDate: '1999-11-22' }))).toEqual(['birthDate']);
    });
  });

  it('checks the start, the coordinator and the municipality code', () => {
    const facts = aTrajectory({ startedOn: now + 1, coordinatorOrganisationId: ' ', municipalityCode: '0599' });
    expect(pathsOf(facts)).toEqual(['startedOn', 'coordinatorOrganisationId', 'municipalityCode']);
  });

  it('refuses a partner in an unknown role and the same partner twice in one role', () => {
    const facts = aTrajectory({
      partners: [
        { organisationId: 'org-a', role: 'police' },
        { organisationId: 'org-a', role: 'police' },
        { organisationId: 'org-a', role: 'school' },
        { organisationId: 'org-b', role: 'teacher' as never },
      ],
    });
    expect(pathsOf(facts)).toEqual(['partners[1]', 'partners[3].role']);
  });

  it('checks placements: dates, order, type, provider, authorisation, duplicate ids', () => {
    const facts = aTrajectory({
      placements: [
        { id: 'P', type: 'closed', startDate: '2026-05-31', endDate: '2026-05-30', providerOrganisationId: 'org' },
        {
          id: 'P',
          type: 'open-residential',
          startDate: '2026-06-01',
          providerOrganisationId: '',
          authorisationEndDate: '2026-09-01',
        },
        {
          id: 'Q',
          type: 'closed',
          startDate: '2026-06-01',
          providerOrganisationId: 'org',
          authorisationEndDate: '2026-05-01',
        },
        { id: 'R', type: 'tent' as never, startDate: '2026-13-01', providerOrganisationId: 'org' },
        { id: 'S', type: 'ambulant', startDate: '2009-05-30', providerOrganisationId: 'org' },
      ],
    });
    expect(pathsOf(facts)).toEqual([
      'placements[0].endDate',
      'placements[1].id',
      'placements[1].providerOrganisationId',
      'placements[1].authorisationEndDate',
      'placements[2].authorisationEndDate',
      'placements[3].type',
      'placements[3].startDate',
      'placements[4].startDate',
    ]);
  });

  it('tells the user what to do about a placement that ends before it starts', () => {
    const facts = aTrajectory({
      placements: [
        { id: 'P', type: 'closed', startDate: '2026-05-31', endDate: '2026-05-30', providerOrganisationId: 'o' },
      ],
    });
    expect(validateFacts(facts, now)).toEqual([
      {
        path: 'placements[0].endDate',
        code: 'end-before-start',
        message: 'The placement ends before it starts: enter an end on or after 2026-05-31',
      },
    ]);
  });

  it('checks court measures: dates, order, type, duplicate ids', () => {
    const facts = aTrajectory({
      courtMeasures: [
        { id: 'M', type: 'ots', startDate: '2026-03-01', endDate: '2026-02-28' },
        { id: 'M', type: 'custody-order', startDate: '2026-03-01', endDate: '2026-09-01' },
        { id: 'N', type: 'warning' as never, startDate: '2026-03-01', endDate: 'soon' },
      ],
    });
    expect(pathsOf(facts)).toEqual([
      'courtMeasures[0].endDate',
      'courtMeasures[1].id',
      'courtMeasures[2].type',
      'courtMeasures[2].endDate',
    ]);
  });

  it('names the types a placement or a court measure may have', () => {
    const facts = aTrajectory({
      placements: [{ id: 'P', type: 'tent' as never, startDate: '2026-05-31', providerOrganisationId: 'o' }],
      courtMeasures: [{ id: 'M', type: 'warning' as never, startDate: '2026-03-01', endDate: '2026-09-01' }],
    });
    expect(validateFacts(facts, now).map((e) => e.message)).toEqual([
      'The placement type must be ambulant, foster-family, open-residential or closed',
      'The court measure type must be ots, custody-order or closed-care-authorisation',
    ]);
  });

  it('checks pauses: in the past, in order, ended except the last', () => {
    expect(pathsOf(aTrajectory({ pauses: [{ from: now - 1000, to: now - 500 }, { from: now - 100 }] }))).toEqual([]);
    expect(pathsOf(aTrajectory({ pauses: [{ from: now + 1 }] }))).toEqual(['pauses[0].from']);
    expect(pathsOf(aTrajectory({ pauses: [{ from: now - 10, to: now - 20 }] }))).toEqual(['pauses[0].to']);
    expect(pathsOf(aTrajectory({ pauses: [{ from: now - 10, to: now + 20 }] }))).toEqual(['pauses[0].to']);
    expect(pathsOf(aTrajectory({ pauses: [{ from: now - 100 }, { from: now - 50, to: now - 10 }] }))).toEqual([
      'pauses[0].to',
      'pauses[1].from',
    ]);
    expect(pathsOf(aTrajectory({ pauses: [{ from: now - 100, to: now - 40 }, { from: now - 50 }] }))).toEqual([
      'pauses[1].from',
    ]);
  });

  it('checks the closure: a real date, not in the future, not before the start, its moment on that day', () => {
    const startedOn = amsterdam('2026-01-10', '10:00');
    expect(pathsOf(aTrajectory({ startedOn, closure: { date: '2026-11-23', at: now } }))).toEqual([]);
    expect(pathsOf(aTrajectory({ startedOn, closure: { date: '2026-11-24' } }))).toEqual(['closure.date']);
    expect(pathsOf(aTrajectory({ startedOn, closure: { date: '2026-01-09' } }))).toEqual(['closure.date']);
    expect(pathsOf(aTrajectory({ startedOn, closure: { date: '2026-11-22', at: now } }))).toEqual(['closure.at']);
    expect(pathsOf(aTrajectory({ startedOn, closure: { date: '2026-11-23', at: now + 1 } }))).toEqual(['closure.at']);
  });

  describe('issue 13: what placements, measures, pauses and missing episodes carry', () => {
    const codesOf = (facts: TrajectoryFacts) => validateFacts(facts, now).map((e) => `${e.path} ${e.code}`);
    const placement = { id: 'p1', type: 'closed' as const, startDate: '2026-01-10', providerOrganisationId: 'org-y' };
    it('a start of treatment is a date between birth and today', () => {
      expect(codesOf(aTrajectory({ placements: [{ ...placement, treatmentStartDate: '2026-11-23' }] }))).toEqual([]);
      expect(codesOf(aTrajectory({ placements: [{ ...placement, treatmentStartDate: '2026-11-24' }] }))).toEqual([
        'placements[0].treatmentStartDate in-future',
      ]);
      expect(codesOf(aTrajectory({ placements: [{ ...placement, treatmentStartDate: '2009-05-30' }] }))).toEqual([
        'placements[0].treatmentStartDate before-birth-date',
      ]);
      expect(codesOf(aTrajectory({ placements: [{ ...placement, treatmentStartDate: '2026-13-01' }] }))).toEqual([
        'placements[0].treatmentStartDate invalid-date',
      ]);
    });
    it('a change reason is one of the five', () => {
      const bad = { ...placement, changeReason: 'moved' } as unknown as typeof placement;
      expect(codesOf(aTrajectory({ placements: [bad] }))).toEqual(['placements[0].changeReason invalid-value']);
      expect(codesOf(aTrajectory({ placements: [{ ...placement, changeReason: 'step-down' }] }))).toEqual([]);
    });
    it('a subtype belongs to its measure type', () => {
      const measure = { id: 'm1', startDate: '2026-01-10', endDate: '2026-06-10' };
      expect(codesOf(aTrajectory({ courtMeasures: [{ ...measure, type: 'ots', subtype: 'normal' }] }))).toEqual([
        'courtMeasures[0].subtype subtype-not-for-type',
      ]);
      expect(
        codesOf(aTrajectory({ courtMeasures: [{ ...measure, type: 'custody-order', subtype: 'conditional' }] })),
      ).toEqual(['courtMeasures[0].subtype subtype-not-for-type']);
      expect(
        codesOf(
          aTrajectory({ courtMeasures: [{ ...measure, type: 'closed-care-authorisation', subtype: 'conditional' }] }),
        ),
      ).toEqual([]);
    });
    it('a pause reason is one of the four', () => {
      const bad = { from: now - 10, reason: 'missing' } as unknown as { from: number };
      expect(codesOf(aTrajectory({ pauses: [bad] }))).toEqual(['pauses[0].reason invalid-value']);
      expect(codesOf(aTrajectory({ pauses: [{ from: now - 10, reason: 'hospital' }] }))).toEqual([]);
    });
    it('one missing episode open at a time, each returning after it began and not in the future', () => {
      const open = { id: 'e1', since: now - 100, policeReportMade: true };
      expect(codesOf(aTrajectory({ missingEpisodes: [open] }))).toEqual([]);
      expect(codesOf(aTrajectory({ missingEpisodes: [open, { ...open, id: 'e2' }] }))).toEqual([
        'missingEpisodes[1] already-missing',
      ]);
      expect(codesOf(aTrajectory({ missingEpisodes: [{ ...open, returnedAt: now - 200 }] }))).toEqual([
        'missingEpisodes[0].returnedAt end-before-start',
      ]);
      expect(codesOf(aTrajectory({ missingEpisodes: [{ ...open, since: now + 1 }] }))).toEqual([
        'missingEpisodes[0].since in-future',
      ]);
    });
  });
});
