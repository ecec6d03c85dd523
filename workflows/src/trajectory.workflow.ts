import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  computeSchedule,
  nextFireAt,
  occurrencesToFire,
  type ScheduledOccurrence,
  type TimingPolicy,
  type TrajectoryFacts,
} from '@doorloop/domain';
import type { AgendaEntry, FiredOccurrence, TrajectoryActivities } from './activity-contract';

export interface TrajectoryWorkflowInput {
  trajectoryId: string;
  facts: TrajectoryFacts;
  policy: TimingPolicy;
  /** Keys of occurrences that already fired; carried across continue-as-new so nothing fires twice. */
  fired?: string[];
  /** The moment up to which the previous run had computed its schedule (see `horizon` below). */
  horizon?: number;
  /** Events per run before continuing as new; far below Temporal's own suggestion (4,096). */
  maxEventsPerRun?: number;
}

export interface TrajectoryState {
  trajectoryId: string;
  facts: TrajectoryFacts;
  policyVersion: string;
  fired: string[];
  nextFireAt: number | null;
}

export const stateQuery = defineQuery<TrajectoryState>('state');

const DEFAULT_MAX_EVENTS_PER_RUN = 2000;

const { fireOccurrence, projectAgenda } = proxyActivities<TrajectoryActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * One trajectory, for as long as it lasts. The workflow owns *when*: it computes the schedule from the facts with the
 * domain rules, projects it for the api, fires what is due through idempotent activities, and sleeps until the next
 * moment or until something changes.
 */
export async function trajectoryWorkflow(input: TrajectoryWorkflowInput): Promise<void> {
  const { trajectoryId, policy } = input;
  const facts = input.facts;
  const fired = new Set(input.fired ?? []);
  const maxEvents = input.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN;
  let changed = true;
  let schedule: ScheduledOccurrence[] = [];
  // Occurrences whose moment lay before `horizon` were already past when a schedule was computed: they fire *late*.
  // Those that pass while the workflow sleeps fire on time.
  let horizon = input.horizon ?? Date.now();

  setHandler(stateQuery, () => ({
    trajectoryId,
    facts,
    policyVersion: policy.version,
    fired: [...fired],
    nextFireAt: nextFireAt(schedule) ?? null,
  }));

  for (;;) {
    const now = Date.now();
    schedule = computeSchedule(facts, policy, now, fired);
    const due = occurrencesToFire(schedule, now);
    for (const occurrence of due) {
      await fireOccurrence({ trajectoryId, occurrence: toFired(occurrence, occurrence.fireAt <= horizon) });
      fired.add(occurrence.key);
      changed = true;
    }
    horizon = now;
    if (due.length > 0) continue;

    if (changed) {
      await projectAgenda({ trajectoryId, entries: schedule.map(toAgendaEntry) });
      changed = false;
    }
    if (workflowInfo().historyLength >= maxEvents || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof trajectoryWorkflow>({ ...input, facts, fired: [...fired], horizon });
    }
    const next = nextFireAt(schedule);
    await condition(() => changed, next === undefined ? undefined : Math.max(next - now, 1));
  }
}

function toFired(occurrence: ScheduledOccurrence, late: boolean): FiredOccurrence {
  const { key, kind, occurrence: number, fireAt, dueAt, assignees } = occurrence;
  return { key, kind, occurrence: number, fireAt, dueAt, late, assignees: [...assignees] };
}

function toAgendaEntry(occurrence: ScheduledOccurrence): AgendaEntry {
  const { key, kind, occurrence: number, fireAt, fireDate, dueAt, dueDate, status, assignees } = occurrence;
  return { key, kind, occurrence: number, fireAt, fireDate, dueAt, dueDate, status, assignees: [...assignees] };
}
