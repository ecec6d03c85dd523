import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation mail. Every organisation may have a functional mailbox (never a person's address) that reminders and
 * overdue notices go to; `notifications` records each mail sent, one per (task, stage), which makes the notifying
 * activity idempotent under Temporal's at-least-once retries.
 */
export class Notifications1763920000000 implements MigrationInterface {
  name = 'Notifications1763920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisations ADD COLUMN notification_email varchar(254)
        CONSTRAINT organisations_notification_email_format CHECK (notification_email ~ '^[^@\\s<>]+@[^@\\s<>]+$')`);
    await db.query(`
      CREATE TABLE notifications (
        task_id uuid NOT NULL REFERENCES tasks(id),
        stage varchar(16) NOT NULL CHECK (stage IN ('reminder', 'overdue')),
        recipient varchar(254) NOT NULL,
        message_id text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (task_id, stage)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
    await db.query(`ALTER TABLE organisations DROP COLUMN notification_email`);
  }
}
