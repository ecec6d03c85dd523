import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  type defineUpdate,
} from '@temporalio/workflow';
import type { TrajectoryFacts } from '@doorloop/domain';
import type { TrajectoryActivities } from './activity-contract';
import { checkAcknowledgement, checkCompletion, type RecordOutcome } from './task-records';
import * as changes from './trajectory-changes';
import type { ChangeClock, ChangeOutcome } from './trajectory-changes';
import * as transition from './trajectory-state';
import type { TrajectorySnapshot, TrajectoryState, TrajectoryWorkflowInput } from './trajectory-state';
import { accepted, refusal } from './refusal';
import * as updates from './updates';
import type { ChangeResult } from './updates';

export type { TrajectorySnapshot, TrajectoryWorkflowInput } from './trajectory-state';
export { DEFAULT_MAX_EVENTS_PER_RUN, MIN_EVENTS_PER_RUN } from './trajectory-state';

type ChangeUpdate<Args extends unknown[]> = ReturnType<typeof defineUpdate<ChangeResult, Args>>;

export const stateQuery = defineQuery<TrajectorySnapshot>('state');

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

/**
 * Runs that started before "Continuity at 18" (issue 12) replay with the schedule rules of their time; they take the
 * new rules up at their first recalculation after the patch (the loop asks at every step until it says yes), and
 * carry that across continue-as-new. See docs/workflow.md.
 */
export const CONTINUITY_PATCH = 'continuity-at-18';
/** Issue 13: the schedule follows the lawful-placements rules (see docs/workflow.md). */
export const LAWFUL_PLACEMENTS_PATCH = 'lawful-placements';

const { fireOccurrence, projectAgenda, recordFacts, extendOpenTasks, notifyEscalation } =
  proxyActivities<TrajectoryActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  });

/**
 * One trajectory, for as long as it lasts. The workflow owns *when*: it computes the schedule from the facts with the
 * domain rules, fires what is due through idempotent activities, follows fired tasks up, projects the agenda for the
 * api, and sleeps until the next moment or until something changes. Changes arrive as updates (see updates.ts); each
 * is validated against the facts it would produce, applied, projected, and only then answered. Before its history
 * grows long the run continues as new, carrying its state. A closed trajectory runs on for aftercare and completes
 * when nothing remains to fire. The state and its transitions are in trajectory-state.ts; see docs/workflow.md.
 */
export async function trajectoryWorkflow(input: TrajectoryWorkflowInput): Promise<void> {
  // The one place the follow-up patch is asked: the state keeps the answer as its follow-up strategy.
  const followUp = transition.followUpFor(patched(FOLLOW_UP_PATCH));
  let state: TrajectoryState = transition.initialState(
    input,
    Date.now(),
    followUp,
    input.continuityAt18 === true || patched(CONTINUITY_PATCH),
    input.lawfulPlacements === true || patched(LAWFUL_PLACEMENTS_PATCH),
  );
  const { trajectoryId, policy } = state;

  setHandler(stateQuery, () => transition.snapshot(state));
  registerUpdates();

  if (input.factsRecorded !== true) await recordCurrentFacts();

  for (;;) {
    if (nearBound()) {
      await finishHandlers();
      return continueAsNew<typeof trajectoryWorkflow>(transition.carry(state));
    }
    if (!state.continuity && patched(CONTINUITY_PATCH)) state = transition.withContinuity(state);
    if (!state.lawfulPlacements && patched(LAWFUL_PLACEMENTS_PATCH)) state = transition.withLawfulPlacements(state);
    const now = Date.now();
    state = transition.scheduled(state, now);
    const step = transition.nextStep(state, now);
    switch (step.kind) {
      case 'await-extension':
        await condition(() => state.extending === 0);
        break;
      case 'fire':
        // One at a time, recomputing in between: a change (a pause) that arrives meanwhile takes effect at once.
        await fireOccurrence({ trajectoryId, occurrence: step.occurrence });
        state = transition.fire(state, step.occurrence, now);
        break;
      case 'consolidate':
        await fireOccurrence({ trajectoryId, occurrence: step.occurrence });
        state = transition.consolidate(state, step.occurrence, now);
        break;
      case 'escalate':
        await notifyEscalation({ trajectoryId, ...step.escalation });
        state = transition.escalate(state, step.escalation);
        break;
      case 'project':
        state = transition.caughtUp(state, now);
        await project();
        break;
      case 'end': {
        // Closed, aftercare done: nothing will ever fire again. A change that lands while handlers finish is looked at.
        state = transition.caughtUp(state, now);
        const seen = state.revision;
        await finishHandlers();
        if (state.revision === seen && !state.agendaStale) return;
        break;
      }
      case 'sleep': {
        // Wake for a change, for a task record (history grew: look at the bound again) or at the next moment. Never
        // wake on workflowInfo() itself: a workflow task that only refused an update is in the history but not replayed.
        state = transition.sleeping(state, now);
        const { until } = step;
        await condition(
          () => state.agendaStale || state.recorded,
          until === undefined ? undefined : Math.max(until - now, 1),
        );
        break;
      }
    }
  }

  function nearBound(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength + EVENT_RESERVE >= transition.maxEvents(state);
  }

  function recordCurrentFacts(): Promise<void> {
    const { facts, revision } = state;
    return recordFacts({ trajectoryId, facts, revision, status: changes.statusOf(facts) });
  }

  async function project(): Promise<void> {
    const at = state.revision;
    state = transition.projecting(state, Date.now());
    await projectAgenda({ trajectoryId, entries: state.schedule.map(transition.toAgendaEntry) });
    state = transition.projected(state, at);
  }

  /**
   * Lets every running handler finish before the run ends. Handlers wait for the agenda of their revision, so it is
   * projected for them here; after the last one finishes nothing runs before the caller ends the run.
   */
  async function finishHandlers(): Promise<void> {
    while (!allHandlersFinished()) {
      if (state.agendaStale) await project();
      else await condition(() => allHandlersFinished() || state.agendaStale);
    }
  }

  /**
   * Answers an accepted change once its facts (and `alongside`, if given) and the agenda computed from them are in
   * PostgreSQL, so a client that reads after the update sees its effect.
   */
  async function answerChange(alongside?: () => Promise<unknown>): Promise<ChangeResult> {
    const mine = state.revision;
    await Promise.all([recordCurrentFacts(), alongside?.()]);
    await condition(() => state.projectedRevision >= mine);
    return { revision: mine };
  }

  function registerUpdates(): void {
    const clock = (): ChangeClock => ({ now: Date.now(), zone: policy.timeZone });

    /**
     * An update that changes the facts: the validator and the handler share `change`, so they agree. `lawful`: an update
     * of issue 13, which no run before its patch received; its handler takes the patch's rules up first.
     */
    function onFactChange<Change>(
      update: ChangeUpdate<[Change]>,
      change: (facts: TrajectoryFacts, payload: NoInfer<Change>, clock: ChangeClock) => ChangeOutcome,
      lawful = false,
    ): void {
      setHandler(
        update,
        async (payload: Change) => {
          if (lawful && !state.lawfulPlacements && patched(LAWFUL_PLACEMENTS_PATCH)) {
            state = transition.withLawfulPlacements(state);
          }
          state = transition.change(state, accepted(change(state.facts, payload, clock())), Date.now());
          return answerChange();
        },
        { validator: (payload: Change) => void accepted(change(state.facts, payload, clock())) },
      );
    }

    onFactChange(updates.changePlacementUpdate, changes.changePlacement);
    onFactChange(updates.recordCourtMeasureUpdate, changes.recordCourtMeasure);
    onFactChange(updates.correctBirthDateUpdate, changes.correctBirthDate);
    onFactChange(updates.partnerJoinedUpdate, changes.partnerJoined);
    onFactChange(updates.partnerLeftUpdate, changes.partnerLeft);
    onFactChange(updates.changeMunicipalityUpdate, changes.changeMunicipality);
    onFactChange(updates.closeUpdate, changes.close);
    onFactChange(updates.recordContinuationUpdate, changes.recordContinuation);
    onFactChange(updates.setLegalBasesUpdate, changes.setLegalBases);
    onFactChange(updates.chooseReceiverUpdate, changes.chooseReceiver);
    onFactChange(updates.reopenUpdate, changes.reopen);
    onFactChange(updates.recordTreatmentStartUpdate, changes.recordTreatmentStart, true);
    onFactChange(updates.recordMissingEpisodeUpdate, changes.recordMissingEpisode, true);
    onFactChange(updates.recordReturnUpdate, changes.recordReturn, true);

    setHandler(
      updates.pauseUpdate,
      async (reason?: updates.PauseChange) => {
        state = transition.change(state, accepted(changes.pause(state.facts, clock(), reason)), Date.now());
        return answerChange();
      },
      { validator: (reason?: updates.PauseChange) => void accepted(changes.pause(state.facts, clock(), reason)) },
    );
    setHandler(
      updates.resumeUpdate,
      async () => {
        state = transition.resume(state, accepted(changes.resume(state.facts, clock())), Date.now());
        const pause = transition.endedPause(state.facts);
        // Nothing fires until the extension is written (a task fired now must keep its due); the handler itself waits
        // for the agenda after that, which the main loop projects only once it has fired what became due.
        return answerChange(async () => {
          try {
            await extendOpenTasks({ trajectoryId, pause, policy });
          } finally {
            state = transition.extended(state);
          }
        });
      },
      { validator: () => void accepted(changes.resume(state.facts, clock())) },
    );

    /** Task records change no schedule: they are kept for the follow-ups, and bump the revision. */
    function onTaskRecord<Entry>(
      update: ChangeUpdate<[Entry]>,
      check: (book: TrajectoryState, record: NoInfer<Entry>) => RecordOutcome,
      store: (current: TrajectoryState, record: NoInfer<Entry>, now: number) => TrajectoryState,
    ): void {
      setHandler(
        update,
        async (record: Entry) => {
          const outcome = check(state, record);
          if (!outcome.ok) throw refusal(outcome.errors);
          if (outcome.repeat) return { revision: state.revision };
          state = store(state, record, Date.now());
          const mine = state.revision;
          await recordCurrentFacts();
          state = transition.recorded(state);
          return { revision: mine };
        },
        {
          validator: (record: Entry) => {
            const outcome = check(state, record);
            if (!outcome.ok) throw refusal(outcome.errors);
          },
        },
      );
    }

    onTaskRecord(updates.taskCompletedUpdate, checkCompletion, transition.complete);
    // A rejection fires a find-receiver task under "Continuity at 18": a run that has not looked at the patch since it
    // woke looks now, so that the rejection is recorded as the fact it is.
    onTaskRecord(updates.handoverAcknowledgedUpdate, checkAcknowledgement, (current, answer, now) => {
      const ruled = !current.continuity && patched(CONTINUITY_PATCH) ? transition.withContinuity(current) : current;
      return transition.acknowledge(ruled, answer, now);
    });
  }
}
