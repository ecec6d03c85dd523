import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  type defineUpdate,
} from '@temporalio/workflow';
import {
  computeSchedule,
  countTransfers,
  type FieldError,
  nextFireAt,
  occurrencesToFire,
  openPauseAt,
  type ScheduledOccurrence,
  type TimingPolicy,
  type TrajectoryFacts,
} from '@doorloop/domain';
import type { AgendaEntry, FiredOccurrence, TrajectoryActivities } from './activity-contract';
import { consolidationOccurrence, escalationKey, extendTrackedDue, followUpsDue, nextFollowUpAt } from './follow-up';
import {
  type AcknowledgementRecord,
  checkAcknowledgement,
  checkCompletion,
  type CompletionRecord,
  type FiredAssignment,
  type RecordOutcome,
  type TaskBook,
} from './task-records';
import {
  changeMunicipality,
  changePlacement,
  type ChangeClock,
  type ChangeOutcome,
  close,
  correctBirthDate,
  partnerJoined,
  partnerLeft,
  pause,
  recordCourtMeasure,
  resume,
  statusOf,
} from './trajectory-changes';
import {
  changeMunicipalityUpdate,
  changePlacementUpdate,
  type ChangeResult,
  closeUpdate,
  correctBirthDateUpdate,
  handoverAcknowledgedUpdate,
  INVALID_CHANGE,
  partnerJoinedUpdate,
  partnerLeftUpdate,
  pauseUpdate,
  recordCourtMeasureUpdate,
  resumeUpdate,
  taskCompletedUpdate,
} from './updates';

type ChangeUpdate<Args extends unknown[]> = ReturnType<typeof defineUpdate<ChangeResult, Args>>;

export interface TrajectoryWorkflowInput {
  trajectoryId: string;
  facts: TrajectoryFacts;
  policy: TimingPolicy;
  /** Keys of occurrences that already fired; carried across continue-as-new so nothing fires twice. */
  fired?: string[];
  /** The moment up to which the previous run had computed its schedule (see `horizon` below). */
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
}

export interface TrajectoryState {
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

export const stateQuery = defineQuery<TrajectoryState>('state');

export const DEFAULT_MAX_EVENTS_PER_RUN = 2000;
/** Below this a run would continue as new before it got anything done. */
export const MIN_EVENTS_PER_RUN = 40;
/**
 * Events kept free below the bound when deciding whether to take another step: the step itself (an activity or a
 * timer with their workflow tasks: up to 8 events), one update arriving meanwhile (accepted, its activities, their
 * workflow tasks, completed: up to about 14) and the continue-as-new itself (2).
 */
export const EVENT_RESERVE = 24;

/**
 * Runs that started before follow-ups (escalation, consolidation) existed replay without them; see docs/workflow.md.
 */
export const FOLLOW_UP_PATCH = 'follow-up-escalation-consolidation';

const { fireOccurrence, projectAgenda, recordFacts, extendOpenTasks, notifyEscalation } =
  proxyActivities<TrajectoryActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  });

/**
 * One trajectory, for as long as it lasts. The workflow owns *when*: it computes the schedule from the facts with the
 * domain rules, projects it for the api, fires what is due through idempotent activities, and sleeps until the next
 * moment or until something changes. Changes arrive as updates (see updates.ts); each is validated against the facts
 * it would produce, applied, projected, and only then answered. Before its history grows long the run continues as
 * new, carrying its state. A closed trajectory runs on for aftercare and completes when nothing remains to fire.
 * See docs/workflow.md.
 */
export async function trajectoryWorkflow(input: TrajectoryWorkflowInput): Promise<void> {
  const { trajectoryId, policy } = input;
  const maxEvents = Math.max(input.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN, MIN_EVENTS_PER_RUN);
  let facts = input.facts;
  let revision = input.revision ?? 1;
  const fired = new Set(input.fired ?? []);
  const assignments: Record<string, FiredAssignment> = { ...input.assignments };
  const completed = [...(input.completed ?? [])];
  const acknowledged = [...(input.acknowledged ?? [])];
  const escalated = new Set(input.escalated ?? []);
  const followingUp = patched(FOLLOW_UP_PATCH);
  let schedule: ScheduledOccurrence[] = [];
  // Occurrences whose moment lay before `horizon` were already past when a schedule was computed (or the facts
  // changed): they fire *late*. Those that pass while the workflow sleeps fire on time.
  let horizon = input.horizon ?? Date.now();
  // The agenda projection lags the facts; handlers wait until `projectedRevision` reaches their revision.
  let agendaDirty = input.agendaProjected !== true;
  let projectedRevision = input.agendaProjected === true ? revision : 0;
  // While a pause's extension of open tasks is being written nothing fires, or a new task would be extended too.
  let extending = 0;
  // Set by task records, which change no agenda but do grow the history: the sleeping loop checks its bound again.
  let recorded = false;

  const clock = (): ChangeClock => ({ now: Date.now(), zone: policy.timeZone });
  const book = (): TaskBook => ({ fired, assignments, completed, acknowledged });
  const nearBound = (): boolean => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength + EVENT_RESERVE >= maxEvents;
  };

  setHandler(stateQuery, () => ({
    trajectoryId,
    facts,
    policyVersion: policy.version,
    fired: [...fired],
    nextFireAt: nextFireAt(schedule) ?? null,
    revision,
    status: statusOf(facts),
    transfers: countTransfers(facts.placements),
    completed: [...completed],
    acknowledged: [...acknowledged],
  }));

  /**
   * Applies an accepted change of facts and answers once the facts (and `alongside`, if given) and the agenda computed
   * from them are in PostgreSQL, so a client that reads after the update sees its effect.
   */
  async function applyFacts(next: TrajectoryFacts, alongside?: () => Promise<unknown>): Promise<ChangeResult> {
    facts = next;
    revision += 1;
    const mine = revision;
    horizon = Math.max(horizon, Date.now());
    agendaDirty = true;
    await Promise.all([
      recordFacts({ trajectoryId, facts: next, revision: mine, status: statusOf(next) }),
      alongside?.(),
    ]);
    await condition(() => projectedRevision >= mine);
    return { revision: mine };
  }

  /** Registers an update that changes the facts: the validator and the handler share `change`, so they agree. */
  function onFactChange<Change>(
    update: ChangeUpdate<[Change]>,
    change: (current: TrajectoryFacts, payload: NoInfer<Change>) => ChangeOutcome,
  ): void {
    setHandler(update, async (payload: Change) => applyFacts(accepted(change(facts, payload))), {
      validator: (payload: Change) => void accepted(change(facts, payload)),
    });
  }

  onFactChange(changePlacementUpdate, (current, change) => changePlacement(current, change, clock()));
  onFactChange(recordCourtMeasureUpdate, (current, change) => recordCourtMeasure(current, change, clock()));
  onFactChange(correctBirthDateUpdate, (current, change) => correctBirthDate(current, change, clock()));
  onFactChange(partnerJoinedUpdate, (current, change) => partnerJoined(current, change, clock()));
  onFactChange(partnerLeftUpdate, (current, change) => partnerLeft(current, change, clock()));
  onFactChange(changeMunicipalityUpdate, (current, change) => changeMunicipality(current, change, clock()));
  onFactChange(closeUpdate, (current, change) => close(current, change, clock()));

  setHandler(pauseUpdate, async () => applyFacts(accepted(pause(facts, clock()))), {
    validator: () => void accepted(pause(facts, clock())),
  });
  setHandler(
    resumeUpdate,
    async () => {
      const next = accepted(resume(facts, clock()));
      // The pause that ran is the last one (only the last may run); it now has its end.
      const last = next.pauses[next.pauses.length - 1];
      const ended = { from: last.from, to: last.to ?? last.from };
      // Nothing fires until the extension is written (a task fired now must keep its due); the handler itself waits
      // for the agenda after that, which the main loop projects only once it has fired what became due.
      extending += 1;
      if (followingUp) Object.assign(assignments, extendTrackedDue(book(), ended, policy));
      return applyFacts(next, async () => {
        try {
          await extendOpenTasks({ trajectoryId, pause: ended, policy });
        } finally {
          extending -= 1;
        }
      });
    },
    { validator: () => void accepted(resume(facts, clock())) },
  );

  /** Task records change no schedule: they are kept for consolidation and escalation, and bump the revision. */
  function onTaskRecord<Change>(
    update: ChangeUpdate<[Change]>,
    check: (change: NoInfer<Change>) => RecordOutcome,
    store: (change: NoInfer<Change>) => void,
  ): void {
    setHandler(
      update,
      async (change: Change) => {
        const outcome = check(change);
        if (!outcome.ok) throw refusal(outcome.errors);
        if (outcome.repeat) return { revision };
        store(change);
        revision += 1;
        const mine = revision;
        await recordFacts({ trajectoryId, facts, revision: mine, status: statusOf(facts) });
        recorded = true;
        return { revision: mine };
      },
      {
        validator: (change: Change) => {
          const outcome = check(change);
          if (!outcome.ok) throw refusal(outcome.errors);
        },
      },
    );
  }

  onTaskRecord(
    taskCompletedUpdate,
    (change) => checkCompletion(book(), change),
    ({ occurrenceKey, organisationId }) => {
      completed.push({ occurrenceKey, organisationId, at: Date.now() });
    },
  );
  onTaskRecord(
    handoverAcknowledgedUpdate,
    (change) => checkAcknowledgement(book(), change),
    ({ occurrenceKey, organisationId, accepted: answer }) => {
      acknowledged.push({ occurrenceKey, organisationId, accepted: answer, at: Date.now() });
    },
  );

  async function project(): Promise<void> {
    const at = revision;
    schedule = computeSchedule(facts, policy, Date.now(), fired);
    agendaDirty = false;
    await projectAgenda({ trajectoryId, entries: schedule.map(toAgendaEntry) });
    projectedRevision = Math.max(projectedRevision, at);
  }

  /**
   * Lets every running handler finish before the run ends. Handlers wait for the agenda of their revision, so it is
   * projected for them here; after the last one finishes nothing runs before the caller ends the run.
   */
  async function finishHandlers(): Promise<void> {
    while (!allHandlersFinished()) {
      if (agendaDirty) await project();
      else await condition(() => allHandlersFinished() || agendaDirty);
    }
  }

  if (input.factsRecorded !== true) {
    await recordFacts({ trajectoryId, facts, revision, status: statusOf(facts) });
  }

  for (;;) {
    if (nearBound()) {
      await finishHandlers();
      return continueAsNew<typeof trajectoryWorkflow>({
        trajectoryId,
        facts,
        policy,
        fired: [...fired],
        horizon,
        maxEventsPerRun: input.maxEventsPerRun,
        revision,
        // Every handler has finished, and each waited for its facts to be recorded.
        factsRecorded: true,
        agendaProjected: !agendaDirty,
        assignments,
        completed,
        acknowledged,
        escalated: [...escalated],
      });
    }
    const now = Date.now();
    schedule = computeSchedule(facts, policy, now, fired);
    const due = occurrencesToFire(schedule, now);
    if (due.length > 0) {
      if (extending > 0) {
        await condition(() => extending === 0);
        continue;
      }
      // One at a time, recomputing in between: a change (a pause) that arrives meanwhile takes effect at once.
      const occurrence = due[0];
      const firing = toFired(occurrence, occurrence.fireAt <= horizon);
      await fireOccurrence({ trajectoryId, occurrence: firing });
      fired.add(occurrence.key);
      assignments[occurrence.key] = {
        organisations: occurrence.assignees.map((a) => a.organisationId),
        ...(occurrence.receivingOrganisationId === undefined ? {} : { receiving: occurrence.receivingOrganisationId }),
        ...(followingUp ? { kind: firing.kind, firedAt: now, dueAt: firing.dueAt } : {}),
      };
      agendaDirty = true;
      continue;
    }
    const paused = openPauseAt(facts.pauses, now) !== undefined;
    if (followingUp && extending === 0) {
      const { escalations, consolidations } = followUpsDue(book(), escalated, policy, now, paused);
      if (consolidations.length > 0) {
        const consolidation = consolidationOccurrence(consolidations[0], facts.coordinatorOrganisationId, policy, now);
        await fireOccurrence({ trajectoryId, occurrence: consolidation });
        fired.add(consolidation.key);
        assignments[consolidation.key] = {
          organisations: consolidation.assignees.map((a) => a.organisationId),
          kind: consolidation.kind,
          firedAt: now,
          dueAt: consolidation.dueAt,
        };
        continue;
      }
      if (escalations.length > 0) {
        await notifyEscalation({ trajectoryId, ...escalations[0] });
        escalated.add(escalationKey(escalations[0]));
        continue;
      }
    }
    horizon = Math.max(horizon, now);
    if (agendaDirty) {
      await project();
      continue;
    }
    const next = earliest(
      nextFireAt(schedule),
      followingUp ? nextFollowUpAt(book(), escalated, policy, now, paused) : undefined,
    );
    if (facts.closure && next === undefined) {
      // Closed, aftercare done: nothing will ever fire again. A change that lands while handlers finish is looked at.
      const seen = revision;
      await finishHandlers();
      if (revision === seen && !agendaDirty) return;
      continue;
    }
    // Wake for a change, for a task record (history grew: look at the bound again) or at the next moment. Never wake on
    // workflowInfo() itself: a workflow task that only refused an update is in the history but not replayed.
    recorded = false;
    await condition(() => agendaDirty || recorded, next === undefined ? undefined : Math.max(next - now, 1));
  }
}

function earliest(...moments: (number | undefined)[]): number | undefined {
  const known = moments.filter((moment): moment is number => moment !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

function refusal(errors: FieldError[]): ApplicationFailure {
  const fields = [...new Set(errors.map((error) => error.path || 'change'))];
  return ApplicationFailure.create({
    type: INVALID_CHANGE,
    // A failure message is readable in Temporal unless the failure converter encodes it: name the fields, never their
    // values. The field errors travel in `details`, a payload, encrypted with the others.
    message: `The change was refused: ${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} not valid`,
    details: [errors],
    nonRetryable: true,
  });
}

/** The facts after an accepted change; a refused change throws the InvalidChange failure. */
function accepted(outcome: ChangeOutcome): TrajectoryFacts {
  if (!outcome.ok) throw refusal(outcome.errors);
  return outcome.facts;
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

function toAgendaEntry(occurrence: ScheduledOccurrence): AgendaEntry {
  const { key, kind, occurrence: number, fireAt, fireDate, dueAt, dueDate, status, assignees } = occurrence;
  return { key, kind, occurrence: number, fireAt, fireDate, dueAt, dueDate, status, assignees: [...assignees] };
}
