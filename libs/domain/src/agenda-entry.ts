import type { MilestoneKind } from './milestone-kind';
import type { Role } from './roles';
import type { OccurrenceStatus } from './schedule';

/**
 * One occurrence of a trajectory's schedule as it is projected for reading (`GET /trajectories/{id}/milestones`):
 * the workflow writes it, PostgreSQL keeps it. Ids, dates and codes only.
 */
export interface AgendaEntry {
  key: string;
  kind: MilestoneKind;
  occurrence: number;
  fireAt: number;
  fireDate: string;
  dueAt: number;
  dueDate: string;
  status: OccurrenceStatus;
  assignees: { organisationId: string; role: Role }[];
}
