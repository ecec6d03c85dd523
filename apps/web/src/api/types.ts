import type {
  ChecklistStatus,
  CourtMeasureType,
  ExitChecklistItem,
  MilestoneKind,
  PartnerRole,
  PlacementType,
  TaskKind,
} from '@doorloop/domain';

/**
 * The api's response shapes as the browser reads them (see /api/v1/openapi.json). They are the HTTP contract, not
 * server code: the web app never imports the api.
 */
export type UserRole = 'coordinator' | 'partner' | 'director' | 'admin' | 'auditor';

export interface AuthConfiguration {
  issuer: string;
  clientId: string;
  audience: string;
  scopes: string[] | string;
}

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  regionId: string;
  organisationId: string | null;
  organisationName: string | null;
  municipalityCodes: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Organisation {
  id: string;
  name: string;
  role: string;
  municipalityCode: string | null;
}

export interface Municipality {
  code: string;
  name: string;
}

export interface Partner {
  organisationId: string;
  role: PartnerRole;
}

export interface Placement {
  id: string;
  type: PlacementType;
  startDate: string;
  endDate?: string;
  providerOrganisationId: string;
  authorisationEndDate?: string;
}

export interface CourtMeasure {
  id: string;
  type: CourtMeasureType;
  startDate: string;
  endDate: string;
}

export type TrajectoryStatus = 'active' | 'paused' | 'closed';

export interface Trajectory {
  id: string;
  pseudonym: string;
  birthDate: string;
  municipalityCode: string;
  status: TrajectoryStatus;
  policyVersion: string;
  revision: number;
  partners: Partner[];
  placements: Placement[];
  courtMeasures: CourtMeasure[];
  transfers: number;
  closedOn: string | null;
  createdAt: string;
}

export type MilestoneStatus = 'upcoming' | 'fired' | 'late' | 'missed' | 'done' | 'cancelled';

export interface Milestone {
  kind: MilestoneKind;
  occurrence: number;
  fireDate: string;
  dueDate: string;
  status: MilestoneStatus;
  assignees: { organisationId: string; role: string }[];
}

export type { TaskKind };
export type TaskStatus = 'open' | 'claimed' | 'done' | 'cancelled';

export interface Task {
  id: string;
  trajectoryId: string;
  pseudonym: string;
  /** Her age today, in whole years. */
  age: number;
  kind: TaskKind;
  occurrence: number;
  /** Which occurrence of which series; a consolidation names its evaluation by it. */
  occurrenceKey: string;
  organisationId: string;
  role: string;
  assigneeUserId: string | null;
  fireAt: string;
  dueAt: string;
  /** The due date in Europe/Amsterdam. */
  dueDate: string;
  status: TaskStatus;
  late: boolean;
  overdue: boolean;
  claimedAt: string | null;
  completedAt: string | null;
  handoverId: string | null;
  /** For a consolidation: the evaluation, and the organisations whose input was missing when it fired. */
  context: { evaluationKey: string; missingOrganisationIds: string[] } | null;
  outcome: Record<string, unknown> | null;
}

export type HandoverStatus = 'pending' | 'accepted' | 'rejected';

export interface Handover {
  id: string;
  trajectoryId: string;
  sendingOrganisationId: string;
  receivingOrganisationId: string;
  status: HandoverStatus;
  reason: string | null;
  dueAt: string;
  acknowledgedAt: string | null;
}

export interface OrganisationRef {
  id: string;
  name: string;
}

export interface OverdueHandover {
  taskId: string;
  handoverId: string | null;
  trajectoryId: string;
  pseudonym: string;
  kind: TaskKind;
  municipalityCode: string;
  sendingOrganisation: OrganisationRef | null;
  receivingOrganisation: OrganisationRef;
  dueAt: string;
  dueDate: string;
  daysOverdue: number;
}

export interface WorkloadCounts {
  open: number;
  overdue: number;
  handoversPending: number;
  handoversOverdue: number;
}

export interface MunicipalityDashboard extends WorkloadCounts {
  code: string;
  name: string;
  birthdays18Next6Months: number;
  birthdays18Next12Months: number;
  transfersLast12Months: number;
  stillInCare6MonthsAfter18: { eligible: number; inCare: number; share: number | null };
  organisations: (WorkloadCounts & OrganisationRef)[];
}

export interface Dashboard {
  generatedAt: string;
  municipalities: MunicipalityDashboard[];
}

export type ClosureChecklist = Partial<Record<ExitChecklistItem, { status: ChecklistStatus; reason?: string }>>;

/** RFC 9457 problem details, the body of every error the api returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: { in: string; field: string; detail: string }[];
  correlationId?: string;
}
