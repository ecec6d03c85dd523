import { addDuration, type EpochMs, legalAnniversary, type LocalDate, startOfLocalDay } from './calendar';
import { type IsoDuration, multiplyDuration, requireDuration, withoutYears } from './duration';
import { continuityOf } from './continuity-policy';
import { placementsOf } from './placements-policy';
import { plus } from './moment';
import type { SeriesPlan } from './series';
import { PRE_ADULTHOOD_KINDS } from './milestone-kind';
import type { DueRule, TimingPolicy } from './timing-policy';
import { currentStart, type Placement, type TrajectoryFacts } from './trajectory-facts';

/**
 * Which rules the schedule follows. `continuityAt18`: DOMAIN.md's "Continuity at 18" (issue 12). Without it, the rules
 * from before it, which histories recorded before it replay with (see docs/workflow.md).
 */
export interface ScheduleRules {
  readonly continuityAt18?: boolean;
  /** DOMAIN.md's "Placements and court measures that are lawful and legible" (issue 13). */
  readonly lawfulPlacements?: boolean;
}

/**
 * The moment someone born on `birthDate` reaches `age`. The years of the age go by legal birthdays (born on
 * 29 February: 1 March in a non-leap year), from the start of the birthday; the rest of the age is added after, so a
 * compressed age such as `PT18S` counts from the birth instant (the start of the birth date).
 */
export function birthdayAt(birthDate: LocalDate, age: IsoDuration, policy: TimingPolicy): EpochMs {
  const duration = requireDuration(age);
  const date = duration.years === 0 ? birthDate : legalAnniversary(birthDate, duration.sign * duration.years);
  return addDuration(startOfLocalDay(date, policy.timeZone), withoutYears(duration), policy.timeZone);
}

/** Every series the facts give rise to, before statuses. */
export function planSeries(facts: TrajectoryFacts, policy: TimingPolicy, rules: ScheduleRules = {}): SeriesPlan[] {
  const { milestones, ages } = policy;
  const zone = policy.timeZone;
  const dayStart = (date: LocalDate): EpochMs => startOfLocalDay(date, zone);
  const futurePlanAge = birthdayAt(facts.birthDate, ages.futurePlan, policy);
  const adulthood = birthdayAt(facts.birthDate, ages.adulthood, policy);
  const extendedCareEnd = birthdayAt(facts.birthDate, ages.extendedCareEnd, policy);
  const closedCareLimit = plus(adulthood, milestones['closed-care-limit'].limit, policy);

  const oneOff = (
    kind: SeriesPlan['kind'],
    seriesId: string,
    anchor: EpochMs,
    rule: { offset: IsoDuration; due: DueRule },
    placement?: Placement,
  ): SeriesPlan => ({
    kind,
    seriesId,
    momentOf: () => plus(anchor, rule.offset, policy),
    anchorOf: () => anchor,
    count: 1,
    due: rule.due,
    ...(placement ? { placement } : {}),
  });

  const continuity = rules.continuityAt18 === true;
  const plans: SeriesPlan[] = [
    oneOff('future-plan', 'future-plan', futurePlanAge, milestones['future-plan']),
    oneOff('adult-care-involvement', 'adult-care-involvement', adulthood, milestones['adult-care-involvement']),
    oneOff('transition-review', 'transition-review', adulthood, milestones['transition-review']),
    continuity
      ? handoverPlan(facts, policy, adulthood)
      : oneOff('handover', 'handover', adulthood, milestones.handover),
    oneOff('extended-care-end', 'extended-care-end', extendedCareEnd, milestones['extended-care-end']),
  ];
  if (continuity) plans.push(...continuityPlans(facts, policy, adulthood));

  const closedCareWarning = plus(closedCareLimit, milestones['closed-care-limit'].warning, policy);
  const closedPastWarning = facts.placements.some(
    (placement) =>
      placement.type === 'closed' &&
      dayStart(placement.startDate) <= closedCareLimit &&
      (placement.endDate === undefined || dayStart(placement.endDate) >= closedCareWarning),
  );
  // With lawful placements, a machtiging (overridden past the limit) that runs past the warning warns as well.
  const authorisationPastWarning =
    rules.lawfulPlacements === true &&
    [
      ...facts.placements.filter((p) => p.type === 'closed').map((p) => p.authorisationEndDate),
      ...facts.courtMeasures.filter((m) => m.type === 'closed-care-authorisation').map((m) => m.endDate),
    ].some((end) => end !== undefined && dayStart(end) > closedCareWarning);
  if (closedPastWarning || authorisationPastWarning) {
    const rule = milestones['closed-care-limit'];
    plans.push(
      oneOff('closed-care-limit', 'closed-care-limit', closedCareLimit, { offset: rule.warning, due: rule.due }),
    );
  }

  const interval = requireDuration(milestones['placement-evaluation'].interval);
  for (const placement of facts.placements) {
    const start = dayStart(placement.startDate);
    const bounds = [
      placement.endDate === undefined ? undefined : dayStart(placement.endDate),
      // Closed care ends at the latest at the limit after the 18th birthday, whatever end date was recorded.
      placement.type === 'closed' && start <= closedCareLimit ? closedCareLimit : undefined,
    ].filter((bound): bound is EpochMs => bound !== undefined);
    const momentOf = (k: number): EpochMs => addDuration(start, multiplyDuration(interval, k), zone);
    plans.push({
      kind: 'placement-evaluation',
      seriesId: `placement-evaluation:${placement.id}`,
      momentOf,
      anchorOf: momentOf,
      ...(bounds.length > 0 ? { until: Math.min(...bounds) } : {}),
      due: milestones['placement-evaluation'].due,
      placement,
    });
  }

  // Keyed by end date: an extended authorisation or OTS is a new deadline and warns again; two records of the same
  // deadline warn once.
  const authorisations = new Map<LocalDate, Placement | undefined>();
  for (const placement of facts.placements) {
    if (placement.authorisationEndDate === undefined) continue;
    const warning = plus(dayStart(placement.authorisationEndDate), milestones['authorisation-expiry'].offset, policy);
    const lastsUntilWarning = placement.endDate === undefined || dayStart(placement.endDate) >= warning;
    if (lastsUntilWarning && !authorisations.has(placement.authorisationEndDate)) {
      authorisations.set(placement.authorisationEndDate, placement);
    }
  }
  for (const measure of facts.courtMeasures) {
    if (measure.type === 'closed-care-authorisation' && !authorisations.has(measure.endDate)) {
      authorisations.set(measure.endDate, undefined);
    }
  }
  for (const [endDate, placement] of authorisations) {
    const id = `authorisation-expiry:${endDate}`;
    plans.push(oneOff('authorisation-expiry', id, dayStart(endDate), milestones['authorisation-expiry'], placement));
  }

  // With continuity an OTS ends on the 18th birthday whatever its end date: the warning counts from the earlier one.
  const otsEnds = new Set(facts.courtMeasures.filter((m) => m.type === 'ots').map((m) => m.endDate));
  for (const endDate of otsEnds) {
    const end = continuity ? Math.min(dayStart(endDate), adulthood) : dayStart(endDate);
    plans.push(oneOff('ots-expiry', `ots-expiry:${endDate}`, end, milestones['ots-expiry']));
  }

  if (rules.lawfulPlacements === true) plans.push(...lawfulPlacementPlans(facts, policy));

  if (facts.closure) {
    const closedAt = facts.closure.at ?? dayStart(facts.closure.date);
    const { offsets, due } = milestones['aftercare-check-in'];
    const momentOf = (k: number): EpochMs => plus(closedAt, offsets[k - 1], policy);
    plans.push({
      kind: 'aftercare-check-in',
      seriesId: 'aftercare-check-in',
      momentOf,
      anchorOf: momentOf,
      count: offsets.length,
      due,
    });
  }
  if (!continuity) return plans;
  // Registered (or reopened) at 18 or later: the road to 18 is past; what has not fired of it never does.
  const adultStart = currentStart(facts) >= adulthood;
  return plans.map((plan) =>
    adultStart && PRE_ADULTHOOD_KINDS.includes(plan.kind)
      ? { ...plan, suppressed: (k: number) => k === 1 || plan.suppressed?.(k) === true }
      : plan,
  );
}

/**
 * The handover with "Continuity at 18": occurrence 1 at 18 − 3 months unless the continuation decision keeps the
 * provider or she declines (to the decided new provider when it changes); occurrence 1 + n when the coordinator chose
 * the n-th receiver, at that moment, to that receiver. Every one that has not fired fires; each is due by the
 * handover's rule, and a due that has passed when it fires moves (see `lateDue`).
 */
function handoverPlan(facts: TrajectoryFacts, policy: TimingPolicy, adulthood: EpochMs): SeriesPlan {
  const rule = policy.milestones.handover;
  const decision = facts.continuation;
  const choices = facts.receiverChoices ?? [];
  const first = plus(adulthood, rule.offset, policy);
  return {
    kind: 'handover',
    seriesId: 'handover',
    momentOf: (k) => (k === 1 ? first : choices[k - 2].at),
    anchorOf: () => adulthood,
    count: 1 + choices.length,
    due: rule.due,
    everyPastFires: true,
    recordedMoment: (k) => k > 1,
    suppressed: (k) => k === 1 && decision !== undefined && decision.continuation !== 'new-provider',
    receivingOf: (k) =>
      k === 1
        ? decision?.continuation === 'new-provider'
          ? decision.providerOrganisationId
          : undefined
        : choices[k - 2].receivingOrganisationId,
  };
}

/** The continuity milestones: the decision and the administration before 18, and what recorded facts fire. */
function continuityPlans(facts: TrajectoryFacts, policy: TimingPolicy, adulthood: EpochMs): SeriesPlan[] {
  const c = continuityOf(policy);
  const recorded = (
    kind: SeriesPlan['kind'],
    moments: readonly EpochMs[],
    due: DueRule,
    anchor?: EpochMs,
  ): SeriesPlan => ({
    kind,
    seriesId: kind,
    momentOf: (k) => moments[k - 1],
    anchorOf: (k) => anchor ?? moments[k - 1],
    count: moments.length,
    due,
    everyPastFires: true,
    recordedMoment: () => true,
  });
  const ageBound = (kind: 'continuation-decision' | 'adulthood-admin'): SeriesPlan => ({
    kind,
    seriesId: kind,
    momentOf: () => plus(adulthood, c[kind].offset, policy),
    anchorOf: () => adulthood,
    count: 1,
    due: c[kind].due,
  });
  const decision = facts.continuation;
  const starts = [facts.startedOn, ...(facts.reopenings ?? []).map((r) => r.at)].filter((at) => at >= adulthood);
  return [
    ageBound('continuation-decision'),
    ageBound('adulthood-admin'),
    recorded(
      'indication-extension',
      decision?.continuation === 'same-provider' ? [decision.decidedAt] : [],
      c['indication-extension'].due,
      adulthood,
    ),
    recorded('safety-net', decision?.continuation === 'declined' ? [decision.decidedAt] : [], c['safety-net'].due),
    recorded(
      'find-receiver',
      (facts.handoverRejections ?? []).map((r) => r.at),
      c['find-receiver'].due,
    ),
    recorded('adult-intake', starts, c['adult-intake'].due),
  ];
}

/**
 * The milestones of lawful and legible placements: a custody order's expiry (keyed by end date, like the OTS); per
 * closed placement, the treatment task `offset` after its start unless treatment started by then or the placement
 * ended before; per missing episode, the task to police and coordinator when it was recorded, and the safety
 * assessment when she returned.
 */
function lawfulPlacementPlans(facts: TrajectoryFacts, policy: TimingPolicy): SeriesPlan[] {
  const p = placementsOf(policy);
  const zone = policy.timeZone;
  const plans: SeriesPlan[] = [];
  const custodyEnds = new Set(facts.courtMeasures.filter((m) => m.type === 'custody-order').map((m) => m.endDate));
  for (const endDate of custodyEnds) {
    const anchor = startOfLocalDay(endDate, zone);
    const rule = p['custody-order-expiry'];
    plans.push({
      kind: 'custody-order-expiry',
      seriesId: `custody-order-expiry:${endDate}`,
      momentOf: () => plus(anchor, rule.offset, policy),
      anchorOf: () => anchor,
      count: 1,
      due: rule.due,
    });
  }
  for (const placement of facts.placements) {
    if (placement.type !== 'closed') continue;
    const start = startOfLocalDay(placement.startDate, zone);
    const rule = p['treatment-start'];
    const fireAt = plus(start, rule.offset, policy);
    const treated =
      placement.treatmentStartDate !== undefined && startOfLocalDay(placement.treatmentStartDate, zone) <= fireAt;
    const ended = placement.endDate !== undefined && startOfLocalDay(placement.endDate, zone) < fireAt;
    plans.push({
      kind: 'treatment-start',
      seriesId: `treatment-start:${placement.id}`,
      momentOf: () => fireAt,
      anchorOf: () => start,
      count: 1,
      due: rule.due,
      placement,
      suppressed: () => treated || ended,
    });
  }
  const episodes = facts.missingEpisodes ?? [];
  for (const episode of episodes) {
    const recorded = (kind: 'missing-episode' | 'safety-assessment', at: EpochMs): SeriesPlan => ({
      kind,
      seriesId: `${kind}:${episode.id}`,
      momentOf: () => at,
      anchorOf: () => at,
      count: 1,
      due: p[kind].due,
      everyPastFires: true,
      recordedMoment: () => true,
    });
    plans.push(recorded('missing-episode', episode.recordedAt ?? episode.since));
    if (episode.returnedAt !== undefined) plans.push(recorded('safety-assessment', episode.returnedAt));
  }
  return plans;
}

/** The instant the trajectory closed, if it did: after it nothing but aftercare fires. */
export function closedAt(facts: TrajectoryFacts, policy: TimingPolicy): EpochMs | undefined {
  return facts.closure && (facts.closure.at ?? startOfLocalDay(facts.closure.date, policy.timeZone));
}
