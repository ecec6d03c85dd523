/** Where a trajectory stands: running, paused (its clocks stand still), or closed after the exit checklist. */
export const TRAJECTORY_STATUSES = ['active', 'paused', 'closed'] as const;
export type TrajectoryStatus = (typeof TRAJECTORY_STATUSES)[number];

/** A task is open until a partner claims it, then done; cancelled when the trajectory no longer needs it. */
export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The receiving organisation accepts or rejects a handover; until then it is pending. */
export const HANDOVER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** What the schedule says of a milestone occurrence before its tasks are answered (the stored projection). */
export const MILESTONE_PROJECTION_STATUSES = ['upcoming', 'fired', 'late', 'missed'] as const;
export type MilestoneProjectionStatus = (typeof MILESTONE_PROJECTION_STATUSES)[number];

/** A milestone occurrence as users see it: the projection, and for a fired one whether its tasks are done or cancelled. */
export const MILESTONE_STATUSES = [...MILESTONE_PROJECTION_STATUSES, 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
