import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warm handovers: created when a handover occurrence fires; the receiving organisation accepts, or rejects with a
 * reason, before the due moment. Indexed for the director's list of overdue handovers.
 */
export class Handovers1763910000000 implements MigrationInterface {
  name = 'Handovers1763910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE handovers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        occurrence_key varchar(160) NOT NULL,
        sending_organisation_id uuid NOT NULL REFERENCES organisations(id),
        receiving_organisation_id uuid NOT NULL REFERENCES organisations(id),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        reason text,
        due_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT handovers_occurrence_unique UNIQUE (trajectory_id, occurrence_key),
        CONSTRAINT handovers_rejection_has_reason CHECK (status <> 'rejected' OR reason IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX handovers_pending_due_idx ON handovers (status, due_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX handovers_receiving_idx ON handovers (receiving_organisation_id, status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE handovers`);
  }
}
