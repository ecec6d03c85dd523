import fc from 'fast-check';
import {
  addDays,
  addMonths,
  amsterdam,
  amsterdamWallClock,
  dateFromDayNumber,
  dayNumber,
  legalBirthday,
} from '../test/calendar-oracle';
import { aTrajectory, COORDINATOR } from '../test/trajectory-facts.factory';
import { compressPolicy } from './compress-policy';
import { DEFAULT_POLICY } from './default-policy';
import { AGE_DRIVEN_KINDS, isPolicyMilestoneKind, type MilestoneKind } from './milestone-kind';
import { PARTNER_ROLES, PLACEMENT_TYPES, COURT_MEASURE_TYPES } from './roles';
import { computeSchedule, occurrencesToFire, type ScheduledOccurrence } from './schedule';
import type { CourtMeasure, Partner, Placement, TrajectoryFacts } from './trajectory-facts';

const DAY = 86_400_000;

const dateBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateFromDayNumber);

// Midnight plus elapsed minutes, not a wall-clock time: 02:xx does not exist in Amsterdam on the spring DST Sunday.
const instantBetween = (from: string, to: string): fc.Arbitrary<number> =>
  fc
    .tuple(dateBetween(from, to), fc.integer({ min: 0, max: 23 * 60 + 59 }))
    .map(([date, minutes]) => amsterdam(date, '00:00') + minutes * 60_000);

// Uniform dates almost never land on 29 February (6 of 8,000 days): a quarter of the births are leap days, whose legal
// birthday in a non-leap year is 1 March.
const LEAP_DAY_BIRTHS = ['1996-02-29', '2000-02-29', '2004-02-29', '2008-02-29', '2012-02-29', '2016-02-29'];
const birthDateArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: dateBetween('1995-01-01', '2016-12-31') },
  { weight: 1, arbitrary: fc.constantFrom(...LEAP_DAY_BIRTHS) },
);

const placementArb: fc.Arbitrary<Omit<Placement, 'id'>> = fc
  .record({
    type: fc.constantFrom(...PLACEMENT_TYPES),
    startDate: dateBetween('2008-01-01', '2034-12-31'),
    days: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
    authorisationDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    provider: fc.constantFrom('org-care-1', 'org-care-2', 'org-care-3'),
  })
  .map(({ type, startDate, days, authorisationDays, provider }) => ({
    type,
    startDate,
    providerOrganisationId: provider,
    ...(days === undefined ? {} : { endDate: addDays(startDate, days) }),
    ...(type === 'closed' && authorisationDays !== undefined
      ? { authorisationEndDate: addDays(startDate, authorisationDays) }
      : {}),
  }));

const measureArb: fc.Arbitrary<Omit<CourtMeasure, 'id'>> = fc
  .record({
    type: fc.constantFrom(...COURT_MEASURE_TYPES),
    startDate: dateBetween('2008-01-01', '2034-12-31'),
    days: fc.integer({ min: 0, max: 800 }),
  })
  .map(({ type, startDate, days }) => ({ type, startDate, endDate: addDays(startDate, days) }));

const partnersArb: fc.Arbitrary<Partner[]> = fc.subarray(
  PARTNER_ROLES.flatMap((role) => [
    { organisationId: `org-${role}`, role },
    { organisationId: `org-${role}-2`, role },
  ]),
);

interface Scenario {
  readonly facts: TrajectoryFacts;
  readonly now: number;
}

/** Pauses that were resumed before now, `[days before now it began, days it lasted]`, oldest first. */
const resumedPausesArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 120 })), { maxLength: 3 })
  .map((gaps) => gaps.map(([gap, length]) => ({ gap, length })));

interface ScenarioOptions {
  /** `never`: no closure; `always`: a closure on a day between 2022 and 2032; by default sometimes. */
  closure?: 'never' | 'always';
  closedPlacements?: boolean;
  /** At least one placement, the first running three months or more: its evaluations are there to check. */
  evaluatedPlacement?: boolean;
}

const scenarioArb = (options: ScenarioOptions = {}): fc.Arbitrary<Scenario> =>
  fc
    .record({
      birthDate: birthDateArb,
      placements: fc.array(placementArb, { minLength: options.evaluatedPlacement ? 1 : 0, maxLength: 3 }),
      firstPlacementDays: fc.option(fc.integer({ min: 92, max: 1500 }), { nil: undefined }),
      courtMeasures: fc.array(measureArb, { maxLength: 3 }),
      partners: partnersArb,
      closureDays:
        options.closure === 'always'
          ? fc.integer({ min: 0, max: 4000 })
          : fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
      resumedPauses: resumedPausesArb,
      now: instantBetween('2022-01-01', '2036-12-31'),
    })
    .map(({ birthDate, placements, firstPlacementDays, courtMeasures, partners, closureDays, resumedPauses, now }) => {
      const closureDate =
        options.closure === 'never' || closureDays === undefined ? undefined : addDays('2022-01-01', closureDays);
      if (options.evaluatedPlacement) {
        const [first, ...rest] = placements;
        const evaluated: Omit<Placement, 'id'> = {
          type: first.type,
          startDate: first.startDate,
          providerOrganisationId: first.providerOrganisationId,
          ...(first.authorisationEndDate === undefined ? {} : { authorisationEndDate: first.authorisationEndDate }),
          ...(firstPlacementDays === undefined ? {} : { endDate: addDays(first.startDate, firstPlacementDays) }),
        };
        placements = [evaluated, ...rest];
      }
      // Laid back from now: each pause ends `gap` days before the next one begins (the last one before now).
      let end = now;
      const pauses = [...resumedPauses].reverse().map(({ gap, length }) => {
        const to = end - gap * DAY;
        end = to - length * DAY;
        return { from: end, to };
      });
      const facts: TrajectoryFacts = {
        birthDate,
        startedOn: now,
        coordinatorOrganisationId: COORDINATOR,
        municipalityCode: 'GM0599',
        partners,
        placements: placements.map((placement, index) => ({
          ...placement,
          id: `PL-${index}`,
          ...(options.closedPlacements === false && placement.type === 'closed'
            ? { type: 'open-residential' as const, authorisationEndDate: undefined }
            : {}),
        })),
        courtMeasures: courtMeasures.map((measure, index) => ({ ...measure, id: `CM-${index}` })),
        pauses: pauses.reverse(),
        ...(closureDate === undefined ? {} : { closure: { date: closureDate } }),
      };
      return { facts, now };
    });

const schedule = ({ facts, now }: Scenario, fired: ReadonlySet<string> = new Set()): ScheduledOccurrence[] =>
  computeSchedule(facts, DEFAULT_POLICY, now, fired);

const isAgeDriven = (kind: MilestoneKind): boolean => AGE_DRIVEN_KINDS.includes(kind);

describe('computeSchedule properties', () => {
  it('puts every placement evaluation on start + 3k calendar months, at 09:00, within the placement', () => {
    fc.assert(
      fc.property(scenarioArb({ closure: 'never', evaluatedPlacement: true }), (scenario) => {
        const evaluations = schedule(scenario).filter((o) => o.kind === 'placement-evaluation');
        // A closed placement ends at the closed-care limit, which may come within three months of its start.
        fc.pre(evaluations.length > 0);
        for (const occurrence of evaluations) {
          const placement = scenario.facts.placements.find((p) => p.id === occurrence.placementId);
          expect(placement).toBeDefined();
          if (!placement) return;
          expect(occurrence.fireDate).toBe(addMonths(placement.startDate, 3 * occurrence.occurrence));
          expect(amsterdamWallClock(occurrence.fireAt)).toBe(`${occurrence.fireDate} 09:00:00`);
          expect(occurrence.fireDate > placement.startDate).toBe(true);
          if (placement.endDate) expect(occurrence.fireDate <= placement.endDate).toBe(true);
        }
      }),
    );
  });

  it('moves every age-driven milestone on a birth-date correction, and nothing else', () => {
    fc.assert(
      fc.property(scenarioArb({ closure: 'never', closedPlacements: false }), birthDateArb, (scenario, corrected) => {
        const before = schedule(scenario);
        const after = schedule({ ...scenario, facts: { ...scenario.facts, birthDate: corrected } });
        const rest = (list: ScheduledOccurrence[]) =>
          list.filter((o) => !isAgeDriven(o.kind)).map((o) => [o.key, o.fireAt, o.status]);
        expect(rest(after)).toEqual(rest(before));
        const ageDriven = after.filter((o) => isAgeDriven(o.kind)).map((o) => [o.kind, o.fireDate]);
        expect(ageDriven).toEqual(
          expect.arrayContaining([
            ['future-plan', addMonths(legalBirthday(corrected, 16), 6)],
            ['adult-care-involvement', addMonths(legalBirthday(corrected, 18), -18)],
            ['transition-review', addMonths(legalBirthday(corrected, 18), -6)],
            ['handover', addMonths(legalBirthday(corrected, 18), -3)],
            ['extended-care-end', addMonths(legalBirthday(corrected, 23), -6)],
          ]),
        );
        expect(ageDriven).toHaveLength(5);
      }),
    );
  });

  it('leaves the fire moments of the other milestones alone on a birth-date correction, closed care included', () => {
    fc.assert(
      fc.property(scenarioArb(), birthDateArb, (scenario, corrected) => {
        const before = new Map(schedule(scenario).map((o) => [o.key, o]));
        for (const o of schedule({ ...scenario, facts: { ...scenario.facts, birthDate: corrected } })) {
          const earlier = before.get(o.key);
          if (earlier && !isAgeDriven(o.kind)) expect(o.fireAt).toBe(earlier.fireAt);
        }
      }),
    );
  });

  it('never lists a key twice, sorts by fire moment and gives statuses that agree with now', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.double({ min: 0, max: 1, noNaN: true }), (scenario, share) => {
        const firstPass = schedule(scenario);
        const fired = new Set(firstPass.filter((_, index) => index < firstPass.length * share).map((o) => o.key));
        const sut = schedule(scenario, fired);
        expect(new Set(sut.map((o) => o.key)).size).toBe(sut.length);
        sut.forEach((o, index) => {
          if (index > 0) expect(o.fireAt).toBeGreaterThanOrEqual(sut[index - 1].fireAt);
          expect(o.key).toBe(`${o.seriesId}:${o.occurrence}`);
          if (o.status === 'upcoming') expect(o.fireAt).toBeGreaterThanOrEqual(scenario.now);
          if (o.status === 'late' || o.status === 'missed') expect(o.fireAt).toBeLessThan(scenario.now);
          expect(o.status === 'fired').toBe(fired.has(o.key));
          expect(o.reminderAt).toBeLessThanOrEqual(Math.max(o.dueAt, o.status === 'late' ? scenario.now : o.fireAt));
          expect(o.directorListAt !== undefined).toBe(o.kind === 'handover' || o.kind === 'transition-review');
          expect(o.assignees.length).toBeGreaterThan(0);
          expect(new Set(o.assignees.map((a) => a.organisationId)).size).toBe(o.assignees.length);
        });
      }),
    );
  });

  it('fires at most one late occurrence per series', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const late = schedule(scenario).filter((o) => o.status === 'late');
        expect(new Set(late.map((o) => o.seriesId)).size).toBe(late.length);
      }),
    );
  });

  it('gives a late occurrence whose due counts from firing a due after now', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        for (const o of schedule(scenario).filter((x) => x.status === 'late')) {
          if (isPolicyMilestoneKind(o.kind) && DEFAULT_POLICY.milestones[o.kind].due.relativeTo === 'fire')
            expect(o.dueAt).toBeGreaterThan(scenario.now);
        }
      }),
    );
  });

  it('fires nothing after closure but aftercare', () => {
    fc.assert(
      fc.property(scenarioArb({ closure: 'always' }), (scenario) => {
        const { closure } = scenario.facts;
        if (!closure) throw new Error('the generator gives every scenario a closure');
        const closedAt = amsterdam(closure.date);
        for (const o of schedule(scenario)) {
          if (o.kind !== 'aftercare-check-in') {
            expect(o.fireAt).toBeLessThan(closedAt);
            if (scenario.now >= closedAt) expect(o.status).toBe('missed');
          }
        }
      }),
    );
  });

  it('never fires anything twice as time passes and the facts are corrected', () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 12 }),
        birthDateArb,
        (start, steps, correctionStep, corrected) => {
          const fired = new Set<string>();
          let facts = start.facts;
          let now = start.now;
          steps.forEach((days, step) => {
            if (step === correctionStep) facts = { ...facts, birthDate: corrected };
            const sut = computeSchedule(facts, DEFAULT_POLICY, now, fired);
            for (const o of sut) if (fired.has(o.key)) expect(o.status).toBe('fired');
            for (const o of occurrencesToFire(sut, now)) {
              expect(fired.has(o.key)).toBe(false);
              fired.add(o.key);
            }
            now += days * DAY;
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('does not move an occurrence when only now changes', () => {
    fc.assert(
      fc.property(scenarioArb(), instantBetween('2022-01-01', '2036-12-31'), (scenario, later) => {
        const first = new Map(schedule(scenario).map((o) => [o.key, o.fireAt]));
        for (const o of schedule({ ...scenario, now: later })) {
          const fireAt = first.get(o.key);
          if (fireAt !== undefined) expect(o.fireAt).toBe(fireAt);
        }
      }),
    );
  });

  it('moves and holds nothing for pauses resumed before now', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        fc.pre(scenario.facts.pauses.length > 0);
        const without = computeSchedule({ ...scenario.facts, pauses: [] }, DEFAULT_POLICY, scenario.now, new Set());
        expect(schedule(scenario)).toEqual(without);
      }),
    );
  });

  it('holds everything while paused, after pauses that were resumed', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: 400 }), (scenario, daysAgo) => {
        // The open pause begins after the last resumed one ended (they never overlap).
        const lastResumed = Math.max(...scenario.facts.pauses.map((p) => p.to ?? scenario.now), -Infinity);
        const from = Math.max(scenario.now - daysAgo * DAY, lastResumed);
        const facts = { ...scenario.facts, pauses: [...scenario.facts.pauses, { from }] };
        const sut = computeSchedule(facts, DEFAULT_POLICY, scenario.now, new Set());
        expect(occurrencesToFire(sut, scenario.now + 1000 * DAY)).toEqual([]);
        expect(sut.filter((o) => o.status === 'late' || o.status === 'upcoming').every((o) => o.onHold)).toBe(true);
      }),
    );
  });
});

describe('a compressed policy against the default', () => {
  // A day lasts 10 ms: the facts are the same relative to birth, only time runs faster.
  const msPerDay = 10;
  const compressed = compressPolicy(DEFAULT_POLICY, { msPerDay });
  const toleranceDays = 5; // average months against calendar months, legal birthdays, 09:00 against midnight

  it('keeps every age-driven and aftercare milestone at the same place relative to birth, so in the same order', () => {
    fc.assert(
      fc.property(
        birthDateArb,
        fc.option(fc.integer({ min: 15 * 365, max: 26 * 365 }), { nil: undefined }),
        fc.integer({ min: 10 * 365, max: 30 * 365 }),
        (birthDate, closureDay, nowDay) => {
          const born = amsterdam(birthDate);
          const base = aTrajectory({ birthDate, startedOn: born });
          const real = computeSchedule(
            closureDay === undefined ? base : { ...base, closure: { date: addDays(birthDate, closureDay) } },
            DEFAULT_POLICY,
            born + nowDay * DAY,
            new Set(),
          );
          const fast = computeSchedule(
            closureDay === undefined
              ? base
              : { ...base, closure: { date: birthDate, at: born + closureDay * msPerDay } },
            compressed,
            born + nowDay * msPerDay,
            new Set(),
          );
          const realDays = new Map(real.map((o) => [o.key, (o.fireAt - born) / DAY]));
          const fastDays = new Map(fast.map((o) => [o.key, (o.fireAt - born) / msPerDay]));
          for (const [key, days] of fastDays) {
            const expected = realDays.get(key);
            if (expected === undefined) {
              // Only a milestone right at the closure can fall on different sides of it.
              expect(closureDay !== undefined && Math.abs(days - closureDay) <= toleranceDays).toBe(true);
            } else {
              expect(Math.abs(days - expected)).toBeLessThanOrEqual(toleranceDays);
            }
          }
          const order = (list: ScheduledOccurrence[]) => list.map((o) => o.key).filter((key) => fastDays.has(key));
          const separated = (a: string, b: string) =>
            Math.abs((realDays.get(a) ?? 0) - (realDays.get(b) ?? 0)) > 2 * toleranceDays;
          const realOrder = order(real).filter((key) => realDays.has(key));
          const fastOrder = order(fast).filter((key) => realDays.has(key));
          for (let i = 0; i < realOrder.length; i += 1) {
            for (let j = i + 1; j < realOrder.length; j += 1) {
              if (separated(realOrder[i], realOrder[j])) {
                expect(fastOrder.indexOf(realOrder[i])).toBeLessThan(fastOrder.indexOf(realOrder[j]));
              }
            }
          }
        },
      ),
    );
  });
});
