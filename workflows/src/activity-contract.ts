import type { AgendaEntry, MilestoneKind, Role, TimingPolicy, TrajectoryFacts } from '@doorloop/domain';

export type { AgendaEntry };

/** What the workflow tells the task store when an occurrence fires. Ids, dates and codes only. */
export interface FiredOccurrence {
  key: string;
  kind: MilestoneKind;
  occurrence: number;
  fireAt: number;
  dueAt: number;
  late: boolean;
  assignees: { organisationId: string; role: Role }[];
  /** For a handover: who hands over and who must acknowledge. */
  sendingOrganisationId?: string;
  receivingOrganisationId?: string;
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
}
