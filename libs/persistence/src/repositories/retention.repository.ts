import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_POLICY, type Duration } from '@doorloop/domain';

/**
 * Every table that holds rows of one trajectory (by `trajectory_id`), in the order they are erased before the
 * trajectory row itself. A table added later that references a trajectory, or a row of these, belongs here: the
 * retention test compares this list with the foreign keys in the schema.
 */
export const TRAJECTORY_TABLES = [
  'trajectory_identities',
  'tasks',
  'handovers',
  'milestones',
  'trajectory_closures',
  'pause_extensions',
  'trajectory_reopenings',
  'receiver_choices',
  'signals',
  'legal_overrides',
  'placement_notes',
] as const;

/** Tables that hold rows of a trajectory's tasks (keyed by task_id): erased before the tasks themselves. */
export const TASK_TABLES = ['notifications'] as const;

export interface ExpiryQuery {
  /** The retention period, counted from the closure date (a calendar date in Europe/Amsterdam). */
  period: Duration;
  /** The moment to compare with; one moment for a whole run of the job. */
  now: Date;
}

/**
 * The queries of the retention job. "Expired" is decided in SQL, where it is checked again inside the transaction that
 * erases, so a trajectory that changed meanwhile (or was erased by a concurrent run) is left alone.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Closed trajectories whose closure date plus `period` has passed, after `after` in id order. */
  async expiredTrajectories(
    query: ExpiryQuery & { after: string | null; limit: number; withIdentityOnly?: boolean },
  ): Promise<string[]> {
    const identity = query.withIdentityOnly ? 'JOIN trajectory_identities i ON i.trajectory_id = t.id' : '';
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT t.id FROM trajectories t ${identity}
        WHERE ${EXPIRED} AND ($9::uuid IS NULL OR t.id > $9::uuid)
        ORDER BY t.id LIMIT $10`,
      [...expiryParameters(query), query.after, query.limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Erases the trajectory and every row of it, in one transaction, if it is still expired. Returns false when there
   * was nothing (left) to erase: running it twice is harmless.
   */
  eraseTrajectory(trajectoryId: string, query: ExpiryQuery): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockIfExpired(manager, trajectoryId, query))) return false;
      for (const table of TASK_TABLES) {
        await manager.query(`DELETE FROM ${table} WHERE task_id IN (SELECT id FROM tasks WHERE trajectory_id = $1)`, [
          trajectoryId,
        ]);
      }
      for (const table of TRAJECTORY_TABLES) {
        await manager.query(`DELETE FROM ${table} WHERE trajectory_id = $1`, [trajectoryId]);
      }
      await manager.query(`DELETE FROM trajectories WHERE id = $1`, [trajectoryId]);
      return true;
    });
  }

  /** Deletes the trajectory's encrypted identity (its data key with it) if it is still expired; false when none. */
  shredIdentity(trajectoryId: string, query: ExpiryQuery): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockIfExpired(manager, trajectoryId, query))) return false;
      const [, affected] = await manager.query<[unknown, number]>(
        `DELETE FROM trajectory_identities WHERE trajectory_id = $1`,
        [trajectoryId],
      );
      return affected > 0;
    });
  }
}

/** $1–$8: the moment and the period's parts; `t` is the trajectory. */
const EXPIRED = `t.status = 'closed'
  AND (t.facts->'closure'->>'date')::date
      + make_interval(years => $2, months => $3, weeks => $4, days => $5, hours => $6, mins => $7, secs => $8)
    <= ($1::timestamptz AT TIME ZONE '${DEFAULT_POLICY.timeZone}')`;

function expiryParameters({ period, now }: ExpiryQuery): unknown[] {
  const { years, months, weeks, days, hours, minutes, milliseconds } = period;
  return [now.toISOString(), years, months, weeks, days, hours, minutes, milliseconds / 1000];
}

async function lockIfExpired(manager: EntityManager, trajectoryId: string, query: ExpiryQuery): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT t.id FROM trajectories t WHERE t.id = $9 AND ${EXPIRED} FOR UPDATE`,
    [...expiryParameters(query), trajectoryId],
  );
  return rows.length > 0;
}
