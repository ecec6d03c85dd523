import { ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import { RETENTION_CATEGORIES, type RetentionCategory } from '@doorloop/domain';

export interface RetentionCount {
  /** Trajectories erased (case-data) or identities shredded (identity). */
  erased: number;
  /** Expired, but left for a later run: the trajectory's workflow still runs (see docs/privacy.md). */
  deferred: number;
  /** Expired, but erasing failed; the worker log names each one. */
  failed: number;
}

export interface RetentionBatch extends RetentionCount {
  /** Where the next batch starts; null when this was the last. */
  next: string | null;
}

/** Declared here, implemented by the worker (apps/worker/src/retention). */
export interface RetentionActivities {
  /**
   * Erases what has expired in one category, for up to `limit` trajectories after `after` (in id order), each in its
   * own transaction. Expiry is measured against `now`, the same for every batch of a run. Idempotent.
   */
  applyRetention(input: {
    category: RetentionCategory;
    now: number;
    after: string | null;
    limit: number;
  }): Promise<RetentionBatch>;
  /** Destroys the signals that led to nothing once SIGNAL_RETENTION has passed since they came; returns how many. */
  destroyExpiredSignals(input: { now: number }): Promise<number>;
}

export type RetentionSummary = Record<RetentionCategory, RetentionCount> & {
  /** Signals that led to nothing, destroyed (absent in runs from before signals). */
  signals?: { destroyed: number };
};

/** Runs started before signals existed replay without the signal step (docs/workflow.md). */
export const SIGNAL_RETENTION_PATCH = 'signal-retention';

const BATCH_SIZE = 100;

const { applyRetention, destroyExpiredSignals } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5 },
});

/**
 * The daily retention job (started by a Temporal Schedule the worker keeps): erases, category by category, the data of
 * closed trajectories whose retention period has passed, in batches. Carries no personal data: categories, counts, ids.
 * A run that could not erase everything fails after doing what it could, so it shows in Temporal as failed.
 */
export async function retentionWorkflow(): Promise<RetentionSummary> {
  const now = Date.now();
  const summary = {} as RetentionSummary;
  for (const category of RETENTION_CATEGORIES) {
    const count: RetentionCount = { erased: 0, deferred: 0, failed: 0 };
    let after: string | null = null;
    do {
      const batch: RetentionBatch = await applyRetention({ category, now, after, limit: BATCH_SIZE });
      count.erased += batch.erased;
      count.deferred += batch.deferred;
      count.failed += batch.failed;
      after = batch.next;
    } while (after !== null);
    summary[category] = count;
  }
  if (patched(SIGNAL_RETENTION_PATCH)) summary.signals = { destroyed: await destroyExpiredSignals({ now }) };
  const failed = RETENTION_CATEGORIES.reduce((total, category) => total + summary[category].failed, 0);
  if (failed > 0) {
    throw ApplicationFailure.nonRetryable(
      `Retention could not erase ${failed} expired item(s); the worker log names the trajectories`,
      'RetentionIncomplete',
      summary,
    );
  }
  return summary;
}
