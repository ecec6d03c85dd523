import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TaskKind } from '@doorloop/domain';
import { HandoverEntity, TaskEntity } from '@doorloop/persistence';

/**
 * A task as the workflow's fire activity writes it: open, for `organisationId`, due in a week. The occurrence key is
 * unique per call unless given.
 */
export async function createTask(
  dataSource: DataSource,
  task: { trajectoryId: string; organisationId: string; kind?: TaskKind; occurrenceKey?: string },
): Promise<TaskEntity> {
  const now = Date.now();
  return dataSource.getRepository(TaskEntity).save({
    trajectoryId: task.trajectoryId,
    kind: task.kind ?? 'ots-expiry',
    occurrenceKey: task.occurrenceKey ?? `ots-expiry#${randomUUID().slice(0, 8)}`,
    occurrence: 1,
    organisationId: task.organisationId,
    role: 'youth-care',
    fireAt: new Date(now),
    dueAt: new Date(now + 7 * 86_400_000),
    late: false,
  });
}

/** A handover between two organisations, with the receiving organisation's task for it. */
export async function createHandover(
  dataSource: DataSource,
  handover: { trajectoryId: string; sendingOrganisationId: string; receivingOrganisationId: string },
): Promise<{ handover: HandoverEntity; receivingTask: TaskEntity }> {
  const occurrenceKey = `handover#${randomUUID().slice(0, 8)}`;
  const receivingTask = await createTask(dataSource, {
    trajectoryId: handover.trajectoryId,
    organisationId: handover.receivingOrganisationId,
    kind: 'handover',
    occurrenceKey,
  });
  const saved = await dataSource
    .getRepository(HandoverEntity)
    .save({ ...handover, occurrenceKey, dueAt: receivingTask.dueAt });
  return { handover: saved, receivingTask };
}
