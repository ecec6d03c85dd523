import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner inbox and the director's list: who claimed a task and when, when an overdue task appears on the
 * director's list, a consolidation's context, and the indexes those reads need at a million tasks
 * (measured by npm run bench, see docs/performance.md).
 */
export class TaskInbox1763950000000 implements MigrationInterface {
  name = 'TaskInbox1763950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tasks
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN director_list_at timestamptz,
        ADD COLUMN context jsonb,
        ADD CONSTRAINT tasks_claim_has_assignee CHECK (status <> 'claimed' OR assignee_user_id IS NOT NULL)`);
    // The default inbox (what is still to do) in due order, paged by (due_at, id): a partial index stays small
    // however many tasks are done.
    await db.query(`
      CREATE INDEX tasks_inbox_active_idx ON tasks (organisation_id, due_at, id) WHERE status IN ('open', 'claimed')`);
    // Any other mix of statuses and kinds, still in due order without a sort.
    await db.query(`CREATE INDEX tasks_inbox_due_idx ON tasks (organisation_id, due_at, id) INCLUDE (status, kind)`);
    // The director's list: overdue tasks of the listed kinds from their list moment on, until done.
    await db.query(`
      CREATE INDEX tasks_director_list_idx ON tasks (director_list_at)
        WHERE director_list_at IS NOT NULL AND status IN ('open', 'claimed')`);
    // The dashboard counts what is still to do per trajectory.
    await db.query(`
      CREATE INDEX tasks_active_by_trajectory_idx ON tasks (trajectory_id, due_at) WHERE status IN ('open', 'claimed')`);
    await db.query(`CREATE INDEX handovers_trajectory_idx ON handovers (trajectory_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX handovers_trajectory_idx`);
    await db.query(`DROP INDEX tasks_active_by_trajectory_idx`);
    await db.query(`DROP INDEX tasks_director_list_idx`);
    await db.query(`DROP INDEX tasks_inbox_due_idx`);
    await db.query(`DROP INDEX tasks_inbox_active_idx`);
    await db.query(`
      ALTER TABLE tasks DROP CONSTRAINT tasks_claim_has_assignee,
        DROP COLUMN context, DROP COLUMN director_list_at, DROP COLUMN claimed_at`);
  }
}
