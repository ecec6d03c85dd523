import type { AgendaEntry, Role, TaskKind, TimingPolicy, TrajectoryFacts } from '@doorloop/domain';

export type { AgendaEntry };

/** What the workflow tells the task store when an occurrence fires. Ids, dates and codes only. */
export interface FiredOccurrence {
  key: string;
  kind: TaskKind;
  occurrence: number;
  fireAt: number;
  dueAt: number;
  late: boolean;
  assignees: { organisationId: string; role: Role }[];
  /** For a handover: who hands over and who must acknowledge. */
  sendingOrganisationId?: string;
  receivingOrganisationId?: string;
  /** For the kinds on the director's list: when an overdue task appears there. */
  directorListAt?: number;
  /** For a consolidation: the evaluation it consolidates and whose input was missing when it fired. */
  context?: { evaluationKey: string; missingOrganisationIds: string[] };
}

/**
 * The activities the trajectory workflow calls. Declared here, implemented by the worker (apps/worker), so that the
 * workflow depends on a contract and never on the worker's code.
 */
export interface TrajectoryActivities {
  /** Creates the tasks of one fired occurrence; idempotent on (trajectory, occurrence key, organisation). */
  fireOccurrence(input: { trajectoryId: string; occurrence: FiredOccurrence }): Promise<{ created: number }>;
  /** Replaces the trajectory's agenda projection with `entries`; idempotent. */
  projectAgenda(input: { trajectoryId: string; entries: AgendaEntry[] }): Promise<void>;
  /**
   * Projects the facts (and the status they imply) into PostgreSQL. Ordered by `revision`: a write older than the one
   * stored is ignored, so retries and reordering are harmless.
   */
  recordFacts(input: {
    trajectoryId: string;
    facts: TrajectoryFacts;
    revision: number;
    status: 'active' | 'paused' | 'closed';
  }): Promise<void>;
  /** Moves the due moments of the trajectory's open tasks by the length of a pause that just ended; idempotent. */
  extendOpenTasks(input: {
    trajectoryId: string;
    pause: { from: number; to: number };
    policy: TimingPolicy;
  }): Promise<{ extended: number }>;
  /**
   * Mails about the still-open (open or claimed) tasks of one occurrence: `reminder` to each task's organisation,
   * `overdue` to the trajectory's coordinating organisation, one mail per task. Done or cancelled tasks get none.
   * Idempotent per (task, stage): a retry mails no task twice after its mail was recorded as sent.
   */
  notifyEscalation(input: {
    trajectoryId: string;
    occurrenceKey: string;
    stage: 'reminder' | 'overdue';
  }): Promise<{ sent: number }>;
}
