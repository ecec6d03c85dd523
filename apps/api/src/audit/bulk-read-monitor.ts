import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditEntry } from '@doorloop/audit';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { AuditRecordRepository } from '@doorloop/persistence';
import { MAX_OBJECT_IDS } from './audit-entry';

/**
 * The bulk-read alert (issue 19, finding 13): after a successful read of a trajectory's identifying fields is
 * recorded, checks whether its user has now read those of more than IDENTITY_BULK_READ_THRESHOLD distinct trajectories
 * within IDENTITY_BULK_READ_WINDOW_MINUTES. If so, once per window per user, an audit record `bulk-read` names the
 * trajectories, and a warning in the log says that (without them: no trajectory, name or username in the log) for an
 * operator's alerting to pick up.
 */
@Injectable()
export class BulkReadMonitor {
  private readonly logger = new Logger('BulkReadMonitor');

  constructor(
    private readonly records: AuditRecordRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Never throws: the read it follows is already recorded and answered; a failed check is logged as an error. */
  async afterRecorded(read: AuditEntry): Promise<void> {
    if (read.action !== 'read' || read.objectType !== 'identity' || read.outcome !== 'success' || !read.userId) return;
    const threshold = this.config.IDENTITY_BULK_READ_THRESHOLD;
    const windowMinutes = this.config.IDENTITY_BULK_READ_WINDOW_MINUTES;
    let identities = 0;
    try {
      const alert = await this.records.appendBulkReadAlert(
        { userId: read.userId, objectType: 'identity', threshold, windowMinutes },
        (trajectoryIds) => {
          identities = trajectoryIds.length;
          return {
            ...read,
            action: 'bulk-read',
            trajectoryId: null,
            objectIds: trajectoryIds.slice(0, MAX_OBJECT_IDS),
          };
        },
      );
      if (alert) {
        this.logger.warn(
          {
            userId: read.userId,
            identities,
            threshold,
            windowMinutes,
            auditSequence: alert.sequence,
            requestId: read.requestId,
          },
          'Bulk read of identifying fields: one user read more identities than the threshold allows',
        );
      }
    } catch (error) {
      this.logger.error({ err: error, requestId: read.requestId }, 'The bulk-read check failed');
    }
  }
}
