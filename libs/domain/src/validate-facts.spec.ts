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
});
