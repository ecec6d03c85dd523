import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identifying fields a region chooses to keep (none by default), stored encrypted: one row per trajectory with its
 * data key wrapped by a master key (FIELD_KEYS) and each value sealed with that data key. Deleting the row destroys the
 * data key and with it every value of the trajectory (crypto-shredding). An index for the retention job, which walks
 * the closed trajectories.
 */
export class IdentityAndRetention1763940000000 implements MigrationInterface {
  name = 'IdentityAndRetention1763940000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE regions ADD COLUMN identifying_fields text[] NOT NULL DEFAULT '{}'
        CONSTRAINT regions_identifying_fields_known CHECK (identifying_fields <@ ARRAY['name', 'bsn']::text[])`);
    await db.query(`
      CREATE TABLE trajectory_identities (
        trajectory_id uuid PRIMARY KEY REFERENCES trajectories(id),
        key_id varchar(64) NOT NULL,
        wrapped_key bytea NOT NULL,
        name bytea,
        bsn bytea,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX trajectories_closed_idx ON trajectories (id) WHERE status = 'closed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX trajectories_closed_idx`);
    await db.query(`DROP TABLE trajectory_identities`);
    await db.query(`ALTER TABLE regions DROP COLUMN identifying_fields`);
  }
}
