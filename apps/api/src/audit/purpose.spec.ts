import { USER_ROLES } from '@doorloop/contracts';
import type { Principal } from '../auth/principal';
import { DEFAULT_PURPOSE, PURPOSE_CODES, purposeOf, requestedPurpose } from './purpose';

const principal = (role: Principal['role']): Principal => ({
  userId: '00000000-0000-4000-8000-000000000001',
  username: 'demo',
  role,
  regionId: '00000000-0000-4000-8000-000000000002',
  organisationId: null,
  municipalityCodes: [],
  onBehalfOf: null,
});

describe('purpose (NEN 7513 doel)', () => {
  it.each([
    ['coordinator', 'zorgcoordinatie'],
    ['partner', 'uitvoering-taak'],
    ['director', 'sturing-verantwoording'],
    ['admin', 'functioneel-beheer'],
    ['auditor', 'controle'],
  ] as const)('defaults to the role: %s → %s', (role, purpose) => {
    expect(purposeOf(principal(role), undefined)).toBe(purpose);
  });

  it('has a default from the list for every role', () => {
    for (const role of USER_ROLES) expect(PURPOSE_CODES).toContain(DEFAULT_PURPOSE[role]);
  });

  it('takes a purpose from the list named in the header over the default', () => {
    expect(purposeOf(principal('coordinator'), 'incidentonderzoek')).toBe('incidentonderzoek');
  });

  it('calls anything else in the header invalid, and records no purpose for it', () => {
    for (const header of ['Zorgcoordinatie', 'marketing', '', ['controle', 'controle']]) {
      expect(requestedPurpose(header)).toBe('invalid');
      expect(purposeOf(principal('auditor'), header)).toBeNull();
    }
  });

  it('records no purpose without a signed-in user', () => {
    expect(purposeOf(undefined, 'controle')).toBeNull();
  });
});
