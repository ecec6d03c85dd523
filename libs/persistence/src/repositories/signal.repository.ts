import { Injectable } from '@nestjs/common';
import type { MeldcodeStep, SignalCategory, TriageOutcome } from '@doorloop/domain';
import { DataSource } from 'typeorm';

/** A signal as stored: the subject only as its keyed hash, which never leaves this layer. */
export interface SignalRecord {
  id: string;
  regionId: string;
  organisationId: string;
  category: SignalCategory;
  description: string;
  meldcodeStep: MeldcodeStep;
  receivedAt: Date;
  receivedOn: string;
  triageDueOn: string;
  repeatOf: string | null;
  triageOutcome: TriageOutcome | null;
  triageReason: string | null;
  triagedAt: Date | null;
  trajectoryId: string | null;
}

export interface NewSignal {
  regionId: string;
  organisationId: string;
  recordedBy: string;
  category: SignalCategory;
  description: string;
  meldcodeStep: MeldcodeStep;
  subjectKeyId: string;
  subjectHash: Buffer;
  receivedOn: string;
}

/** When the triage task is due, and the reminder before it; a repeat is due at once. */
export interface TriageTiming {
  dueAt: number;
  reminderAt: number | null;
}

/** The triage task of a signal, as written beside it. */
export interface TriageTask {
  taskId: string;
  organisationId: string;
  dueAt: number;
  reminderAt: number | null;
}

export interface SignalInsert {
  signal: NewSignal;
  /** The subject under every key of the ring. */
  knownHashes: readonly Buffer[];
  /** A signal that came on or after this date is repeated by this one. */
  repeatSince: string;
  /** The coordinating organisation whose inbox gets the triage task. */
  coordinatorOrganisationId: string;
  /** The triage's moments, for a first signal and for a repeat (which alerts at once). */
  timing: (repeat: boolean) => TriageTiming;
  /** The local date of a moment: the signal's triage due date is its task's. */
  dateOf: (at: number) => string;
  /**
   * Runs inside the transaction once the signal and its task are written, before they commit (it starts the triage's
   * workflow): when it throws, nothing is stored.
   */
  beforeCommit: (signal: SignalRecord, task: TriageTask) => Promise<void>;
}

/** Which signals a list may return: a partner organisation's own, or a coordinator's whole region. */
export type SignalScope = { organisationId: string } | { regionId: string };

export interface SignalFilter {
  triaged?: boolean;
  /** The last (due, id) of the previous page. */
  after?: { triageDueOn: string; id: string };
  limit: number;
}

export interface Triage {
  outcome: TriageOutcome;
  reason: string;
  trajectoryId: string | null;
  userId: string;
}

const COLUMNS = `id, region_id, organisation_id, category, description, meldcode_step, received_at,
  to_char(received_on, 'YYYY-MM-DD') AS received_on, to_char(triage_due_on, 'YYYY-MM-DD') AS triage_due_on,
  repeat_of, triage_outcome, triage_reason, triaged_at, trajectory_id`;

interface SignalRow {
  id: string;
  region_id: string;
  organisation_id: string;
  category: SignalCategory;
  description: string;
  meldcode_step: MeldcodeStep;
  received_at: Date;
  received_on: string;
  triage_due_on: string;
  repeat_of: string | null;
  triage_outcome: TriageOutcome | null;
  triage_reason: string | null;
  triaged_at: Date | null;
  trajectory_id: string | null;
}

function toRecord(row: SignalRow): SignalRecord {
  return {
    id: row.id,
    regionId: row.region_id,
    organisationId: row.organisation_id,
    category: row.category,
    description: row.description,
    meldcodeStep: row.meldcode_step,
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    triageDueOn: row.triage_due_on,
    repeatOf: row.repeat_of,
    triageOutcome: row.triage_outcome,
    triageReason: row.triage_reason,
    triagedAt: row.triaged_at,
    trajectoryId: row.trajectory_id,
  };
}

function scopeCondition(scope: SignalScope, parameter: number): string {
  return 'organisationId' in scope ? `organisation_id = $${parameter}` : `region_id = $${parameter}`;
}

function scopeValue(scope: SignalScope): string {
  return 'organisationId' in scope ? scope.organisationId : scope.regionId;
}

@Injectable()
export class SignalRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a signal and, in the same transaction, finds the latest earlier signal of the region whose subject hash is
   * one of `knownHashes` (the subject under every key of the ring) and that came on or after `repeatSince`: the signal
   * it repeats. A lock on the region's hashes keeps two racing signals about one person from both missing each other.
   * Its triage task goes into the coordinating organisation's inbox in the same transaction, and `beforeCommit` runs
   * before it commits.
   */
  async insert({
    signal,
    knownHashes,
    repeatSince,
    coordinatorOrganisationId,
    timing,
    dateOf,
    beforeCommit,
  }: SignalInsert): Promise<SignalRecord> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('signals:' || $1::text))`, [signal.regionId]);
      const earlier: { id: string }[] = await manager.query(
        `SELECT id FROM signals WHERE region_id = $1 AND subject_hash = ANY($2::bytea[]) AND received_on >= $3::date
          ORDER BY received_at DESC, id LIMIT 1`,
        [signal.regionId, knownHashes, repeatSince],
      );
      const { dueAt, reminderAt } = timing(earlier[0] !== undefined);
      const rows: SignalRow[] = await manager.query(
        `INSERT INTO signals (region_id, organisation_id, recorded_by, category, description, meldcode_step,
                              subject_key_id, subject_hash, received_on, triage_due_on, repeat_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          signal.regionId,
          signal.organisationId,
          signal.recordedBy,
          signal.category,
          signal.description,
          signal.meldcodeStep,
          signal.subjectKeyId,
          signal.subjectHash,
          signal.receivedOn,
          dateOf(dueAt),
          earlier[0]?.id ?? null,
        ],
      );
      const stored = toRecord(rows[0]);
      const [{ id: taskId }]: { id: string }[] = await manager.query(
        `INSERT INTO tasks (signal_id, kind, occurrence_key, occurrence, organisation_id, role, fire_at, due_at, late)
         VALUES ($1, 'signal-triage', 'signal-triage', 1, $2, 'coordinator', $3, $4, false) RETURNING id`,
        [stored.id, coordinatorOrganisationId, stored.receivedAt, new Date(dueAt)],
      );
      await beforeCommit(stored, { taskId, organisationId: coordinatorOrganisationId, dueAt, reminderAt });
      return stored;
    });
  }

  async findInScope(id: string, scope: SignalScope): Promise<SignalRecord | null> {
    const rows: SignalRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM signals WHERE id = $1 AND ${scopeCondition(scope, 2)}`,
      [id, scopeValue(scope)],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Repeats first (they alert the coordinator), then by triage due date and id: the order of the triage list. */
  async list(scope: SignalScope, filter: SignalFilter): Promise<SignalRecord[]> {
    const parameters: unknown[] = [scopeValue(scope)];
    const conditions = [scopeCondition(scope, 1)];
    if (filter.triaged !== undefined) conditions.push(`triage_outcome IS ${filter.triaged ? 'NOT ' : ''}NULL`);
    if (filter.after) {
      parameters.push(filter.after.triageDueOn, filter.after.id);
      conditions.push(`(triage_due_on, id) > ($${parameters.length - 1}::date, $${parameters.length}::uuid)`);
    }
    parameters.push(filter.limit);
    const rows: SignalRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM signals WHERE ${conditions.join(' AND ')}
        ORDER BY triage_due_on, id LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map(toRecord);
  }

  /**
   * Records the triage once. The same triage sent again is unchanged; another after the first is a conflict.
   */
  async triage(
    id: string,
    scope: SignalScope,
    triage: Triage,
  ): Promise<{ result: 'changed' | 'unchanged' | 'conflict'; signal: SignalRecord } | { result: 'not-found' }> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const changed: [unknown[], number] = await manager.query(
        `UPDATE signals SET triage_outcome = $3, triage_reason = $4, trajectory_id = $5, triaged_by = $6, triaged_at = now()
          WHERE id = $1 AND ${scopeCondition(scope, 2)} AND triage_outcome IS NULL RETURNING id`,
        [id, scopeValue(scope), triage.outcome, triage.reason, triage.trajectoryId, triage.userId],
      );
      // The triage completes its task, in the same transaction and only with the triage that was recorded: once.
      if (changed[1] > 0) {
        const outcome = {
          outcome: triage.outcome,
          reason: triage.reason,
          ...(triage.trajectoryId === null ? {} : { trajectoryId: triage.trajectoryId }),
        };
        await manager.query(
          `UPDATE tasks SET status = 'done', outcome = $2::jsonb, completed_at = now(),
                  assignee_user_id = coalesce(assignee_user_id, $3)
            WHERE signal_id = $1 AND status IN ('open', 'claimed')`,
          [id, JSON.stringify(outcome), triage.userId],
        );
      }
      return changed;
    });
    const signal = await this.findInScope(id, scope);
    if (!signal) return { result: 'not-found' };
    if (updated[1] > 0) return { result: 'changed', signal };
    const same =
      signal.triageOutcome === triage.outcome &&
      signal.triageReason === triage.reason &&
      signal.trajectoryId === triage.trajectoryId;
    return { result: same ? 'unchanged' : 'conflict', signal };
  }

  /**
   * Destroys the signals that led to nothing (no trajectory started) and came `period` (ISO 8601) or longer before
   * `now`'s calendar day in Europe/Amsterdam. A later signal that repeated one loses the link (ON DELETE SET NULL).
   * Returns how many; a second run finds none.
   */
  async destroyExpired(period: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const expired: { id: string }[] = await manager.query(
        `SELECT id FROM signals
          WHERE trajectory_id IS NULL
            AND (received_on + $1::interval)::date <= ($2::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date
          FOR UPDATE`,
        [period, now],
      );
      if (expired.length === 0) return 0;
      const ids = expired.map((row) => row.id);
      // Its triage task goes with it, and what was mailed about that task.
      await manager.query(
        `DELETE FROM notifications WHERE task_id IN (SELECT id FROM tasks WHERE signal_id = ANY($1::uuid[]))`,
        [ids],
      );
      await manager.query(`DELETE FROM tasks WHERE signal_id = ANY($1::uuid[])`, [ids]);
      const [, affected]: [unknown, number] = await manager.query(`DELETE FROM signals WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
      return affected;
    });
  }
}
