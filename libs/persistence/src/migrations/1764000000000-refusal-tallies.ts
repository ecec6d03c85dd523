import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refusals before sign-in no longer cost one record each under the chain lock (issue 19, finding 5): a source's failed
 * logins (401) and its requests over the per-source limit (429) are counted in `failed_login_tallies`, one row per
 * source, window and status, and sealed into one audit record when the window closes, with `attempts` (how many) and
 * `window_start`. And the audit log names a new action, `bulk-read`: the alert that one user read many identities.
 *
 * Adding nullable columns rewrites no row and fires no trigger: the append-only table is extended, not edited.
 */
export class RefusalTallies1764000000000 implements MigrationInterface {
  name = 'RefusalTallies1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_records
        ADD COLUMN attempts integer CHECK (attempts >= 1),
        ADD COLUMN window_start timestamptz(3),
        ADD CONSTRAINT audit_records_aggregate_whole CHECK ((attempts IS NULL) = (window_start IS NULL))`);
    await db.query(`ALTER TABLE audit_records DROP CONSTRAINT audit_records_action_check`);
    await db.query(`
      ALTER TABLE audit_records ADD CONSTRAINT audit_records_action_check
        CHECK (action IN ('read', 'search', 'create', 'change', 'export', 'login-failed', 'refused', 'bulk-read'))`);
    // Counters, not records: rows are deleted when their window is sealed into the audit log (in one transaction).
    await db.query(`
      CREATE TABLE failed_login_tallies (
        source varchar(45) NOT NULL,
        window_start timestamptz(3) NOT NULL,
        status smallint NOT NULL CHECK (status IN (401, 429)),
        attempts integer NOT NULL CHECK (attempts >= 1),
        PRIMARY KEY (source, window_start, status)
      )`);
    await db.query(`CREATE INDEX failed_login_tallies_window_idx ON failed_login_tallies (window_start)`);
  }

  /** Refused once the log holds an aggregate or an alert: a downgrade must not erase what the log recorded. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM audit_records WHERE attempts IS NOT NULL OR action = 'bulk-read') THEN
          RAISE EXCEPTION 'audit_records holds aggregates or bulk-read alerts: they cannot be migrated down';
        END IF;
      END $$`);
    await db.query(`DROP TABLE failed_login_tallies`);
    await db.query(`ALTER TABLE audit_records DROP CONSTRAINT audit_records_action_check`);
    await db.query(`
      ALTER TABLE audit_records ADD CONSTRAINT audit_records_action_check
        CHECK (action IN ('read', 'search', 'create', 'change', 'export', 'login-failed', 'refused'))`);
    await db.query(`
      ALTER TABLE audit_records DROP CONSTRAINT audit_records_aggregate_whole,
        DROP COLUMN window_start, DROP COLUMN attempts`);
  }
}
