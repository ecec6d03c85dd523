import { amsterdam } from '../test/calendar-oracle';
import {
  basesAfterDecision,
  basesAllowedOn,
  type BasisContext,
  type LegalBasisPeriod,
  validateLegalBases,
} from './legal-basis';

// Born 31 May 2009: 18 on 2027-05-31, 23 on 2032-05-31. Registered as a minor.
const minor: BasisContext = { birthDate: '2009-05-31', startedOn: amsterdam('2026-11-23', '10:00'), placements: [] };
const found = (periods: LegalBasisPeriod[], context: BasisContext = minor) =>
  validateLegalBases(periods, context).map((e) => `${e.path} ${e.code}`);

describe('validateLegalBases', () => {
  it('accepts Jeugdwet to the day before 18, then verlengde-jeugdhulp beside Wmo and Participatiewet', () => {
    expect(
      found([
        { basis: 'jeugdwet', providerOrganisationId: 'org-youth', from: '2026-11-23', until: '2027-05-30' },
        { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'org-youth', from: '2027-05-31', until: '2032-05-30' },
        { basis: 'wmo', providerOrganisationId: 'org-bw', from: '2027-05-31' },
        { basis: 'participatiewet', providerOrganisationId: 'org-wi', from: '2027-06-01' },
      ]),
    ).toEqual([]);
  });

  it('refuses a period overlapping another of the same basis, naming the later one', () => {
    expect(
      found([
        { basis: 'wmo', providerOrganisationId: 'org-a', from: '2027-06-01' },
        { basis: 'wmo', providerOrganisationId: 'org-b', from: '2027-09-01', until: '2027-12-31' },
      ]),
    ).toEqual(['legalBases[1].from basis-overlaps']);
  });

  it('refuses two youth-care periods at once, and none beside any help', () => {
    expect(
      found([
        { basis: 'jeugdwet', providerOrganisationId: 'org-a', from: '2026-01-01', until: '2027-05-30' },
        { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'org-b', from: '2027-05-31' },
        { basis: 'none', from: '2027-08-01' },
      ]),
    ).toEqual(['legalBases[2].from basis-overlaps']);
  });

  it('refuses verlengde-jeugdhulp after 23, or starting before 18; Jeugdwet after 18', () => {
    expect(
      found([{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2027-05-31', until: '2032-06-30' }]),
    ).toEqual(['legalBases[0].until basis-not-for-age']);
    expect(found([{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2032-05-31' }])).toEqual([
      'legalBases[0].from basis-not-for-age',
    ]);
    expect(found([{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2027-05-30' }])).toEqual([
      'legalBases[0].from basis-not-for-age',
    ]);
    expect(
      found([{ basis: 'jeugdwet', providerOrganisationId: 'o', from: '2027-01-01', until: '2027-05-31' }]),
    ).toEqual(['legalBases[0].until basis-not-for-age']);
  });

  it('refuses verlengde-jeugdhulp when youth help did not start before 18', () => {
    const adult: BasisContext = { ...minor, startedOn: amsterdam('2027-07-01', '10:00') };
    expect(found([{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2027-07-01' }], adult)).toEqual([
      'legalBases[0].basis youth-care-not-before-18',
    ]);
    const placedBefore: BasisContext = {
      ...adult,
      placements: [{ id: 'P', type: 'ambulant', startDate: '2027-01-01', providerOrganisationId: 'o' }],
    };
    expect(
      found([{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2027-07-01' }], placedBefore),
    ).toEqual([]);
  });

  it('allows verlengde-jeugdhulp to resume within six months after youth care ended, not a day later', () => {
    const jeugdwet: LegalBasisPeriod = {
      basis: 'jeugdwet',
      providerOrganisationId: 'o',
      from: '2026-01-01',
      until: '2027-05-30',
    };
    // Ended 2027-05-30; six months later is 2027-11-30: it may resume up to and including the day after.
    expect(
      found([jeugdwet, { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2027-12-01' }]),
    ).toEqual([]);
    expect(
      found([jeugdwet, { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2027-12-02' }]),
    ).toEqual(['legalBases[1].basis youth-care-ended-too-long-ago']);
  });

  it('puts the birthdays of someone born on 29 February on 1 March in non-leap years', () => {
    const leap: BasisContext = { ...minor, birthDate: '2008-02-29', startedOn: amsterdam('2025-01-10', '10:00') };
    expect(
      found([{ basis: 'jeugdwet', providerOrganisationId: 'o', from: '2025-01-10', until: '2026-02-28' }], leap),
    ).toEqual([]);
    expect(
      found([{ basis: 'jeugdwet', providerOrganisationId: 'o', from: '2025-01-10', until: '2026-03-01' }], leap),
    ).toEqual(['legalBases[0].until basis-not-for-age']);
    expect(found([{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2026-02-28' }], leap)).toEqual([
      'legalBases[0].from basis-not-for-age',
    ]);
    expect(
      found(
        [{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2026-03-01', until: '2031-02-28' }],
        leap,
      ),
    ).toEqual([]);
    expect(
      found(
        [{ basis: 'verlengde-jeugdhulp', providerOrganisationId: 'o', from: '2026-03-01', until: '2031-03-01' }],
        leap,
      ),
    ).toEqual(['legalBases[0].until basis-not-for-age']);
  });

  it('names the field of a period without provider, with an unknown basis, or ending before it starts', () => {
    expect(
      found([
        { basis: 'wmo', from: '2027-06-01' },
        { basis: 'ggz' as never, providerOrganisationId: 'o', from: '2027-06-01' },
        { basis: 'zvw', providerOrganisationId: 'o', from: '2027-06-01', until: '2027-05-01' },
        { basis: 'none', providerOrganisationId: 'o', from: '2027-06-01' },
      ]),
    ).toEqual([
      'legalBases[0].providerOrganisationId required',
      'legalBases[1].basis invalid-value',
      'legalBases[2].until end-before-start',
      'legalBases[3].providerOrganisationId invalid-value',
      'legalBases[3].from basis-overlaps',
    ]);
  });
});

describe('basesAllowedOn (a reopening)', () => {
  const closedYouthCare: BasisContext = {
    ...minor,
    legalBases: [{ basis: 'jeugdwet', providerOrganisationId: 'o', from: '2026-11-23', until: '2027-05-30' }],
  };
  it('offers verlengde-jeugdhulp within six months of the end of youth care and before 23, else adult bases only', () => {
    expect(basesAllowedOn(closedYouthCare, '2027-10-01')).toEqual([
      'verlengde-jeugdhulp',
      'wmo',
      'zvw',
      'wlz',
      'participatiewet',
      'none',
    ]);
    expect(basesAllowedOn(closedYouthCare, '2028-01-01')).toEqual(['wmo', 'zvw', 'wlz', 'participatiewet', 'none']);
  });
});

describe('basesAfterDecision', () => {
  it('ends a running Jeugdwet period the day before 18 and starts the decided basis on the birthday', () => {
    const periods: LegalBasisPeriod[] = [{ basis: 'jeugdwet', providerOrganisationId: 'org-y', from: '2026-11-23' }];
    const decision = {
      continuation: 'same-provider' as const,
      basis: 'verlengde-jeugdhulp' as const,
      providerOrganisationId: 'org-y',
      decidedAt: amsterdam('2027-01-11', '12:00'),
    };
    expect(basesAfterDecision(periods, '2009-05-31', decision)).toEqual([
      { basis: 'jeugdwet', providerOrganisationId: 'org-y', from: '2026-11-23', until: '2027-05-30' },
      { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'org-y', from: '2027-05-31' },
    ]);
    const afterBirthday = { ...decision, decidedAt: amsterdam('2027-07-02', '12:00') };
    expect(basesAfterDecision([], '2009-05-31', afterBirthday)).toEqual([
      { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'org-y', from: '2027-07-02' },
    ]);
  });
});
