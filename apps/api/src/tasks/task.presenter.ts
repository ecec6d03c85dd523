import type { Handover, Task } from '@doorloop/contracts';
import { ageOn, DEFAULT_TIME_ZONE, localDateOf } from '@doorloop/domain';
import type { HandoverEntity, TaskView } from '@doorloop/persistence';

export function presentTask({ task: t, pseudonym, birthDate, handoverId }: TaskView, now: number): Task {
  const active = t.status === 'open' || t.status === 'claimed';
  return {
    id: t.id,
    trajectoryId: t.trajectoryId,
    signalId: t.signalId,
    pseudonym,
    age: birthDate === null ? null : ageOn(birthDate, localDateOf(now, DEFAULT_TIME_ZONE)),
    kind: t.kind,
    occurrence: t.occurrence,
    occurrenceKey: t.occurrenceKey,
    organisationId: t.organisationId,
    role: t.role,
    assigneeUserId: t.assigneeUserId,
    fireAt: t.fireAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    dueDate: localDateOf(t.dueAt.getTime(), DEFAULT_TIME_ZONE),
    status: t.status,
    late: t.late,
    overdue: active && t.dueAt.getTime() <= now,
    claimedAt: t.claimedAt?.toISOString() ?? null,
    completedAt: t.completedAt?.toISOString() ?? null,
    handoverId,
    context: t.context,
    outcome: (t.outcome as Record<string, unknown> | null) ?? null,
  };
}

export function presentHandover(h: HandoverEntity): Handover {
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
