import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Continuity at 18 (issue 12): the free text of two new writes, kept here and never sent to Temporal. A reopening's
 * reason (`POST /trajectories/{id}/reopenings`) and a chosen receiver's note (`POST /trajectories/{id}/handovers`).
 * The legal bases and the continuation decision are codes and dates: they live in `trajectories.facts`.
 */
export class Continuity1764010000000 implements MigrationInterface {
  name = 'Continuity1764010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE trajectory_reopenings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        reopened_on date NOT NULL,
        reason text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX trajectory_reopenings_trajectory ON trajectory_reopenings (trajectory_id)`);
    await db.query(`
      CREATE TABLE receiver_choices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        receiving_organisation_id uuid NOT NULL REFERENCES organisations(id),
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX receiver_choices_trajectory ON receiver_choices (trajectory_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE receiver_choices`);
    await db.query(`DROP TABLE trajectory_reopenings`);
  }
}
