import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { DEFAULT_POLICY } from '@doorloop/domain';
import { RETENTION_WORKFLOW_TYPE, retentionScheduleId } from '@doorloop/temporal';

/**
 * Creates the daily retention schedule, or brings an existing one to this definition (a pause an operator set stays):
 * every worker does this at start-up, and any number of them may do it at once. A Temporal Schedule rather than a
 * timer of our own: it survives restarts, never runs twice at once (overlap SKIP), catches up a missed run, and an
 * operator can pause, trigger and inspect it in the Temporal UI.
 */
export async function ensureRetentionSchedule(client: Client, taskQueue: string): Promise<string> {
  const scheduleId = retentionScheduleId(taskQueue);
  const definition = {
    spec: { calendars: [{ hour: 2, minute: 30 }], timezone: DEFAULT_POLICY.timeZone },
    action: {
      type: 'startWorkflow' as const,
      workflowType: RETENTION_WORKFLOW_TYPE,
      workflowId: scheduleId,
      taskQueue,
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
  try {
    await client.schedule.create({ scheduleId, ...definition });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule
      .getHandle(scheduleId)
      .update((previous) => ({ ...definition, state: { paused: previous.state.paused, note: previous.state.note } }));
  }
  return scheduleId;
}
