import fc from 'fast-check';
import { DEFAULT_POLICY, type EpochMs, localDateOf, type TrajectoryFacts } from '@doorloop/domain';
import { escalationKey } from './follow-up';
import { checkCompletion } from './task-records';
import {
  close,
  pause,
  recordMissingEpisode,
  recordReturn,
  resume as resumeFacts,
  type ChangeClock,
  type ChangeOutcome,
} from './trajectory-changes';
import {
  acknowledge,
  carry,
  caughtUp,
  change,
  complete,
  consolidate,
  escalate,
  extended,
  fire,
  followUpFor,
  initialState,
  nextStep,
  projected,
  projecting,
  resume,
  scheduled,
  snapshot,
  type Step,
  type TrajectoryState,
  type TrajectoryWorkflowInput,
  withContinuity,
  withLawfulPlacements,
} from './trajectory-state';

const DAY = 86_400_000;
const policy = DEFAULT_POLICY;
const zone = policy.timeZone;
// A fixed clock: the state machine reads no other. 15 years and 10 months after the birth date below; the placement's
// first evaluation (three months after its start) lies three days back.
const T0: EpochMs = Date.UTC(2027, 0, 4, 9);

const facts: TrajectoryFacts = {
  birthDate: '2011-03-15',
  startedOn: Date.UTC(2026, 9, 1, 9),
  coordinatorOrganisationId: 'org-coordinator',
  municipalityCode: 'GM9901',
  partners: [{ organisationId: 'org-police', role: 'police' }],
  placements: [{ id: 'P-1', type: 'closed', startDate: '2026-10-01', providerOrganisationId: 'org-care' }],
  courtMeasures: [],
  pauses: [],
};
const input: TrajectoryWorkflowInput = { trajectoryId: 'trajectory-1', facts, policy };

const clockAt = (now: EpochMs): ChangeClock => ({ now, zone });
function accepted(outcome: ChangeOutcome): TrajectoryFacts {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.errors)}`);
  return outcome.facts;
}

/**
 * Takes the steps the workflow's main loop would take at `now`, with every activity succeeding at once, until the loop
 * would sleep or end. Returns the state, that step, and the keys fired on the way.
 */
function settle(start: TrajectoryState, now: EpochMs): { state: TrajectoryState; rest: Step; fired: string[] } {
  let state = start;
  const fired: string[] = [];
  for (let turn = 0; turn < 1_000; turn += 1) {
    state = scheduled(state, now);
    const step = nextStep(state, now);
    switch (step.kind) {
      case 'fire':
        fired.push(step.occurrence.key);
        state = fire(state, step.occurrence, now);
        break;
      case 'consolidate':
        fired.push(step.occurrence.key);
        state = consolidate(state, step.occurrence, now);
        break;
      case 'escalate':
        state = escalate(state, step.escalation);
        break;
      case 'await-extension':
        state = extended(state);
        break;
      case 'project': {
        const at = state.revision;
        state = projected(projecting(caughtUp(state, now), now), at);
        break;
      }
      case 'end':
      case 'sleep':
        return { state: caughtUp(state, now), rest: step, fired };
    }
  }
  throw new Error('the loop never came to rest');
}

describe('initialState', () => {
  it('starts a new trajectory at revision 1 with nothing fired, its horizon now and its agenda still to project', () => {
    const state = initialState(input, T0, followUpFor(true));
    expect(state).toMatchObject({ revision: 1, horizon: T0, agendaStale: true, projectedRevision: 0, extending: 0 });
    expect([...state.fired]).toEqual([]);
  });

  it('takes up a carried state: its revision is projected when the agenda was', () => {
    const carried = { ...input, revision: 7, horizon: T0 - DAY, fired: ['future-plan:1'], agendaProjected: true };
    const state = initialState(carried, T0, followUpFor(true));
    expect(state).toMatchObject({ revision: 7, horizon: T0 - DAY, agendaStale: false, projectedRevision: 7 });
  });
});

describe('nextStep', () => {
  it('fires what is due one at a time (late: past when the schedule was computed), then projects, then sleeps', () => {
    let state = scheduled(initialState(input, T0, followUpFor(true)), T0);
    const first = nextStep(state, T0);
    expect(first).toMatchObject({ kind: 'fire', occurrence: { key: 'placement-evaluation:P-1:1', late: true } });
    if (first.kind !== 'fire') throw new Error('no fire');
    state = fire(state, first.occurrence, T0);
    expect(state.agendaStale).toBe(true);
    expect(nextStep(scheduled(state, T0), T0)).toEqual({ kind: 'project' });

    const { state: resting, rest } = settle(state, T0);
    expect(rest.kind).toBe('sleep');
    if (rest.kind !== 'sleep' || rest.until === undefined) throw new Error('no next moment');
    expect(rest.until).toBeGreaterThan(T0);
    expect(resting.agendaStale).toBe(false);
    // What comes due while the workflow sleeps fires on time.
    const woken = nextStep(scheduled(resting, rest.until), rest.until);
    expect(woken.kind === 'fire' || woken.kind === 'escalate').toBe(true);
    if (woken.kind === 'fire') expect(woken.occurrence.late).toBe(false);
  });

  it('fires a missing episode and the safety assessment after her return at once, not late (issue 13)', () => {
    // Recorded at 06:30 Amsterdam (the policy fires at 09:00): the tasks fire at the recording itself, not late.
    const { state: resting } = settle(withLawfulPlacements(initialState(input, T0, followUpFor(true))), T0);
    const missingAt = Date.UTC(2027, 0, 5, 5, 30);
    const episode = { id: 'E-1', since: missingAt - DAY, policeReportMade: true };
    let state = change(resting, accepted(recordMissingEpisode(resting.facts, episode, clockAt(missingAt))), missingAt);
    const missing = nextStep(scheduled(state, missingAt), missingAt);
    expect(missing).toMatchObject({ kind: 'fire', occurrence: { key: 'missing-episode:E-1:1', late: false } });
    if (missing.kind !== 'fire') throw new Error('no fire');
    expect(missing.occurrence.fireAt).toBe(missingAt);
    state = fire(state, missing.occurrence, missingAt);
    const returnedAt = missingAt + 3_600_000;
    state = change(state, accepted(recordReturn(state.facts, { episodeId: 'E-1' }, clockAt(returnedAt))), returnedAt);
    const safety = nextStep(scheduled(state, returnedAt + 5), returnedAt + 5);
    expect(safety).toMatchObject({ kind: 'fire', occurrence: { key: 'safety-assessment:E-1:1', late: false } });
  });

  it('fires nothing while a resume extends open tasks, and nothing time-driven while paused', () => {
    let state = initialState(input, T0, followUpFor(true));
    state = change(state, accepted(pause(state.facts, clockAt(T0))), T0);
    const paused = settle(state, T0);
    expect(paused.fired).toEqual([]);
    expect(paused.rest).toEqual({ kind: 'sleep', until: undefined });
    expect(snapshot(paused.state)).toMatchObject({ status: 'paused', nextFireAt: null, revision: 2 });

    const later = T0 + 10 * DAY;
    const resumed = resume(paused.state, accepted(resumeFacts(paused.state.facts, clockAt(later))), later);
    expect(resumed.extending).toBe(1);
    expect(nextStep(scheduled(resumed, later), later)).toEqual({ kind: 'await-extension' });
    const step = nextStep(scheduled(extended(resumed), later), later);
    // The evaluation that fell in the pause fires now, late.
    expect(step).toMatchObject({ kind: 'fire', occurrence: { key: 'placement-evaluation:P-1:1', late: true } });
  });

  it('ends a closed trajectory once its aftercare has fired, and fires nothing else after closure', () => {
    let { state } = settle(initialState(input, T0, followUpFor(false)), T0);
    const closedAt = T0 + DAY;
    state = change(
      state,
      accepted(close(state.facts, { date: localDateOf(closedAt, zone) }, clockAt(closedAt))),
      closedAt,
    );
    let now = closedAt;
    const after: string[] = [];
    for (let turn = 0; turn < 50; turn += 1) {
      const settled = settle(state, now);
      state = settled.state;
      after.push(...settled.fired);
      if (settled.rest.kind === 'end') break;
      if (settled.rest.kind !== 'sleep' || settled.rest.until === undefined) throw new Error('asleep for ever');
      now = settled.rest.until;
    }
    expect(nextStep(scheduled(state, now), now)).toEqual({ kind: 'end' });
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((key) => key.startsWith('aftercare-check-in:'))).toBe(true);
  });
});

describe('the follow-up patch, decided once', () => {
  const dueOf = (state: TrajectoryState, key: string): EpochMs => {
    const dueAt = state.assignments[key]?.dueAt;
    if (dueAt === undefined) throw new Error(`${key} is not tracked`);
    return dueAt;
  };

  it('following up: a fired task is tracked, reminded before due, escalated once and consolidated at due', () => {
    const { state } = settle(initialState(input, T0, followUpFor(true)), T0);
    const key = 'placement-evaluation:P-1:1';
    expect(state.assignments[key]).toMatchObject({ kind: 'placement-evaluation', firedAt: T0 });
    const dueAt = dueOf(state, key);

    const reminder = nextStep(scheduled(state, dueAt - 3 * DAY), dueAt - 3 * DAY);
    expect(reminder).toEqual({ kind: 'escalate', escalation: { occurrenceKey: key, stage: 'reminder' } });
    const reminded = settle(state, dueAt - 3 * DAY).state;
    expect(reminded.escalated.has(escalationKey({ occurrenceKey: key, stage: 'reminder' }))).toBe(true);
    expect(nextStep(scheduled(reminded, dueAt - 3 * DAY), dueAt - 3 * DAY).kind).toBe('sleep');

    const atDue = nextStep(scheduled(reminded, dueAt), dueAt);
    expect(atDue).toMatchObject({ kind: 'consolidate', occurrence: { key: `${key}/consolidation` } });
  });

  it('not following up (a run from before the patch): no tracking, no follow-up step, no extension of due moments', () => {
    const { state } = settle(initialState(input, T0, followUpFor(false)), T0);
    const key = 'placement-evaluation:P-1:1';
    expect(state.assignments[key]).toEqual({ organisations: ['org-care', 'org-police'] });
    for (const days of [10, 14, 60]) {
      const step = nextStep(scheduled(state, T0 + days * DAY), T0 + days * DAY);
      expect(['fire', 'project', 'sleep']).toContain(step.kind);
    }
    const paused = change(state, accepted(pause(state.facts, clockAt(T0))), T0);
    const later = T0 + 5 * DAY;
    const resumed = resume(paused, accepted(resumeFacts(paused.facts, clockAt(later))), later);
    expect(resumed.assignments).toEqual(state.assignments);
  });

  it('following up, a resume moves the due moment of an open task by the pause', () => {
    const { state } = settle(initialState(input, T0, followUpFor(true)), T0);
    const key = 'placement-evaluation:P-1:1';
    const paused = change(state, accepted(pause(state.facts, clockAt(T0 + DAY))), T0 + DAY);
    const later = T0 + 6 * DAY;
    const resumed = resume(paused, accepted(resumeFacts(paused.facts, clockAt(later))), later);
    expect(dueOf(resumed, key)).toBeGreaterThan(dueOf(state, key));
  });
});

describe('task records', () => {
  it('a completion is recorded at a new revision and leaves the agenda alone', () => {
    const { state } = settle(initialState(input, T0, followUpFor(true)), T0);
    const record = { occurrenceKey: 'placement-evaluation:P-1:1', organisationId: 'org-police' };
    expect(checkCompletion(state, record)).toEqual({ ok: true, repeat: false });
    const after = complete(state, record, T0 + DAY);
    expect(after.revision).toBe(state.revision + 1);
    expect(after.completed).toEqual([{ ...record, at: T0 + DAY }]);
    expect(after.agendaStale).toBe(false);
    expect(checkCompletion(after, record)).toEqual({ ok: true, repeat: true });
  });
});

describe('Continuity at 18 in the state', () => {
  const handover = {
    key: 'handover:1',
    kind: 'handover' as const,
    occurrence: 1,
    fireAt: T0,
    dueAt: T0 + 30 * DAY,
    late: false,
    assignees: [
      { organisationId: 'org-care', role: 'youth-care' as const },
      { organisationId: 'org-adult', role: 'adult-care' as const },
    ],
    sendingOrganisationId: 'org-care',
    receivingOrganisationId: 'org-adult',
  };
  const rejection = { occurrenceKey: 'handover:1', organisationId: 'org-adult', accepted: false };

  it('a rejection under the new rules is a fact: the agenda is recomputed and a find-receiver task fires', () => {
    const base = settle(withContinuity(initialState(input, T0, followUpFor(true))), T0).state;
    const after = acknowledge(settle(fire(base, handover, T0), T0).state, rejection, T0 + DAY);
    expect(after.facts.handoverRejections).toEqual([{ occurrenceKey: 'handover:1', at: T0 + DAY }]);
    expect(after.agendaStale).toBe(true);
    expect(settle(after, T0 + DAY).fired).toContain('find-receiver:1');
  });

  it('a rejection under the old rules is only a record, and the old rules fire no continuity kind', () => {
    const base = settle(initialState(input, T0, followUpFor(true)), T0).state;
    const after = acknowledge(settle(fire(base, handover, T0), T0).state, rejection, T0 + DAY);
    expect(after.facts.handoverRejections).toBeUndefined();
    expect(after.agendaStale).toBe(false);
    expect(scheduled(after, T0 + 400 * DAY).schedule.map((o) => o.kind)).not.toContain('continuation-decision');
  });

  it('the new rules are carried across continue-as-new, and only when on', () => {
    const on = withContinuity(initialState(input, T0, followUpFor(true)));
    expect(carry(on).continuityAt18).toBe(true);
    expect(initialState(carry(on), T0, followUpFor(true)).continuity).toBe(true);
    expect('continuityAt18' in carry(initialState(input, T0, followUpFor(true)))).toBe(false);
  });
});

/** What a client or time can do to a running trajectory, in any order. */
type Operation =
  | { readonly op: 'wait'; readonly days: number }
  /** A pause resumed `days` later: on their own, a pause and a resume rarely meet in that order with time between. */
  | { readonly op: 'pause-for'; readonly days: number }
  | { readonly op: 'pause' | 'resume' | 'close' | 'continue-as-new' }
  | { readonly op: 'complete'; readonly pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ op: fc.constant('pause-for' as const), days: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ op: fc.constantFrom('pause' as const, 'resume' as const, 'close' as const, 'continue-as-new' as const) }),
  fc.record({ op: fc.constant('complete' as const), pick: fc.nat() }),
);

/** A pause resumed later is a pause, a wait and a resume. */
function steps(operations: readonly Operation[]): Exclude<Operation, { op: 'pause-for' }>[] {
  return operations.flatMap((operation) =>
    operation.op === 'pause-for'
      ? [{ op: 'pause' as const }, { op: 'wait' as const, days: operation.days }, { op: 'resume' as const }]
      : [operation],
  );
}

/** Applies one operation at `now` as the workflow's handlers would; a refused change changes nothing. */
function apply(
  state: TrajectoryState,
  operation: Exclude<Operation, { op: 'pause-for' }>,
  now: EpochMs,
): TrajectoryState {
  const clock = clockAt(now);
  switch (operation.op) {
    case 'wait':
      return state;
    case 'pause': {
      const outcome = pause(state.facts, clock);
      return outcome.ok ? change(state, outcome.facts, now) : state;
    }
    case 'resume': {
      const outcome = resumeFacts(state.facts, clock);
      return outcome.ok ? resume(state, outcome.facts, now) : state;
    }
    case 'close': {
      const outcome = close(state.facts, { date: localDateOf(now, zone) }, clock);
      return outcome.ok ? change(state, outcome.facts, now) : state;
    }
    case 'continue-as-new':
      return initialState(carry(state), now, state.followUp);
    case 'complete': {
      const keys = Object.keys(state.assignments);
      if (keys.length === 0) return state;
      const key = keys[operation.pick % keys.length];
      const organisations = state.assignments[key].organisations;
      const record = { occurrenceKey: key, organisationId: organisations[operation.pick % organisations.length] };
      const outcome = checkCompletion(state, record);
      return outcome.ok && !outcome.repeat ? complete(state, record, now) : state;
    }
  }
}

describe('properties of the state machine', () => {
  const scenario = fc.record({ following: fc.boolean(), operations: fc.array(operation, { maxLength: 25 }) });

  it('whatever happens, in whatever order, across continue-as-new: no occurrence fires twice', () => {
    fc.assert(
      fc.property(scenario, ({ following, operations }) => {
        let state = initialState(input, T0, followUpFor(following));
        let now = T0;
        const fired: string[] = [];
        for (const operation of steps(operations)) {
          if (operation.op === 'wait') now += operation.days * DAY;
          state = apply(state, operation, now);
          const settled = settle(state, now);
          state = settled.state;
          fired.push(...settled.fired);
        }
        expect(new Set(fired).size).toBe(fired.length);
        expect([...state.fired]).toEqual(expect.arrayContaining(fired));
      }),
      { numRuns: 60 },
    );
  });

  it('the carried state round-trips: a run taken up from it carries on exactly what it was given', () => {
    fc.assert(
      fc.property(scenario, ({ following, operations }) => {
        let state = initialState(input, T0, followUpFor(following));
        let now = T0;
        for (const operation of steps(operations)) {
          if (operation.op === 'wait') now += operation.days * DAY;
          state = settle(apply(state, operation, now), now).state;
        }
        const carried = carry(state);
        const next = initialState(carried, now + DAY, state.followUp);
        expect(carry(next)).toEqual(carried);
        expect(snapshot(scheduled(next, now))).toEqual(snapshot(scheduled(state, now)));
      }),
      { numRuns: 40 },
    );
  });
});
