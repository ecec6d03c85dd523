import type { EpochMs } from './calendar';
import type { MilestoneKind } from './milestone-kind';
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
  kind: MilestoneKind,
  dueAt: EpochMs,
  policy: TimingPolicy,
  firedAt?: EpochMs,
): EscalationMoments {
  const reminder = resolveMoment(plus(dueAt, policy.escalation.reminder, policy), policy);
  const reminderAt = firedAt === undefined ? reminder : Math.max(reminder, firedAt);
  if (!policy.escalation.directorListKinds.includes(kind)) return { reminderAt, overdueAt: dueAt };
  const directorListAt = resolveMoment(plus(dueAt, policy.escalation.directorList, policy), policy);
  return { reminderAt, overdueAt: dueAt, directorListAt };
}
