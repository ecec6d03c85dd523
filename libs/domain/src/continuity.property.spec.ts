import fc from 'fast-check';
import { addDays, amsterdam, dateFromDayNumber, dayNumber, legalBirthday } from '../test/calendar-oracle';
import { COORDINATOR, PARTNER } from '../test/trajectory-facts.factory';
import { DEFAULT_POLICY } from './default-policy';
import type { ContinuationDecision } from './legal-basis';
import { PRE_ADULTHOOD_KINDS } from './milestone-kind';
import { PARTNER_ROLES } from './roles';
import { computeSchedule, occurrencesToFire, type ScheduledOccurrence } from './schedule';
import type { TrajectoryFacts } from './trajectory-facts';

const DAY = 86_400_000;
const rules = { continuityAt18: true } as const;

const dateBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateFromDayNumber);

// A quarter of the births on 29 February, whose legal birthday in a non-leap year is 1 March.
const birthDateArb = fc.oneof(
  { weight: 3, arbitrary: dateBetween('2000-01-01', '2016-12-31') },
  { weight: 1, arbitrary: fc.constantFrom('2000-02-29', '2004-02-29', '2008-02-29', '2012-02-29', '2016-02-29') },
);

const partnersArb = fc.subarray(PARTNER_ROLES.map((role) => PARTNER[role]));

interface Scenario {
  readonly facts: TrajectoryFacts;
  readonly now: number;
  readonly fired: ReadonlySet<string>;
}

/**
 * A trajectory registered some days around her birthdays, with a continuation decision, rejections and chosen receivers
 * recorded between registration and now, and some occurrences already fired.
 */
const scenarioArb = (options: { decision?: ContinuationDecision['continuation'][]; receivers?: boolean } = {}) =>
  fc
    .record({
      birthDate: birthDateArb,
      startAge: fc.integer({ min: 12 * 365, max: 22 * 365 }),
      elapsed: fc.integer({ min: 0, max: 6 * 365 }),
      minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      partners: partnersArb,
      continuation: fc.option(
        fc.constantFrom(...(options.decision ?? (['same-provider', 'new-provider', 'declined'] as const))),
        {
          nil: undefined,
        },
      ),
      decisionAt: fc.double({ min: 0, max: 1, noNaN: true }),
      rejections: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
      receivers:
        options.receivers === false
          ? fc.constant<number[]>([])
          : fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
      fired: fc.subarray(['handover:1', 'transition-review:1', 'future-plan:1', 'adult-intake:1', 'find-receiver:1']),
      placement: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
    })
    .map((g): Scenario => {
      const started = amsterdam(addDays(g.birthDate, g.startAge), '00:00') + g.minutes * 60_000;
      const now = started + g.elapsed * DAY;
      const between = (fraction: number) => Math.round(started + fraction * (now - started));
      const facts: TrajectoryFacts = {
        birthDate: g.birthDate,
        startedOn: started,
        coordinatorOrganisationId: COORDINATOR,
        municipalityCode: 'GM0599',
        partners: g.partners,
        placements:
          g.placement === undefined
            ? []
            : [
                {
                  id: 'PL-1',
                  type: 'ambulant',
                  startDate: addDays(g.birthDate, g.startAge),
                  providerOrganisationId: 'org-youth',
                  endDate: addDays(g.birthDate, g.startAge + g.placement),
                },
              ],
        courtMeasures: [],
        pauses: [],
        ...(g.continuation === undefined
          ? {}
          : {
              continuation: {
                continuation: g.continuation,
                basis: g.continuation === 'declined' ? 'none' : 'verlengde-jeugdhulp',
                ...(g.continuation === 'declined' ? {} : { providerOrganisationId: 'org-next' }),
                decidedAt: between(g.decisionAt),
              },
            }),
        handoverRejections: g.rejections
          .map((f) => ({ occurrenceKey: 'handover:1', at: between(f) }))
          .sort((a, b) => a.at - b.at),
        receiverChoices: g.receivers
          .map((f) => ({ receivingOrganisationId: 'org-chosen', at: between(f) }))
          .sort((a, b) => a.at - b.at),
      };
      return { facts, now, fired: new Set(g.fired) };
    });

const schedule = ({ facts, now, fired }: Scenario): ScheduledOccurrence[] =>
  computeSchedule(facts, DEFAULT_POLICY, now, fired, rules);
const firing = (o: ScheduledOccurrence) => o.status === 'late' || o.status === 'upcoming';

describe('Continuity at 18: properties', () => {
  it('fires no handover when the provider stays or she declines, unless a receiver is chosen', () => {
    fc.assert(
      fc.property(scenarioArb({ decision: ['same-provider', 'declined'], receivers: false }), (scenario) => {
        fc.pre(scenario.facts.continuation !== undefined);
        const handovers = schedule(scenario).filter((o) => o.kind === 'handover');
        expect(handovers.filter(firing)).toEqual([]);
        // And at any later moment neither.
        const later = { ...scenario, now: scenario.now + 400 * DAY };
        expect(occurrencesToFire(schedule(later), later.now).filter((o) => o.kind === 'handover')).toEqual([]);
      }),
    );
  });

  it('fires none of the pre-18 kinds for a registration on or after the 18th birthday', () => {
    fc.assert(
      fc.property(scenarioArb({ receivers: false }), (scenario) => {
        const adult = amsterdam(legalBirthday(scenario.facts.birthDate, 18), '00:00');
        fc.pre(scenario.facts.startedOn >= adult);
        const pre18 = schedule(scenario).filter((o) => PRE_ADULTHOOD_KINDS.includes(o.kind) && firing(o));
        expect(pre18).toEqual([]);
        const intake = schedule(scenario).filter((o) => o.kind === 'adult-intake');
        expect(intake).toHaveLength(1);
      }),
    );
  });

  it('never makes an occurrence due before the moment it fires', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        for (const o of schedule(scenario)) {
          if (o.status === 'late') expect(o.dueAt).toBeGreaterThanOrEqual(scenario.now);
          if (o.status === 'upcoming') expect(o.dueAt).toBeGreaterThanOrEqual(o.fireAt);
        }
      }),
    );
  });

  it('fires a find-receiver task for every rejection and a handover for every chosen receiver, each once', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const sut = schedule(scenario);
        const rejections = scenario.facts.handoverRejections ?? [];
        expect(sut.filter((o) => o.kind === 'find-receiver')).toHaveLength(rejections.length);
        const chosen = sut.filter((o) => o.kind === 'handover' && o.occurrence > 1);
        expect(chosen.map((o) => o.receivingOrganisationId)).toEqual(
          (scenario.facts.receiverChoices ?? []).map(() => 'org-chosen'),
        );
        expect(new Set(sut.map((o) => o.key)).size).toBe(sut.length);
      }),
    );
  });
});
