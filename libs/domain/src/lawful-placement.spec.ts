import {
  authorisationLimitErrors,
  closedCareLimitDate,
  closedPlacementLawErrors,
  courtMeasureLawErrors,
  lawfulnessErrors,
  legalLatestEnd,
  transfersByReason,
} from './lawful-placement';
import type { CourtMeasure, Placement } from './trajectory-facts';

// Born 31 August 2008: 18 on 2026-08-31; 18 + 6 months is 28 February 2027 (no 31 February).
const BIRTH = '2008-08-31';
const closed = (fields: Partial<Placement> = {}): Placement => ({
  id: 'p1',
  type: 'closed',
  startDate: '2026-01-10',
  providerOrganisationId: 'org-youth',
  ...fields,
});
const measure = (fields: Partial<CourtMeasure>): CourtMeasure => ({
  id: 'm1',
  type: 'closed-care-authorisation',
  startDate: '2026-01-10',
  endDate: '2026-06-10',
  ...fields,
});
const codes = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path} ${e.code}`);

describe('legal maximum durations, by hand', () => {
  it.each([
    ['closed-care-authorisation', 'normal', '2026-01-10', '2027-01-10'],
    ['closed-care-authorisation', 'conditional', '2026-03-31', '2027-03-31'],
    ['closed-care-authorisation', 'emergency', '2026-01-10', '2026-02-07'],
    ['custody-order', 'normal', '2028-02-29', '2029-03-01'],
    ['custody-order', 'emergency', '2026-12-20', '2027-01-17'],
  ] as const)('a %s (%s) from %s ends on %s at the latest', (type, subtype, start, latest) => {
    expect(legalLatestEnd(type, subtype, start)).toBe(latest);
    expect(courtMeasureLawErrors(measure({ type, subtype, startDate: start, endDate: latest }), 'm')).toEqual([]);
  });

  it('refuses a day more, naming the end date and the rule', () => {
    expect(
      codes(courtMeasureLawErrors(measure({ subtype: 'emergency', endDate: '2026-02-08' }), 'courtMeasure')),
    ).toEqual(['courtMeasure.endDate exceeds-legal-maximum']);
    expect(codes(courtMeasureLawErrors(measure({ type: 'custody-order', endDate: '2027-01-11' }), 'c'))).toEqual([
      'c.endDate exceeds-legal-maximum',
    ]);
  });

  it('takes a measure without subtype as a normal one, and lets an OTS run as the court decides', () => {
    expect(codes(courtMeasureLawErrors(measure({ endDate: '2027-01-11' }), 'c'))).toEqual([
      'c.endDate exceeds-legal-maximum',
    ]);
    expect(courtMeasureLawErrors(measure({ type: 'ots', endDate: '2028-01-10' }), 'c')).toEqual([]);
  });

  it('refuses a subtype the type does not have', () => {
    expect(codes(courtMeasureLawErrors(measure({ type: 'custody-order', subtype: 'conditional' }), 'c'))).toEqual([
      'c.subtype subtype-not-for-type',
    ]);
    expect(codes(courtMeasureLawErrors(measure({ type: 'ots', subtype: 'normal' }), 'c'))).toEqual([
      'c.subtype subtype-not-for-type',
    ]);
  });
});

describe('closed care within the law, by hand', () => {
  it('knows the limit: 6 months after the 18th birthday, clamped to the month', () => {
    expect(closedCareLimitDate(BIRTH)).toBe('2027-02-28');
    expect(closedCareLimitDate('2008-02-29')).toBe('2026-09-01');
    expect(closedCareLimitDate('2009-05-31')).toBe('2027-11-30');
  });

  it('accepts closed care that starts and ends before 18, with or without treatment', () => {
    expect(closedPlacementLawErrors(closed({ endDate: '2026-08-30' }), BIRTH, 'p')).toEqual([]);
    expect(closedPlacementLawErrors(closed(), BIRTH, 'p')).toEqual([]);
  });

  it('refuses a closed placement that starts on the 18th birthday', () => {
    expect(codes(closedPlacementLawErrors(closed({ startDate: '2026-08-31' }), BIRTH, 'p'))).toEqual([
      'p.startDate closed-care-starts-after-18',
    ]);
    expect(closedPlacementLawErrors(closed({ startDate: '2026-08-30' }), BIRTH, 'p')).toEqual([]);
  });

  it('lets closed care run past 18 only with treatment that started before 18', () => {
    const past18 = { endDate: '2026-08-31' };
    expect(codes(closedPlacementLawErrors(closed(past18), BIRTH, 'p'))).toEqual([
      'p.treatmentStartDate closed-care-without-treatment-before-18',
    ]);
    expect(
      codes(closedPlacementLawErrors(closed({ ...past18, treatmentStartDate: '2026-08-31' }), BIRTH, 'p')),
    ).toEqual(['p.treatmentStartDate closed-care-without-treatment-before-18']);
    expect(closedPlacementLawErrors(closed({ ...past18, treatmentStartDate: '2026-08-30' }), BIRTH, 'p')).toEqual([]);
    expect(codes(closedPlacementLawErrors(closed({ authorisationEndDate: '2026-09-01' }), BIRTH, 'p'))).toEqual([
      'p.treatmentStartDate closed-care-without-treatment-before-18',
    ]);
    expect(closedPlacementLawErrors(closed({ authorisationEndDate: '2026-08-31' }), BIRTH, 'p')).toEqual([]);
  });

  it('never past 18 + 6 months: the last day before the limit, an authorisation to the limit', () => {
    const treated = { treatmentStartDate: '2026-02-01' };
    expect(closedPlacementLawErrors(closed({ ...treated, endDate: '2027-02-27' }), BIRTH, 'p')).toEqual([]);
    expect(codes(closedPlacementLawErrors(closed({ ...treated, endDate: '2027-02-28' }), BIRTH, 'p'))).toEqual([
      'p.endDate closed-care-past-limit',
    ]);
    expect(closedPlacementLawErrors(closed({ ...treated, authorisationEndDate: '2027-02-28' }), BIRTH, 'p')).toEqual(
      [],
    );
    expect(
      codes(closedPlacementLawErrors(closed({ ...treated, authorisationEndDate: '2027-03-01' }), BIRTH, 'p')),
    ).toEqual(['p.authorisationEndDate closed-care-past-limit']);
  });

  it('has no rules for other placements', () => {
    expect(closedPlacementLawErrors(closed({ type: 'open-residential', startDate: '2027-06-01' }), BIRTH, 'p')).toEqual(
      [],
    );
  });

  it('refuses a closed-care authorisation measure past the limit', () => {
    expect(
      codes(authorisationLimitErrors(measure({ startDate: '2026-06-01', endDate: '2027-03-01' }), BIRTH, 'c')),
    ).toEqual(['c.endDate closed-care-past-limit']);
    expect(authorisationLimitErrors(measure({ startDate: '2026-06-01', endDate: '2027-02-28' }), BIRTH, 'c')).toEqual(
      [],
    );
    expect(
      authorisationLimitErrors(
        measure({ type: 'custody-order', startDate: '2026-06-01', endDate: '2027-03-01' }),
        BIRTH,
        'c',
      ),
    ).toEqual([]);
  });
});

describe('transfers by reason', () => {
  const at = (changeReason?: Placement['changeReason']): Placement => closed(changeReason ? { changeReason } : {});
  it('counts only breakdown, safety and absconding as the quality signal; a step-down is no transfer', () => {
    const counts = transfersByReason([
      at(),
      at('step-down'),
      at('breakdown'),
      at('safety'),
      at('absconded'),
      at('other'),
    ]);
    expect(counts.quality).toBe(3);
    expect(counts.total).toBe(5);
    expect(counts.byReason).toEqual({
      'step-down': 1,
      breakdown: 1,
      safety: 1,
      absconded: 1,
      other: 1,
      unspecified: 0,
    });
  });
  it('counts nothing for a first placement; a change from before reasons counts, as it did', () => {
    expect(transfersByReason([at('breakdown')])).toMatchObject({ quality: 0, total: 0 });
    expect(transfersByReason([at(), at()])).toMatchObject({ quality: 1, total: 1, byReason: { unspecified: 1 } });
  });
});

describe('lawfulnessErrors', () => {
  const facts = {
    birthDate: BIRTH,
    startedOn: 0,
    coordinatorOrganisationId: 'org-c',
    municipalityCode: 'GM0599',
    partners: [],
    pauses: [],
    placements: [closed({ id: 'a', endDate: '2026-03-01' }), closed({ id: 'b', startDate: '2026-09-01' })],
    courtMeasures: [measure({ subtype: 'emergency', endDate: '2026-03-01' })],
  };
  it('names every unlawful placement and measure by its place in the facts', () => {
    expect(codes(lawfulnessErrors(facts))).toEqual([
      'placements[1].startDate closed-care-starts-after-18',
      'courtMeasures[0].endDate exceeds-legal-maximum',
    ]);
  });
  it('leaves out what the coordinator overrode', () => {
    const overridden = {
      ...facts,
      placements: [facts.placements[0], { ...facts.placements[1], overridden: true }],
      courtMeasures: [{ ...facts.courtMeasures[0], overridden: true }],
    };
    expect(lawfulnessErrors(overridden)).toEqual([]);
  });
});
