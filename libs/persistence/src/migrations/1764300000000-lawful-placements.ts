import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = `'read', 'search', 'create', 'change', 'export', 'login-failed', 'refused', 'bulk-read'`;

/**
 * Placements and court measures that are lawful and legible (issue 13): what the api keeps beside the facts and never
 * sends to Temporal. `legal_overrides`: a fact the coordinator recorded against a legal rule, with the rules set aside
 * and her reason (the fact itself is marked `overridden`). `placement_notes`: the free texts of a change of placement
 * ("other" reason), a pause ("other" reason) and a missing episode (where she was last seen). The audit log learns the
 * action `override`.
 */
export class LawfulPlacements1764300000000 implements MigrationInterface {
  name = 'LawfulPlacements1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE legal_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        subject varchar(16) NOT NULL CHECK (subject IN ('placement', 'court-measure')),
        subject_id varchar(64) NOT NULL,
        rules text[] NOT NULL CHECK (cardinality(rules) >= 1),
        reason text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX legal_overrides_trajectory ON legal_overrides (trajectory_id)`);
    await db.query(`
      CREATE TABLE placement_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        subject varchar(16) NOT NULL CHECK (subject IN ('placement', 'pause', 'missing-episode')),
        subject_id varchar(64) NOT NULL,
        note text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX placement_notes_trajectory ON placement_notes (trajectory_id)`);
    await db.query(`ALTER TABLE audit_records DROP CONSTRAINT audit_records_action_check`);
    await db.query(`
      ALTER TABLE audit_records ADD CONSTRAINT audit_records_action_check
        CHECK (action IN (${ACTIONS}, 'override'))`);
  }

  /** Refused once the log holds an override: a downgrade must not erase what the log recorded. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM audit_records WHERE action = 'override') THEN
          RAISE EXCEPTION 'audit_records holds override records: they cannot be migrated down';
        END IF;
      END $$`);
    await db.query(`ALTER TABLE audit_records DROP CONSTRAINT audit_records_action_check`);
    await db.query(
      `ALTER TABLE audit_records ADD CONSTRAINT audit_records_action_check CHECK (action IN (${ACTIONS}))`,
    );
    await db.query(`DROP TABLE placement_notes`);
    await db.query(`DROP TABLE legal_overrides`);
  }
}
