import type { Logger } from '@nestjs/common';
import type { RetentionPeriods } from '@doorloop/config';
import { requireDuration } from '@doorloop/domain';
import type { RetentionRepository, SignalRepository } from '@doorloop/persistence';
import type { RetentionActivities } from '@doorloop/workflows';

export interface RetentionDependencies {
  retention: RetentionRepository;
  periods: RetentionPeriods;
  signals: SignalRepository;
  /** SIGNAL_RETENTION: how long a signal that led to nothing is kept. */
  signalPeriod: string;
  /** Whether the trajectory's workflow still runs (read-only: the job terminates nothing in Temporal). */
  workflowRunning: (trajectoryId: string) => Promise<boolean>;
  logger: Logger;
}

/**
 * The retention job's one activity. Each trajectory is erased in its own transaction, so one failure (logged with the
 * trajectory id, never with data) does not hold back the others, and a retry or a second run finds nothing to redo.
 */
export function createRetentionActivities({
  retention,
  periods,
  signals,
  signalPeriod,
  workflowRunning,
  logger,
}: RetentionDependencies): RetentionActivities {
  return {
    async destroyExpiredSignals({ now }) {
      const destroyed = await signals.destroyExpired(signalPeriod, new Date(now));
      logger.log({ destroyed, retention: signalPeriod }, 'Signals that led to nothing destroyed');
      return destroyed;
    },
    async applyRetention({ category, now, after, limit }) {
      const query = { period: requireDuration(periods[category]), now: new Date(now) };
      const ids = await retention.expiredTrajectories({
        ...query,
        after,
        limit,
        withIdentityOnly: category === 'identity',
      });
      const count = { erased: 0, deferred: 0, failed: 0 };
      for (const trajectoryId of ids) {
        try {
          if (category === 'identity') {
            if (await retention.shredIdentity(trajectoryId, query)) count.erased++;
            continue;
          }
          // Its workflow would go on writing tasks and projections for a trajectory that is gone. Retention periods
          // are years and a workflow ends a year after closure, so this is a case for an operator, not for the job.
          if (await workflowRunning(trajectoryId)) {
            count.deferred++;
            logger.warn({ trajectoryId, category }, 'Retention expired, but the workflow of the trajectory still runs');
            continue;
          }
          if (await retention.eraseTrajectory(trajectoryId, query)) count.erased++;
        } catch (error) {
          count.failed++;
          logger.error({ trajectoryId, category, err: error }, 'Retention could not erase an expired trajectory');
        }
      }
      logger.log({ category, ...count, retention: periods[category] }, 'Retention batch done');
      return { ...count, next: ids.length < limit ? null : ids[ids.length - 1] };
    },
  };
}
