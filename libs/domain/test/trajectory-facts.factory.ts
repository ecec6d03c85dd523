import type { PartnerRole } from '../src/roles';
import type { Partner, TrajectoryFacts } from '../src/trajectory-facts';
import { amsterdam } from './calendar-oracle';

export const COORDINATOR = 'org-coordinator';

/** One synthetic partner organisation for every partner role; a test lists the ones its trajectory has. */
export const PARTNER: { readonly [role in PartnerRole]: Partner } = {
  police: { organisationId: 'org-police', role: 'police' },
  school: { organisationId: 'org-school', role: 'school' },
  'attendance-officer': { organisationId: 'org-leerplicht', role: 'attendance-officer' },
  'debt-counselling': { organisationId: 'org-debt', role: 'debt-counselling' },
  'youth-care': { organisationId: 'org-youth', role: 'youth-care' },
  'specialised-care': { organisationId: 'org-special', role: 'specialised-care' },
  'youth-protection': { organisationId: 'org-gi', role: 'youth-protection' },
  'adult-care': { organisationId: 'org-adult', role: 'adult-care' },
  wmo: { organisationId: 'org-wmo', role: 'wmo' },
  housing: { organisationId: 'org-housing', role: 'housing' },
  'work-and-income': { organisationId: 'org-work-income', role: 'work-and-income' },
  'youth-probation': { organisationId: 'org-jr', role: 'youth-probation' },
  'neighbourhood-team': { organisationId: 'org-wijkteam', role: 'neighbourhood-team' },
  'adult-mental-health': { organisationId: 'org-ggz', role: 'adult-mental-health' },
};

/** A trajectory with only what every trajectory has; synthetic ids. */
export function aTrajectory(overrides: Partial<TrajectoryFacts> = {}): TrajectoryFacts {
  return {
    birthDate: '2009-05-31',
    startedOn: amsterdam('2026-11-23', '10:00'),
    coordinatorOrganisationId: COORDINATOR,
    municipalityCode: 'GM0599',
    partners: [],
    placements: [],
    courtMeasures: [],
    pauses: [],
    ...overrides,
  };
}

/** DOMAIN.md's worked example: born 31 May 2009, closed since 31 May 2026, authorisation to 15 January 2027, OTS to
 * 1 March 2027, started 23 November 2026. */
export function workedExample(overrides: Partial<TrajectoryFacts> = {}): TrajectoryFacts {
  return aTrajectory({
    partners: [
      PARTNER.police,
      PARTNER.school,
      PARTNER['youth-protection'],
      PARTNER.wmo,
      PARTNER['adult-care'],
      PARTNER.housing,
    ],
    placements: [
      {
        id: 'PL-1',
        type: 'closed',
        startDate: '2026-05-31',
        providerOrganisationId: 'org-closed',
        authorisationEndDate: '2027-01-15',
      },
    ],
    courtMeasures: [{ id: 'CM-1', type: 'ots', startDate: '2026-03-01', endDate: '2027-03-01' }],
    ...overrides,
  });
}
