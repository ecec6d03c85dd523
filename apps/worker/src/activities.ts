import { extendDueForPause } from '@doorloop/domain';
import type { AgendaRepository, HandoverRepository, TaskRepository, TrajectoryRepository } from '@doorloop/persistence';
import type { TrajectoryActivities } from '@doorloop/workflows';

export interface ActivityDependencies {
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
}: ActivityDependencies): TrajectoryActivities {
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
      const extended = await tasks.extendOpenTasksOnce(trajectoryId, pause, (dueAt) =>
        extendDueForPause(dueAt, pause, policy),
      );
      return { extended };
    },
  };
}
