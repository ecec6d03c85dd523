import type { HandoverEntity, TaskEntity } from '@doorloop/persistence';

export function presentTask(t: TaskEntity) {
  return {
    id: t.id,
    trajectoryId: t.trajectoryId,
    kind: t.kind,
    occurrence: t.occurrence,
    organisationId: t.organisationId,
    role: t.role,
    fireAt: t.fireAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    status: t.status,
    late: t.late,
    completedAt: t.completedAt?.toISOString() ?? null,
  };
}

export function presentHandover(h: HandoverEntity) {
  return {
    id: h.id,
    trajectoryId: h.trajectoryId,
    sendingOrganisationId: h.sendingOrganisationId,
    receivingOrganisationId: h.receivingOrganisationId,
    status: h.status,
    reason: h.reason,
    dueAt: h.dueAt.toISOString(),
    acknowledgedAt: h.acknowledgedAt?.toISOString() ?? null,
  };
}
