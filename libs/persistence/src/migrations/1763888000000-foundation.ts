import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763888000000 implements MigrationInterface {
  name = 'Foundation1763888000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE regions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name text NOT NULL,
        timing_policy jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE municipalities (
        code char(6) PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),
        name text NOT NULL,
        region_id uuid NOT NULL REFERENCES regions(id)
      )`);
    await db.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions(id),
        name text NOT NULL,
        role varchar(32) NOT NULL,
        municipality_code char(6) REFERENCES municipalities(code),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        display_name text NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('coordinator', 'partner', 'director', 'admin', 'auditor')),
        region_id uuid NOT NULL REFERENCES regions(id),
        organisation_id uuid REFERENCES organisations(id),
        municipality_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE trajectories (
        id uuid PRIMARY KEY,
        pseudonym varchar(64) NOT NULL,
        birth_date date NOT NULL,
        municipality_code char(6) NOT NULL REFERENCES municipalities(code),
        region_id uuid NOT NULL REFERENCES regions(id),
        coordinator_organisation_id uuid NOT NULL REFERENCES organisations(id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'closed')),
        policy_version text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX trajectories_municipality_idx ON trajectories (municipality_code)`);
    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        kind varchar(40) NOT NULL,
        occurrence_key varchar(160) NOT NULL,
        occurrence integer NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role varchar(32) NOT NULL,
        assignee_user_id uuid REFERENCES users(id),
        fire_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'done', 'cancelled')),
        late boolean NOT NULL DEFAULT false,
        outcome jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT tasks_occurrence_unique UNIQUE (trajectory_id, occurrence_key, organisation_id)
      )`);
    // The partner inbox: one organisation's tasks by status, in due order, paged by (due_at, id).
    await db.query(`CREATE INDEX tasks_inbox_idx ON tasks (organisation_id, status, due_at, id)`);
    await db.query(`CREATE INDEX tasks_trajectory_idx ON tasks (trajectory_id)`);
    // The agenda projection: the workflow owns *when*; this copy answers reads without asking Temporal.
    await db.query(`
      CREATE TABLE milestones (
        trajectory_id uuid NOT NULL REFERENCES trajectories(id),
        occurrence_key varchar(160) NOT NULL,
        kind varchar(40) NOT NULL,
        occurrence integer NOT NULL,
        fire_at timestamptz NOT NULL,
        fire_date date NOT NULL,
        due_at timestamptz NOT NULL,
        due_date date NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('upcoming', 'late', 'missed', 'fired')),
        assignees jsonb NOT NULL,
        PRIMARY KEY (trajectory_id, occurrence_key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'milestones',
      'tasks',
      'trajectories',
      'users',
      'organisations',
      'municipalities',
      'regions',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
