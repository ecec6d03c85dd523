import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts a trajectory's schedule is computed from (partners, placements, court measures, pauses, closure: ids,
 * dates and codes), as the workflow last projected them, with the revision that orders those projections; the
 * closure record; the pauses already applied to open tasks.
 */
export class TrajectoryFacts1763900000000 implements MigrationInterface {
  name = 'TrajectoryFacts1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE trajectories ADD COLUMN facts jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`ALTER TABLE trajectories ADD COLUMN facts_revision integer NOT NULL DEFAULT 0`);
    // The exit checklist and override reason: free text, kept here and never sent to Temporal.
    await db.query(`
      CREATE TABLE trajectory_closures (
        trajectory_id uuid PRIMARY KEY REFERENCES trajectories(id),
        closed_on date NOT NULL,
        checklist jsonb,
        override_reason text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per pause whose length was added to the open tasks' due moments: makes that activity idempotent.
    await db.query(`
      CREATE TABLE pause_extensions (
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        pause_from timestamptz NOT NULL,
        pause_to timestamptz NOT NULL,
        extended integer NOT NULL,
        PRIMARY KEY (trajectory_id, pause_from)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pause_extensions`);
    await db.query(`DROP TABLE trajectory_closures`);
    await db.query(`ALTER TABLE trajectories DROP COLUMN facts_revision`);
    await db.query(`ALTER TABLE trajectories DROP COLUMN facts`);
  }
}
