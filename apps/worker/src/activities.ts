import type { AgendaRepository, TaskRepository } from '@doorloop/persistence';
import type { TrajectoryActivities } from '@doorloop/workflows';

export interface ActivityDependencies {
  tasks: TaskRepository;
  agenda: AgendaRepository;
}

/** Activities are thin adapters over the repositories; every one is idempotent because Temporal may run it again. */
export function createActivities({ tasks, agenda }: ActivityDependencies): TrajectoryActivities {
  return {
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
        })),
      );
      return { created };
    },
    async projectAgenda({ trajectoryId, entries }) {
      await agenda.replace(trajectoryId, entries);
    },
  };
}
