import type { EpochMs } from './calendar';
import type { HandoverStatus } from './statuses';

/** A handover as the director's list reads it: its trajectory, its answer and when it was given. */
export interface HandoverRecord {
  readonly trajectoryId: string;
  readonly occurrenceKey: string;
  readonly status: HandoverStatus;
  readonly acknowledgedAt?: EpochMs;
}

/**
 * The rejected handovers the municipal director sees: a rejection is never an end, so it stays on the list from the
 * moment it was given until a handover of the same trajectory is accepted at or after it (DOMAIN.md, "Rejected
 * handover"). An acceptance before the rejection (an earlier handover) does not take it off.
 */
export function rejectedOnDirectorList<Record extends HandoverRecord>(records: readonly Record[]): Record[] {
  return records.filter(
    (record) =>
      record.status === 'rejected' &&
      !records.some(
        (other) =>
          other.trajectoryId === record.trajectoryId &&
          other.status === 'accepted' &&
          (other.acknowledgedAt ?? Infinity) >= (record.acknowledgedAt ?? -Infinity),
      ),
  );
}
