import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The NEN 7513 audit log: one row per access, hash-chained (see libs/audit). Append-only in the database itself:
 * triggers refuse UPDATE, DELETE and TRUNCATE for every role, and an insert must extend the chain's head (next
 * sequence number, previous hash = the head's hash), so the table can neither be edited nor forked. In production the
 * app connects as a role with only SELECT and INSERT on this table, and not as its owner (an owner can disable
 * triggers): see docs/audit.md.
 */
export class AuditRecords1763930000000 implements MigrationInterface {
  name = 'AuditRecords1763930000000';

  async up(db: QueryRunner): Promise<void> {
    // No foreign keys: a record must outlive the user, organisation or trajectory it names.
    await db.query(`
      CREATE TABLE audit_records (
        sequence bigint PRIMARY KEY CHECK (sequence > 0),
        recorded_at timestamptz(3) NOT NULL,
        action varchar(16) NOT NULL
          CHECK (action IN ('read', 'search', 'create', 'change', 'export', 'login-failed', 'refused')),
        user_id uuid,
        username varchar(64),
        organisation_id uuid,
        role varchar(16),
        on_behalf_of varchar(255),
        trajectory_id uuid,
        object_type varchar(32),
        object_ids text[] NOT NULL,
        purpose varchar(40),
        outcome varchar(8) NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
        http_status smallint NOT NULL CHECK (http_status BETWEEN 100 AND 599),
        route varchar(300),
        request_id varchar(64),
        client_ip varchar(45),
        previous_hash char(64) NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        hash char(64) NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
        -- One successor per record: two appends that saw the same head can never both land.
        CONSTRAINT audit_records_one_successor UNIQUE (previous_hash)
      )`);
    await db.query(`CREATE INDEX audit_records_recorded_at_idx ON audit_records (recorded_at)`);
    await db.query(`CREATE INDEX audit_records_user_idx ON audit_records (user_id, sequence)`);
    await db.query(`CREATE INDEX audit_records_trajectory_idx ON audit_records (trajectory_id, sequence)`);

    await db.query(`
      CREATE FUNCTION audit_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_records is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_records_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_records_refuse_change()`);
    await db.query(`
      CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
        FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change()`);

    // The hash itself is checked by the verifier (npm run audit:verify); the database checks the link.
    await db.query(`
      CREATE FUNCTION audit_records_extend_head() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head audit_records%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM audit_records ORDER BY sequence DESC LIMIT 1;
        IF head.sequence IS NULL THEN
          IF NEW.sequence <> 1 OR NEW.previous_hash <> repeat('0', 64) THEN
            RAISE EXCEPTION 'the first audit record must have sequence 1 and the genesis previous hash';
          END IF;
        ELSIF NEW.sequence <> head.sequence + 1 OR NEW.previous_hash <> head.hash THEN
          RAISE EXCEPTION 'an audit record must extend the head of the chain (sequence %)', head.sequence;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_records_extend_head BEFORE INSERT ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_records_extend_head()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_records`);
    await db.query(`DROP FUNCTION audit_records_extend_head()`);
    await db.query(`DROP FUNCTION audit_records_refuse_change()`);
  }
}
