import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triage of a signal is a coordinator task (issue 17): a task of kind `signal-triage` that belongs to its signal,
 * not to a trajectory. Exactly one of the two is set; a signal has at most one triage task. When the retention job
 * destroys a signal, its task and that task's mail records go with it (signal.repository destroyExpired).
 */
export class SignalTriageTasks1764220000000 implements MigrationInterface {
  name = 'SignalTriageTasks1764220000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tasks
        ALTER COLUMN trajectory_id DROP NOT NULL,
        ADD COLUMN signal_id uuid REFERENCES signals(id) ON DELETE CASCADE,
        ADD CONSTRAINT tasks_trajectory_or_signal CHECK ((trajectory_id IS NULL) <> (signal_id IS NULL))`);
    await db.query(`CREATE UNIQUE INDEX tasks_signal_unique ON tasks (signal_id) WHERE signal_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notifications WHERE task_id IN (SELECT id FROM tasks WHERE signal_id IS NOT NULL)`);
    await db.query(`DELETE FROM tasks WHERE signal_id IS NOT NULL`);
    await db.query(`DROP INDEX tasks_signal_unique`);
    await db.query(`
      ALTER TABLE tasks
        DROP CONSTRAINT tasks_trajectory_or_signal,
        DROP COLUMN signal_id,
        ALTER COLUMN trajectory_id SET NOT NULL`);
  }
}
