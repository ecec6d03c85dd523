import type { EpochMs } from './calendar';
import type { TaskKind } from './milestone-kind';
import { plus, resolveMoment } from './moment';
import type { TimingPolicy } from './timing-policy';

export interface EscalationMoments {
  /** The reminder to the assignee; never before the task fired. */
  readonly reminderAt: EpochMs;
  /** From here the task is overdue and the coordinator is notified: the due moment itself. */
  readonly overdueAt: EpochMs;
  /** For the kinds on the director's list: the moment an overdue task appears there. */
  readonly directorListAt?: EpochMs;
}

/** The escalation moments of a task due at `dueAt` (also after its due date was moved, e.g. by a pause). */
export function escalationMoments(
  kind: TaskKind,
  dueAt: EpochMs,
  policy: TimingPolicy,
  firedAt?: EpochMs,
): EscalationMoments {
  const reminder = resolveMoment(plus(dueAt, policy.escalation.reminder, policy), policy);
  const reminderAt = firedAt === undefined ? reminder : Math.max(reminder, firedAt);
  if (!(policy.escalation.directorListKinds as readonly TaskKind[]).includes(kind))
    return { reminderAt, overdueAt: dueAt };
  const directorListAt = resolveMoment(plus(dueAt, policy.escalation.directorList, policy), policy);
  return { reminderAt, overdueAt: dueAt, directorListAt };
}

/**
 * The coordinator's consolidation of a placement evaluation is due one evaluation due period after it fires (14 days by
 * default): the time the partners had for their input. DOMAIN.md names no due for it; docs/policy.md says so.
 */
export function consolidationDueAt(firedAt: EpochMs, policy: TimingPolicy): EpochMs {
  return resolveMoment(plus(firedAt, policy.milestones['placement-evaluation'].due.offset, policy), policy);
}
