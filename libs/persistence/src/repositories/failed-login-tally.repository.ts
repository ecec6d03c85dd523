import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry } from '@doorloop/audit';
import { AuditRecordRepository } from './audit-record.repository';

/** The refusals before sign-in that are counted instead of recorded one by one. */
export type TalliedStatus = 401 | 429;

/** How many refusals of one status one source had in one window. */
export interface FailedLoginTally {
  readonly source: string;
  readonly windowStart: Date;
  readonly status: TalliedStatus;
  readonly attempts: number;
}

/**
 * Counters of failed logins (401) and over-limit requests (429) per source address and window (issue 19, finding 5):
 * a flood of bad tokens costs one upsert per request instead of one audit record under the global chain lock, and each
 * window becomes one audit record when it is sealed. The counters live in PostgreSQL, shared by every api replica and
 * kept across restarts: a counter of a replica that stopped is sealed by the next sealing of any replica.
 */
@Injectable()
export class FailedLoginTallyRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditRecords: AuditRecordRepository,
  ) {}

  /**
   * Counts one refusal of `source` in the current window (windows of `windowSeconds`, aligned to the epoch on the
   * database clock, so every replica agrees on them) and answers how many that window holds now, this one included.
   */
  async count(source: string, status: TalliedStatus, windowSeconds: number): Promise<number> {
    const [{ attempts }] = await this.dataSource.query<{ attempts: number }[]>(
      `INSERT INTO failed_login_tallies AS t (source, window_start, status, attempts)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2) * $2), $3, 1)
       ON CONFLICT (source, window_start, status) DO UPDATE SET attempts = t.attempts + 1
       RETURNING attempts`,
      [source, windowSeconds, status],
    );
    return attempts;
  }

  /**
   * Seals the windows that have closed (with `all`, the open ones too: at shutdown) into the audit log: each tally
   * becomes the entry `aggregateOf` makes of it (none when it answers undefined) and is deleted, in one transaction,
   * so a tally is never both lost and recorded, nor recorded twice by two replicas sealing at once. Answers how many
   * tallies were sealed.
   */
  async seal(
    windowSeconds: number,
    aggregateOf: (tally: FailedLoginTally) => AuditEntry | undefined,
    { all = false }: { all?: boolean } = {},
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // DELETE ... RETURNING has no order: seal in time order, then by source and status, so the log reads naturally.
      // A SELECT around the DELETE also spares TypeORM's [rows, count] answer to a bare DELETE ... RETURNING.
      const tallies = await manager.query<
        { source: string; window_start: Date; status: TalliedStatus; attempts: number }[]
      >(
        `WITH sealed AS (
           DELETE FROM failed_login_tallies
           WHERE $2 OR window_start + make_interval(secs => $1) <= clock_timestamp()
           RETURNING source, window_start, status, attempts
         )
         SELECT source, window_start, status, attempts FROM sealed ORDER BY window_start, source, status`,
        [windowSeconds, all],
      );
      for (const row of tallies) {
        const entry = aggregateOf({
          source: row.source,
          windowStart: row.window_start,
          status: row.status,
          attempts: row.attempts,
        });
        if (entry) await this.auditRecords.append(entry, manager);
      }
      return tallies.length;
    });
  }
}
