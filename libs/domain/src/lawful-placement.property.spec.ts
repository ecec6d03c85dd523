import fc from 'fast-check';
import { addDays, addMonths, dateFromDayNumber, dayNumber, legalBirthday } from '../test/calendar-oracle';
import { closedPlacementLawErrors, courtMeasureLawErrors, transfersByReason, CHANGE_REASONS } from './lawful-placement';
import type { Placement } from './trajectory-facts';

const dateBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateFromDayNumber);
const birthDateArb = fc.oneof(
  { weight: 3, arbitrary: dateBetween('2000-01-01', '2016-12-31') },
  { weight: 1, arbitrary: fc.constantFrom('2000-02-29', '2004-02-29', '2008-02-29', '2012-02-29') },
);
const closedFrom = (startDate: string, fields: Partial<Placement>): Placement => ({
  id: 'p',
  type: 'closed',
  startDate,
  providerOrganisationId: 'org',
  ...fields,
});
/** The oracle's limit: 18 + 6 calendar months, clamped (test/calendar-oracle, not the code under test). */
const limitOf = (birthDate: string) => addMonths(legalBirthday(birthDate, 18), 6);

describe('closed care within the law, over generated dates', () => {
  it('a closed placement whose last day is on or after 18 + 6 months is never lawful, treatment or not', () => {
    fc.assert(
      fc.property(
        birthDateArb,
        fc.integer({ min: 1, max: 3 * 365 }),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.option(fc.integer({ min: 1, max: 3 * 365 })),
        (birthDate, startBefore18, pastLimit, treatmentBefore18) => {
          const adulthood = legalBirthday(birthDate, 18);
          const placement = closedFrom(addDays(adulthood, -startBefore18), {
            endDate: addDays(limitOf(birthDate), pastLimit),
            ...(treatmentBefore18 === null ? {} : { treatmentStartDate: addDays(adulthood, -treatmentBefore18) }),
          });
          const found = closedPlacementLawErrors(placement, birthDate, 'p').map((e) => `${e.path} ${e.code}`);
          expect(found).toContain('p.endDate closed-care-past-limit');
        },
      ),
    );
  });

  it('a closed placement starting on or after the 18th birthday is never lawful', () => {
    fc.assert(
      fc.property(birthDateArb, fc.integer({ min: 0, max: 2 * 365 }), (birthDate, after) => {
        const placement = closedFrom(addDays(legalBirthday(birthDate, 18), after), {});
        const found = closedPlacementLawErrors(placement, birthDate, 'p').map((e) => e.code);
        expect(found).toContain('closed-care-starts-after-18');
      }),
    );
  });

  it('past 18 it is lawful exactly when treatment started before 18 and its last day lies before the limit', () => {
    fc.assert(
      fc.property(
        birthDateArb,
        fc.integer({ min: 1, max: 3 * 365 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: -200, max: 200 }),
        (birthDate, startBefore18, endAfter18, treatmentFrom18) => {
          const adulthood = legalBirthday(birthDate, 18);
          const endDate = addDays(adulthood, endAfter18);
          const treatmentStartDate = addDays(adulthood, treatmentFrom18);
          const placement = closedFrom(addDays(adulthood, -startBefore18), { endDate, treatmentStartDate });
          const lawful = treatmentFrom18 < 0 && dayNumber(endDate) < dayNumber(limitOf(birthDate));
          expect(closedPlacementLawErrors(placement, birthDate, 'p').length === 0).toBe(lawful);
        },
      ),
    );
  });
});

describe('durations per subtype, over generated dates', () => {
  const subtypeArb = fc.constantFrom(
    {
      type: 'closed-care-authorisation' as const,
      subtype: 'normal' as const,
      latest: (d: string) => legalBirthday(d, 1),
    },
    {
      type: 'closed-care-authorisation' as const,
      subtype: 'conditional' as const,
      latest: (d: string) => legalBirthday(d, 1),
    },
    {
      type: 'closed-care-authorisation' as const,
      subtype: 'emergency' as const,
      latest: (d: string) => addDays(d, 28),
    },
    { type: 'custody-order' as const, subtype: 'normal' as const, latest: (d: string) => legalBirthday(d, 1) },
    { type: 'custody-order' as const, subtype: 'emergency' as const, latest: (d: string) => addDays(d, 28) },
  );
  it('a machtiging is lawful exactly when it ends on or before its legal maximum', () => {
    fc.assert(
      fc.property(
        subtypeArb,
        dateBetween('2020-01-01', '2035-12-31'),
        fc.integer({ min: 0, max: 800 }),
        ({ type, subtype, latest }, startDate, length) => {
          const endDate = addDays(startDate, length);
          const errors = courtMeasureLawErrors({ id: 'm', type, subtype, startDate, endDate }, 'm');
          const lawful = dayNumber(endDate) <= dayNumber(latest(startDate));
          expect(errors.map((e) => `${e.path} ${e.code}`)).toEqual(lawful ? [] : ['m.endDate exceeds-legal-maximum']);
        },
      ),
    );
  });
});

describe('transfers, over generated placement histories', () => {
  it('the quality signal counts breakdown, safety, absconding and unreasoned changes, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom(...CHANGE_REASONS)), { maxLength: 12 }), (reasons) => {
        const placements = reasons.map((changeReason, i) =>
          closedFrom('2026-01-01', { id: `p${i}`, ...(changeReason === null ? {} : { changeReason }) }),
        );
        const expected = reasons
          .slice(1)
          .filter((r) => r === null || r === 'breakdown' || r === 'safety' || r === 'absconded').length;
        expect(transfersByReason(placements).quality).toBe(expected);
      }),
    );
  });
});
