import { Logger } from '@nestjs/common';
import { daysBetween, DEFAULT_TIME_ZONE, localDateOf } from '@doorloop/domain';
import type { NotificationRepository } from '@doorloop/persistence';
import type { TrajectoryActivities } from '@doorloop/workflows';
import type { Mailer } from './notifications/mailer';
import { escalationMessage } from './notifications/messages';

export interface NotifyDependencies {
  notifications: NotificationRepository;
  mailer: Mailer;
  /** Base of the links in the mails (PUBLIC_URL): `${publicUrl}/tasks/{taskId}`. */
  publicUrl: string;
}

const logger = new Logger('Notifications');

/**
 * The escalation mails. A reminder goes to the mailbox of each still-open task's organisation; an overdue notice per
 * still-open task to the mailbox of the trajectory's coordinating organisation. Done or cancelled tasks get none.
 * Each (task, stage) is mailed once across retries (NotificationRepository.sendOnce says where that ends). The tasks
 * table is left alone: whether a task counts as overdue follows from its due moment and is the task store's to show.
 */
export function createNotifyActivities({
  notifications,
  mailer,
  publicUrl,
}: NotifyDependencies): Pick<TrajectoryActivities, 'notifyEscalation'> {
  return {
    async notifyEscalation({ trajectoryId, occurrenceKey, stage }) {
      if (!mailer.enabled) return { sent: 0 };
      const today = localDateOf(Date.now(), DEFAULT_TIME_ZONE);
      let sent = 0;
      for (const task of await notifications.pending(trajectoryId, occurrenceKey, stage)) {
        if (!task.recipient) {
          // Ids only: the log never carries the pseudonym.
          logger.warn(
            `No ${stage} mail for task ${task.taskId}: organisation ${task.recipientOrganisationId} has no notification address`,
          );
          continue;
        }
        const recipient = task.recipient;
        const message = escalationMessage(stage, {
          pseudonym: task.pseudonym,
          kind: task.kind,
          taskUrl: `${publicUrl}/tasks/${task.taskId}`,
          daysUntilDue: daysBetween(today, localDateOf(task.dueAt.getTime(), DEFAULT_TIME_ZONE)),
        });
        const messageId = mailer.messageId(`${task.taskId}.${stage}`);
        const mailed = await notifications.sendOnce({ taskId: task.taskId, stage, recipient, messageId }, () =>
          mailer.send({ to: recipient, messageId, ...message }),
        );
        if (mailed) sent += 1;
      }
      return { sent };
    },
  };
}
