import { proxyActivities, sleep } from '@temporalio/workflow';

/** What the triage workflow of one signal gets: ids and moments only, never the signal's content or subject. */
export interface SignalTriageWorkflowInput {
  signalId: string;
  /** The reminder to the coordinating organisation; null for none (a repeat is due at once). */
  reminderAt: number | null;
  /** The triage is overdue from here, and the coordinating organisation is told (at once for a repeat: the alert). */
  dueAt: number;
}

/** Declared here, implemented by the worker (apps/worker/src/signal-triage.activities.ts). */
export interface SignalTriageActivities {
  /**
   * Mails one stage about the signal's triage task while it is still open, to the coordinating organisation's mailbox:
   * nothing once it is triaged (the task is done) or destroyed. Idempotent per (task, stage).
   */
  notifySignalTriage(input: { signalId: string; stage: 'reminder' | 'overdue' }): Promise<{ sent: number }>;
}

const { notifySignalTriage } = proxyActivities<SignalTriageActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * The agenda of one signal's triage (`signal-triage-<signalId>`): the reminder, then the overdue notice. The task
 * itself lives in PostgreSQL, written with the signal; triaging completes it there, and a mail for a done task is
 * never sent, so the workflow needs no message from the api: it sleeps, asks, and ends at the due moment.
 */
export async function signalTriageWorkflow({ signalId, reminderAt, dueAt }: SignalTriageWorkflowInput): Promise<void> {
  if (reminderAt !== null) {
    await sleepUntil(reminderAt);
    await notifySignalTriage({ signalId, stage: 'reminder' });
  }
  await sleepUntil(dueAt);
  await notifySignalTriage({ signalId, stage: 'overdue' });
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait);
}
