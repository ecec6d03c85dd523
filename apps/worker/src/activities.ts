import { escalationMoments, extendDueForPause } from '@doorloop/domain';
import type { AgendaRepository, HandoverRepository, TaskRepository, TrajectoryRepository } from '@doorloop/persistence';
import type { TrajectoryActivities } from '@doorloop/workflows';
import { createNotifyActivities, type NotifyDependencies } from './notify.activities';

export interface ActivityDependencies extends NotifyDependencies {
  tasks: TaskRepository;
  agenda: AgendaRepository;
  trajectories: TrajectoryRepository;
  handovers: HandoverRepository;
}

/** Activities are thin adapters over the repositories; every one is idempotent because Temporal may run it again. */
export function createActivities({
  tasks,
  agenda,
  trajectories,
  handovers,
  notifications,
  mailer,
  publicUrl,
}: ActivityDependencies): TrajectoryActivities {
  return {
    ...createNotifyActivities({ notifications, mailer, publicUrl }),
    async fireOccurrence({ trajectoryId, occurrence }) {
      const created = await tasks.insertIdempotent(
        occurrence.assignees.map((assignee) => ({
          trajectoryId,
          kind: occurrence.kind,
          occurrenceKey: occurrence.key,
          occurrence: occurrence.occurrence,
          organisationId: assignee.organisationId,
          role: assignee.role,
          fireAt: new Date(occurrence.fireAt),
          dueAt: new Date(occurrence.dueAt),
          late: occurrence.late,
          ...(occurrence.directorListAt === undefined ? {} : { directorListAt: new Date(occurrence.directorListAt) }),
          ...(occurrence.context === undefined ? {} : { context: occurrence.context }),
        })),
      );
      if (occurrence.kind === 'handover' && occurrence.sendingOrganisationId && occurrence.receivingOrganisationId) {
        await handovers.insertIdempotent({
          trajectoryId,
          occurrenceKey: occurrence.key,
          sendingOrganisationId: occurrence.sendingOrganisationId,
          receivingOrganisationId: occurrence.receivingOrganisationId,
          dueAt: new Date(occurrence.dueAt),
        });
      }
      return { created };
    },
    async projectAgenda({ trajectoryId, entries }) {
      await agenda.replace(trajectoryId, entries);
    },
    async recordFacts({ trajectoryId, facts, revision, status }) {
      await trajectories.recordFacts(trajectoryId, facts, revision, status);
    },
    async extendOpenTasks({ trajectoryId, pause, policy }) {
      const extended = await tasks.extendOpenTasksOnce(trajectoryId, pause, ({ kind, dueAt }) => {
        const moved = extendDueForPause(dueAt, pause, policy);
        return { dueAt: moved, directorListAt: escalationMoments(kind, moved, policy).directorListAt };
      });
      return { extended };
    },
  };
}
