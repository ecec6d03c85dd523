import {
  computeSchedule,
  countTransfers,
  type EpochMs,
  FIRES_AT_ONCE,
  nextFireAt,
  occurrencesToFire,
  openPauseAt,
  type EndedPause,
  type ScheduledOccurrence,
  type TimingPolicy,
  type TrajectoryFacts,
} from '@doorloop/domain';
import type { AgendaEntry, FiredOccurrence } from './activity-contract';
import {
  consolidationOccurrence,
  type Escalation,
  escalationKey,
  extendTrackedDue,
  followUpsDue,
  nextFollowUpAt,
} from './follow-up';
import type { AcknowledgementRecord, CompletionRecord, FiredAssignment, TaskBook } from './task-records';
import { statusOf } from './trajectory-changes';
import type { HandoverAcknowledgement, TaskCompletion } from './updates';

/**
 * The trajectory workflow's state, one record, and the transitions between its values. Pure: the workflow holds the
 * current value and replaces it (`state = fire(state, …)`) synchronously, so a handler running alongside the main
 * loop always builds on the latest value. What the workflow does with the activities (when it fires, projects,
 * sleeps) is decided by `nextStep`; see docs/workflow.md.
 */
export interface TrajectoryState extends TaskBook {
  readonly trajectoryId: string;
  readonly policy: TimingPolicy;
  /** As the input gave it (carried on unchanged); `maxEvents` applies the default and the minimum. */
  readonly maxEventsPerRun: number | undefined;
  readonly facts: TrajectoryFacts;
  /** The revision of `facts`; every accepted change and every new task record adds one. */
  readonly revision: number;
  /** Keys of occurrences that fired (consolidations included): nothing fires twice. */
  readonly fired: ReadonlySet<string>;
  /** Escalations already sent (`<occurrence key>#<stage>`). */
  readonly escalated: ReadonlySet<string>;
  /**
   * Occurrences whose moment lay before it were already past when a schedule was computed (or the facts changed): they
   * fire *late*. Those that pass while the workflow sleeps fire on time.
   */
  readonly horizon: EpochMs;
  /** Whether this run follows fired tasks up (escalation, consolidation): decided once, by the patch. */
  readonly followUp: FollowUp;
  /**
   * Whether the schedule follows "Continuity at 18" (`CONTINUITY_PATCH`): from the first recalculation after the
   * patch on, and for good (carried across continue-as-new).
   */
  readonly continuity: boolean;
  /**
   * Whether the schedule follows "Placements and court measures that are lawful and legible" (`LAWFUL_PLACEMENTS_PATCH`,
   * issue 13): as `continuity`, from the first recalculation after the patch on, and for good.
   */
  readonly lawfulPlacements: boolean;
  /** The schedule last computed (for the next moment, and the `state` query). */
  readonly schedule: readonly ScheduledOccurrence[];
  /** The agenda in PostgreSQL is not the one the facts and `fired` give. */
  readonly agendaStale: boolean;
  /** The latest revision whose agenda is projected: a change's handler answers once it reaches its revision. */
  readonly projectedRevision: number;
  /** Resumes whose extension of open tasks is being written: meanwhile nothing fires, nor a follow-up. */
  readonly extending: number;
  /** A task record was written since the loop went to sleep: the history grew, so the loop looks at its bound. */
  readonly recorded: boolean;
}

/** The workflow's input: a new trajectory's facts and policy, or the state a run carries into the next. */
export interface TrajectoryWorkflowInput {
  trajectoryId: string;
  facts: TrajectoryFacts;
  policy: TimingPolicy;
  /** Keys of occurrences that already fired; carried across continue-as-new so nothing fires twice. */
  fired?: string[];
  /** The moment up to which the previous run had computed its schedule (see `horizon`). */
  horizon?: number;
  /** Events per run before continuing as new; far below Temporal's own suggestion (4,096). At least 40. */
  maxEventsPerRun?: number;
  /** The revision of `facts`; 1 when absent (a new trajectory). Every accepted change adds one. */
  revision?: number;
  /** True when `facts` at `revision` are already in PostgreSQL (set by continue-as-new). */
  factsRecorded?: boolean;
  /** True when the agenda in PostgreSQL is the one these facts and `fired` give (set by continue-as-new). */
  agendaProjected?: boolean;
  /** Who got the tasks of each fired occurrence (key → organisations). */
  assignments?: Record<string, FiredAssignment>;
  completed?: CompletionRecord[];
  acknowledged?: AcknowledgementRecord[];
  /** Escalations already sent (`<occurrence key>#<stage>`). */
  escalated?: string[];
  /** True once the run follows "Continuity at 18"; absent in runs from before it. */
  continuityAt18?: boolean;
  /** True once the run follows the lawful-placements rules (issue 13); absent in runs from before them. */
  lawfulPlacements?: boolean;
}

/** What the `state` query returns: for tests and operators, never read on a hot path. */
export interface TrajectorySnapshot {
  trajectoryId: string;
  facts: TrajectoryFacts;
  policyVersion: string;
  fired: string[];
  nextFireAt: number | null;
  revision: number;
  status: 'active' | 'paused' | 'closed';
  /** Placements minus one: every change of placement is a transfer. */
  transfers: number;
  completed: CompletionRecord[];
  acknowledged: AcknowledgementRecord[];
}

export const DEFAULT_MAX_EVENTS_PER_RUN = 2000;
/** Below this a run would continue as new before it got anything done. */
export const MIN_EVENTS_PER_RUN = 40;

/** What the main loop does next, decided from the state alone. */
export type Step =
  | { readonly kind: 'fire'; readonly occurrence: FiredOccurrence }
  | { readonly kind: 'await-extension' }
  | { readonly kind: 'consolidate'; readonly occurrence: FiredOccurrence }
  | { readonly kind: 'escalate'; readonly escalation: Escalation }
  | { readonly kind: 'project' }
  | { readonly kind: 'end' }
  | { readonly kind: 'sleep'; readonly until: EpochMs | undefined };

/**
 * Following fired tasks up, or not. Runs that started before follow-ups existed replay without them
 * (`FOLLOW_UP_PATCH`); the workflow picks one of the two once, and nothing else asks.
 */
export interface FollowUp {
  /** What a fired occurrence's assignment records so that it can be followed up. */
  tracking(occurrence: FiredOccurrence, now: EpochMs): Pick<FiredAssignment, 'kind' | 'firedAt' | 'dueAt'>;
  /** The follow-up due at `now`: a consolidation before an escalation. */
  due(state: TrajectoryState, now: EpochMs, paused: boolean): Step | undefined;
  /** The next moment a follow-up comes due. */
  nextAt(state: TrajectoryState, now: EpochMs, paused: boolean): EpochMs | undefined;
  /** The assignments after a pause ended: the due moments of open tasks move with it. */
  afterPause(state: TrajectoryState, pause: EndedPause): Readonly<Record<string, FiredAssignment>>;
}

const FOLLOWING_UP: FollowUp = {
  tracking: (occurrence, now) => ({ kind: occurrence.kind, firedAt: now, dueAt: occurrence.dueAt }),
  due(state, now, paused) {
    const { escalations, consolidations } = followUpsDue(state, state.escalated, state.policy, now, paused);
    if (consolidations.length > 0) {
      const { coordinatorOrganisationId } = state.facts;
      const occurrence = consolidationOccurrence(consolidations[0], coordinatorOrganisationId, state.policy, now);
      return { kind: 'consolidate', occurrence };
    }
    return escalations.length > 0 ? { kind: 'escalate', escalation: escalations[0] } : undefined;
  },
  nextAt: (state, now, paused) => nextFollowUpAt(state, state.escalated, state.policy, now, paused),
  afterPause: (state, pause) => extendTrackedDue(state, pause, state.policy),
};

const NOT_FOLLOWING_UP: FollowUp = {
  tracking: () => ({}),
  due: () => undefined,
  nextAt: () => undefined,
  afterPause: (state) => state.assignments,
};

/** The one place the follow-up patch is decided: `following` is `patched(FOLLOW_UP_PATCH)`. */
export function followUpFor(following: boolean): FollowUp {
  return following ? FOLLOWING_UP : NOT_FOLLOWING_UP;
}

/** The state a run starts with: a new trajectory's, or the one the previous run carried (`carry`). */
export function initialState(
  input: TrajectoryWorkflowInput,
  now: EpochMs,
  followUp: FollowUp,
  continuity = input.continuityAt18 === true,
  lawfulPlacements = input.lawfulPlacements === true,
): TrajectoryState {
  const revision = input.revision ?? 1;
  const projected = input.agendaProjected === true;
  return {
    trajectoryId: input.trajectoryId,
    policy: input.policy,
    maxEventsPerRun: input.maxEventsPerRun,
    facts: input.facts,
    revision,
    fired: new Set(input.fired ?? []),
    assignments: { ...input.assignments },
    completed: [...(input.completed ?? [])],
    acknowledged: [...(input.acknowledged ?? [])],
    escalated: new Set(input.escalated ?? []),
    horizon: input.horizon ?? now,
    followUp,
    continuity,
    lawfulPlacements,
    schedule: [],
    agendaStale: !projected,
    projectedRevision: projected ? revision : 0,
    extending: 0,
    recorded: false,
  };
}

/** The bound on this run's history. */
export function maxEvents(state: TrajectoryState): number {
  return Math.max(state.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN, MIN_EVENTS_PER_RUN);
}

/** The schedule at `now`. */
export function scheduled(state: TrajectoryState, now: EpochMs): TrajectoryState {
  const rules = { continuityAt18: state.continuity, lawfulPlacements: state.lawfulPlacements };
  return { ...state, schedule: computeSchedule(state.facts, state.policy, now, state.fired, rules) };
}

/**
 * The run follows "Continuity at 18" from now on: the agenda is recomputed with its rules. Facts recorded before it
 * (none of its own) stay as they are; what fired stays fired.
 */
export function withContinuity(state: TrajectoryState): TrajectoryState {
  return state.continuity ? state : { ...state, continuity: true, agendaStale: true };
}

/** The run follows the lawful-placements rules (issue 13) from now on: the agenda is recomputed with them. */
export function withLawfulPlacements(state: TrajectoryState): TrajectoryState {
  return state.lawfulPlacements ? state : { ...state, lawfulPlacements: true, agendaStale: true };
}

/**
 * The policy of the main loop, one step at a time: fire the first occurrence that is due (not while a resume's
 * extension is being written: a task fired now must keep its due); else the follow-up that is due; else project a
 * stale agenda; else, closed with nothing left to fire, end; else sleep until the next moment. `state.schedule` must be
 * the schedule at `now`.
 */
export function nextStep(state: TrajectoryState, now: EpochMs): Step {
  const due = occurrencesToFire(state.schedule, now);
  if (due.length > 0) {
    if (state.extending > 0) return { kind: 'await-extension' };
    // What a change records to fire at once (she went missing) is not late: the change is its moment.
    const late = due[0].fireAt <= state.horizon && !FIRES_AT_ONCE.includes(due[0].kind);
    return { kind: 'fire', occurrence: toFired(due[0], late) };
  }
  const paused = openPauseAt(state.facts.pauses, now) !== undefined;
  const followUp = state.extending === 0 ? state.followUp.due(state, now, paused) : undefined;
  if (followUp !== undefined) return followUp;
  if (state.agendaStale) return { kind: 'project' };
  const until = earliest(nextFireAt(state.schedule), state.followUp.nextAt(state, now, paused));
  return state.facts.closure && until === undefined ? { kind: 'end' } : { kind: 'sleep', until };
}

/** Nothing was due at `now`: what is past by now fires late when it becomes due (a resume, a correction). */
export function caughtUp(state: TrajectoryState, now: EpochMs): TrajectoryState {
  return { ...state, horizon: Math.max(state.horizon, now) };
}

/** An occurrence of the schedule fired at `now`: recorded, and the agenda shows it. */
export function fire(state: TrajectoryState, occurrence: FiredOccurrence, now: EpochMs): TrajectoryState {
  return { ...recordFired(state, occurrence, now), agendaStale: true };
}

/** A consolidation fired at `now`. It is no occurrence of the schedule: the agenda stays as it is. */
export function consolidate(state: TrajectoryState, occurrence: FiredOccurrence, now: EpochMs): TrajectoryState {
  return recordFired(state, occurrence, now);
}

/** An escalation was sent: never again. */
export function escalate(state: TrajectoryState, escalation: Escalation): TrajectoryState {
  return { ...state, escalated: new Set([...state.escalated, escalationKey(escalation)]) };
}

/** Accepted facts (any update that changes them: placement, court measure, …, pause, close) at `now`. */
export function change(state: TrajectoryState, facts: TrajectoryFacts, now: EpochMs): TrajectoryState {
  return {
    ...state,
    facts,
    revision: state.revision + 1,
    horizon: Math.max(state.horizon, now),
    agendaStale: true,
  };
}

/**
 * The facts with the running pause ended (`resume`'s), at `now`: a change whose open tasks are extended by the pause.
 * Until `extended`, nothing fires; the follow-ups' due moments move at once.
 */
export function resume(state: TrajectoryState, facts: TrajectoryFacts, now: EpochMs): TrajectoryState {
  const assignments = state.followUp.afterPause(state, endedPause(facts));
  return { ...change(state, facts, now), assignments, extending: state.extending + 1 };
}

/** The pause that a resume ended: the last one (only the last may run), now with its end. */
export function endedPause(facts: TrajectoryFacts): EndedPause {
  const last = facts.pauses[facts.pauses.length - 1];
  return { from: last.from, to: last.to ?? last.from };
}

/** A resume's extension of open tasks is written. */
export function extended(state: TrajectoryState): TrajectoryState {
  return { ...state, extending: state.extending - 1 };
}

/** A task of a fired occurrence was completed (checked by `checkCompletion`, not a repeat). */
export function complete(state: TrajectoryState, completion: TaskCompletion, now: EpochMs): TrajectoryState {
  const { occurrenceKey, organisationId } = completion;
  return {
    ...state,
    completed: [...state.completed, { occurrenceKey, organisationId, at: now }],
    revision: state.revision + 1,
  };
}

/**
 * The receiver answered a handover (checked by `checkAcknowledgement`, not a repeat). With "Continuity at 18" a
 * rejection is a fact of the schedule as well: a task to find a receiver fires.
 */
export function acknowledge(state: TrajectoryState, answer: HandoverAcknowledgement, now: EpochMs): TrajectoryState {
  const { occurrenceKey, organisationId, accepted } = answer;
  const record = { occurrenceKey, organisationId, accepted, at: now };
  const answered = { ...state, acknowledged: [...state.acknowledged, record], revision: state.revision + 1 };
  if (accepted || !state.continuity) return answered;
  const handoverRejections = [...(state.facts.handoverRejections ?? []), { occurrenceKey, at: now }];
  return {
    ...answered,
    facts: { ...state.facts, handoverRejections },
    horizon: Math.max(state.horizon, now),
    agendaStale: true,
  };
}

/** A task record's facts were written: the sleeping loop wakes to look at its bound. */
export function recorded(state: TrajectoryState): TrajectoryState {
  return { ...state, recorded: true };
}

/** The loop goes to sleep at `now`, caught up; a task record written from now on wakes it. */
export function sleeping(state: TrajectoryState, now: EpochMs): TrajectoryState {
  return { ...caughtUp(state, now), recorded: false };
}

/** The agenda of the facts and `fired` at `now`, about to be projected. */
export function projecting(state: TrajectoryState, now: EpochMs): TrajectoryState {
  return { ...scheduled(state, now), agendaStale: false };
}

/** The agenda of `revision` is in PostgreSQL. */
export function projected(state: TrajectoryState, revision: number): TrajectoryState {
  return { ...state, projectedRevision: Math.max(state.projectedRevision, revision) };
}

/**
 * The input of the next run. Called once every handler has finished: each waited for its facts to be recorded, so
 * they are; the agenda is projected unless a change since said otherwise.
 */
export function carry(state: TrajectoryState): TrajectoryWorkflowInput {
  return {
    trajectoryId: state.trajectoryId,
    facts: state.facts,
    policy: state.policy,
    fired: [...state.fired],
    horizon: state.horizon,
    maxEventsPerRun: state.maxEventsPerRun,
    revision: state.revision,
    factsRecorded: true,
    agendaProjected: !state.agendaStale,
    assignments: { ...state.assignments },
    completed: [...state.completed],
    acknowledged: [...state.acknowledged],
    escalated: [...state.escalated],
    ...(state.continuity ? { continuityAt18: true } : {}),
    ...(state.lawfulPlacements ? { lawfulPlacements: true } : {}),
  };
}

export function snapshot(state: TrajectoryState): TrajectorySnapshot {
  return {
    trajectoryId: state.trajectoryId,
    facts: state.facts,
    policyVersion: state.policy.version,
    fired: [...state.fired],
    nextFireAt: nextFireAt(state.schedule) ?? null,
    revision: state.revision,
    status: statusOf(state.facts),
    transfers: countTransfers(state.facts.placements),
    completed: [...state.completed],
    acknowledged: [...state.acknowledged],
  };
}

export function toAgendaEntry(occurrence: ScheduledOccurrence): AgendaEntry {
  const { key, kind, occurrence: number, fireAt, fireDate, dueAt, dueDate, status, assignees } = occurrence;
  return { key, kind, occurrence: number, fireAt, fireDate, dueAt, dueDate, status, assignees: [...assignees] };
}

function recordFired(state: TrajectoryState, occurrence: FiredOccurrence, now: EpochMs): TrajectoryState {
  const receiving = occurrence.receivingOrganisationId;
  const assignment: FiredAssignment = {
    organisations: occurrence.assignees.map((a) => a.organisationId),
    ...(receiving === undefined ? {} : { receiving }),
    ...state.followUp.tracking(occurrence, now),
  };
  return {
    ...state,
    fired: new Set([...state.fired, occurrence.key]),
    assignments: { ...state.assignments, [occurrence.key]: assignment },
  };
}

function toFired(occurrence: ScheduledOccurrence, late: boolean): FiredOccurrence {
  const { key, kind, occurrence: number, fireAt, dueAt, directorListAt, assignees } = occurrence;
  const { sendingOrganisationId: sending, receivingOrganisationId: receiving } = occurrence;
  return {
    key,
    kind,
    occurrence: number,
    fireAt,
    dueAt,
    late,
    assignees: [...assignees],
    ...(directorListAt === undefined ? {} : { directorListAt }),
    ...(sending === undefined ? {} : { sendingOrganisationId: sending }),
    ...(receiving === undefined ? {} : { receivingOrganisationId: receiving }),
  };
}

function earliest(...moments: (EpochMs | undefined)[]): EpochMs | undefined {
  const known = moments.filter((moment): moment is EpochMs => moment !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}
