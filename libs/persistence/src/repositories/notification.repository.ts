import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The escalation moments that send mail: before the due date to the task's organisation, at it to the coordinator. */
export const NOTIFICATION_STAGES = ['reminder', 'overdue'] as const;
export type NotificationStage = (typeof NOTIFICATION_STAGES)[number];

/** A still-open task that a stage has not mailed about yet, with the mailbox the mail goes to. */
export interface PendingNotification {
  taskId: string;
  kind: string;
  dueAt: Date;
  pseudonym: string;
  /** The task's organisation for a reminder; the trajectory's coordinating organisation for an overdue notice. */
  recipientOrganisationId: string;
  /** That organisation's functional mailbox; null when it has none. */
  recipient: string | null;
}

/** A signal's triage task that a stage has not mailed about yet. */
export interface PendingSignalTriage {
  taskId: string;
  dueAt: Date;
  /** The signal repeats an earlier one about the same person: the mail is an alert. */
  repeat: boolean;
  recipientOrganisationId: string;
  recipient: string | null;
}

/** Mail sent once per (task, stage): the record that makes the notifying activity safe to retry. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The open or claimed tasks of one occurrence that `stage` has not mailed about, in a stable order. */
  async pending(trajectoryId: string, occurrenceKey: string, stage: NotificationStage): Promise<PendingNotification[]> {
    const rows: {
      task_id: string;
      kind: string;
      due_at: Date;
      pseudonym: string;
      organisation_id: string;
      notification_email: string | null;
    }[] = await this.dataSource.query(
      `SELECT t.id AS task_id, t.kind, t.due_at, tr.pseudonym, o.id AS organisation_id, o.notification_email
         FROM tasks t
         JOIN trajectories tr ON tr.id = t.trajectory_id
         JOIN organisations o
           ON o.id = CASE WHEN $3 = 'reminder' THEN t.organisation_id ELSE tr.coordinator_organisation_id END
        WHERE t.trajectory_id = $1 AND t.occurrence_key = $2 AND t.status IN ('open', 'claimed')
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.task_id = t.id AND n.stage = $3)
        ORDER BY t.id`,
      [trajectoryId, occurrenceKey, stage],
    );
    return rows.map((row) => ({
      taskId: row.task_id,
      kind: row.kind,
      dueAt: row.due_at,
      pseudonym: row.pseudonym,
      recipientOrganisationId: row.organisation_id,
      recipient: row.notification_email,
    }));
  }

  /**
   * The triage task of a signal, while it is open or claimed and `stage` has not mailed about it, with the coordinating
   * organisation's mailbox (the task is that organisation's, so reminder and overdue notice both go there).
   */
  async pendingSignalTriage(signalId: string, stage: NotificationStage): Promise<PendingSignalTriage | null> {
    const rows: {
      task_id: string;
      due_at: Date;
      repeat: boolean;
      organisation_id: string;
      notification_email: string | null;
    }[] = await this.dataSource.query(
      `SELECT t.id AS task_id, t.due_at, s.repeat_of IS NOT NULL AS repeat, o.id AS organisation_id, o.notification_email
         FROM tasks t
         JOIN signals s ON s.id = t.signal_id
         JOIN organisations o ON o.id = t.organisation_id
        WHERE t.signal_id = $1 AND t.kind = 'signal-triage' AND t.status IN ('open', 'claimed')
          AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.task_id = t.id AND n.stage = $2)`,
      [signalId, stage],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      taskId: row.task_id,
      dueAt: row.due_at,
      repeat: row.repeat,
      recipientOrganisationId: row.organisation_id,
      recipient: row.notification_email,
    };
  }

  /**
   * Runs `send` at most once per (task, stage), and only while the task is still open or claimed. Returns whether this
   * call sent it.
   *
   * The record is inserted first, in a transaction that stays open while `send` talks to the mail relay, and commits
   * only after the relay accepted the mail. So: a concurrent second attempt (a retry started while the first still
   * runs) waits on the record's key and then finds it, sending nothing; a failed send rolls the record back, so the
   * retry sends. What this cannot close: when the process dies, or the commit fails, after the relay accepted the mail
   * but before the commit, the record is rolled back and the retry mails again. That window is a duplicate, never a
   * loss; the duplicate carries the same Message-ID, by which mail clients recognise it as the same message.
   */
  async sendOnce(
    notification: { taskId: string; stage: NotificationStage; recipient: string; messageId: string },
    send: () => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO notifications (task_id, stage, recipient, message_id)
         SELECT id, $2, $3, $4 FROM tasks WHERE id = $1 AND status IN ('open', 'claimed')
         ON CONFLICT (task_id, stage) DO NOTHING
         RETURNING task_id`,
        [notification.taskId, notification.stage, notification.recipient, notification.messageId],
      );
      if (claimed.length === 0) return false;
      await send();
      return true;
    });
  }
}
