import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals before a trajectory (issue 17). Who a signal is about is kept only as a keyed hash (HMAC-SHA-256 with a
 * per-region key derived from FIELD_KEYS; `subject_key_id` names the master key): never the BSN or name itself. The
 * triage due date is computed in working days with Dutch public holidays when the signal comes. A signal that started
 * a trajectory links it, and is erased with it (retention.repository TRAJECTORY_TABLES); one that led to nothing is
 * destroyed two years after it came (retention job, SIGNAL_RETENTION).
 */
export class Signals1764200000000 implements MigrationInterface {
  name = 'Signals1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE signals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        recorded_by uuid NOT NULL,
        category varchar(32) NOT NULL,
        description text NOT NULL,
        meldcode_step varchar(32) NOT NULL,
        subject_key_id varchar(64) NOT NULL,
        subject_hash bytea NOT NULL CHECK (octet_length(subject_hash) = 32),
        received_at timestamptz NOT NULL DEFAULT now(),
        received_on date NOT NULL,
        triage_due_on date NOT NULL,
        repeat_of uuid REFERENCES signals(id) ON DELETE SET NULL,
        triage_outcome varchar(32),
        triage_reason text,
        triaged_at timestamptz,
        triaged_by uuid,
        trajectory_id uuid REFERENCES trajectories(id),
        CHECK ((triage_outcome IS NULL) = (triaged_at IS NULL)),
        CHECK ((triage_outcome = 'start-trajectory') = (trajectory_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX signals_subject ON signals (region_id, subject_hash)`);
    await db.query(`CREATE INDEX signals_region_due ON signals (region_id, triage_due_on, id)`);
    await db.query(`CREATE INDEX signals_organisation ON signals (organisation_id, received_at)`);
    await db.query(`CREATE INDEX signals_trajectory ON signals (trajectory_id) WHERE trajectory_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE signals`);
  }
}
