import { Logger } from '@nestjs/common';
import { daysBetween, DEFAULT_TIME_ZONE, localDateOf } from '@doorloop/domain';
import type { SignalTriageActivities } from '@doorloop/workflows';
import type { NotifyDependencies } from './notify.activities';
import { signalTriageMessage } from './notifications/messages';

const logger = new Logger('Notifications');

/**
 * The mails of a signal's triage task, to the coordinating organisation's mailbox: once per (task, stage), and none
 * once the signal is triaged (its task is done) or destroyed (NotificationRepository.sendOnce checks again).
 */
export function createSignalTriageActivities({
  notifications,
  mailer,
  publicUrl,
}: NotifyDependencies): SignalTriageActivities {
  return {
    async notifySignalTriage({ signalId, stage }) {
      if (!mailer.enabled) return { sent: 0 };
      const task = await notifications.pendingSignalTriage(signalId, stage);
      if (!task) return { sent: 0 };
      if (!task.recipient) {
        logger.warn(
          `No ${stage} mail for task ${task.taskId}: organisation ${task.recipientOrganisationId} has no notification address`,
        );
        return { sent: 0 };
      }
      const recipient = task.recipient;
      const message = signalTriageMessage(stage, {
        repeat: task.repeat,
        taskUrl: `${publicUrl}/tasks/${task.taskId}`,
        daysUntilDue: daysBetween(
          localDateOf(Date.now(), DEFAULT_TIME_ZONE),
          localDateOf(task.dueAt.getTime(), DEFAULT_TIME_ZONE),
        ),
      });
      const messageId = mailer.messageId(`${task.taskId}.${stage}`);
      const mailed = await notifications.sendOnce({ taskId: task.taskId, stage, recipient, messageId }, () =>
        mailer.send({ to: recipient, messageId, ...message }),
      );
      return { sent: mailed ? 1 : 0 };
    },
  };
}
