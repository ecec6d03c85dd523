import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { runConcurrently, summarise, type Latency } from './stats';

const EventType = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * Where a fire's time goes, from the workflow histories (event times are the server's): between the moment the
 * workflow meant and the commit of the task, a fire passes these stages.
 */
export interface FireStages {
  fires: number;
  /** The workflow sets its timer from its own clock (the start of its workflow task); the server counts from when that
   * task completed: the timer fires this much after the moment meant. */
  timerSetLate: Latency;
  /** The server fires the timer after its due time. */
  timerFiresLate: Latency;
  /** From the timer firing to the worker starting the workflow task it caused. */
  workflowTaskWait: Latency;
  /** The worker running that workflow task until the server recorded its completion (and the activity it asks for). */
  workflowTaskRun: Latency;
  /** From the activity being scheduled to a worker starting it. */
  activityWait: Latency;
  /** The activity itself: the insert of the tasks, until the server recorded its completion. */
  activityRun: Latency;
}

const ms = (event: HistoryEvent | undefined): number => {
  const time = event?.eventTime;
  return time ? Number(time.seconds ?? 0) * 1000 + Math.round((time.nanos ?? 0) / 1e6) : NaN;
};
const durationMs = (d: temporal.api.history.v1.ITimerStartedEventAttributes['startToFireTimeout']): number =>
  Number(d?.seconds ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);

/**
 * Decomposes the fires of `fireOccurrence` whose timer fired within [from, to) in the histories of `workflowIds`
 * (the current run of each): a fire is a timer that fired, the workflow task it woke, the fireOccurrence activity that
 * task scheduled.
 */
export async function fireStages(
  client: Client,
  workflowIds: readonly string[],
  window: { from: number; to: number },
): Promise<FireStages> {
  const stages = {
    timerSetLate: [] as number[],
    timerFiresLate: [] as number[],
    workflowTaskWait: [] as number[],
    workflowTaskRun: [] as number[],
    activityWait: [] as number[],
    activityRun: [] as number[],
  };
  await runConcurrently(workflowIds, 8, async (workflowId) => {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const byId = new Map(events.map((event) => [Number(event.eventId), event]));
    for (const [index, event] of events.entries()) {
      if (event.eventType !== EventType.EVENT_TYPE_TIMER_FIRED) continue;
      const fired = ms(event);
      if (fired < window.from || fired >= window.to) continue;
      const timerStarted = byId.get(Number(event.timerFiredEventAttributes?.startedEventId));
      const after = events.slice(index + 1);
      const scheduledIndex = after.findIndex((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
      const scheduled = after[scheduledIndex];
      // Only timers whose next step is the fire itself (not an update, not a continue-as-new).
      if (scheduled?.activityTaskScheduledEventAttributes?.activityType?.name !== 'fireOccurrence') continue;
      const wftStarted = after
        .slice(0, scheduledIndex)
        .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
        .at(-1);
      const wftCompleted = after
        .slice(0, scheduledIndex)
        .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .at(-1);
      const activityStarted = events.find(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED &&
          Number(e.activityTaskStartedEventAttributes?.scheduledEventId) === Number(scheduled.eventId),
      );
      const activityCompleted = events.find(
        (e) =>
          e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED &&
          Number(e.activityTaskCompletedEventAttributes?.scheduledEventId) === Number(scheduled.eventId),
      );
      // The workflow task that started the timer: the last one started before it.
      const setter = events
        .slice(0, events.indexOf(timerStarted ?? event))
        .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
        .at(-1);
      const due = ms(timerStarted) + durationMs(timerStarted?.timerStartedEventAttributes?.startToFireTimeout);
      const values = {
        timerSetLate: ms(timerStarted) - ms(setter),
        timerFiresLate: fired - due,
        workflowTaskWait: ms(wftStarted) - fired,
        workflowTaskRun: ms(wftCompleted) - ms(wftStarted),
        activityWait: ms(activityStarted) - ms(scheduled),
        activityRun: ms(activityCompleted) - ms(activityStarted),
      };
      if (Object.values(values).some((value) => !Number.isFinite(value))) continue;
      for (const [stage, value] of Object.entries(values)) stages[stage as keyof typeof stages].push(value);
    }
  });
  return {
    fires: stages.activityRun.length,
    timerSetLate: summarise(stages.timerSetLate),
    timerFiresLate: summarise(stages.timerFiresLate),
    workflowTaskWait: summarise(stages.workflowTaskWait),
    workflowTaskRun: summarise(stages.workflowTaskRun),
    activityWait: summarise(stages.activityWait),
    activityRun: summarise(stages.activityRun),
  };
}
