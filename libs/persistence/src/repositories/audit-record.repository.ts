import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EMPTY_CHAIN, auditEntrySchema, sealRecord, type AuditEntry, type AuditRecord } from '@doorloop/audit';
import type { AuditAction, AuditObjectType, AuditOutcome } from '@doorloop/contracts';

/** Serialises appends across every api replica: one chain, one writer at a time (7513: the NEN standard). */
const CHAIN_LOCK = 7513;

const COLUMNS = `sequence, recorded_at, action, user_id, username, organisation_id, role, on_behalf_of, trajectory_id,
  object_type, object_ids, purpose, outcome, http_status, route, request_id, client_ip, previous_hash, hash, attempts,
  window_start`;

interface AuditRow {
  sequence: string;
  recorded_at: Date;
  action: AuditAction;
  user_id: string | null;
  username: string | null;
  organisation_id: string | null;
  role: string | null;
  on_behalf_of: string | null;
  trajectory_id: string | null;
  object_type: AuditObjectType | null;
  object_ids: string[];
  purpose: string | null;
  outcome: AuditOutcome;
  http_status: number;
  route: string | null;
  request_id: string | null;
  client_ip: string | null;
  previous_hash: string;
  hash: string;
  attempts: number | null;
  window_start: Date | null;
}

export interface AuditRecordFilter {
  /** Only records of this region: by a user of it, or about one of its trajectories (the auditor API always sets it). */
  regionId?: string;
  from?: Date;
  to?: Date;
  userId?: string;
  trajectoryId?: string;
  /** Records after this sequence number (the cursor). */
  after?: number;
  limit: number;
}

/** The audit log's only door: appends that extend the hash chain, and reads. There is no update and no delete. */
@Injectable()
export class AuditRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one record. The chain lock is held from reading the head to the commit, so concurrent appends queue up
   * and each extends the head the one before it left; the time comes from the database under that lock, so times
   * never run backwards along the chain, whichever replica wrote. Within `manager`'s transaction when one is given
   * (the record then commits, or not, with what that transaction does).
   */
  async append(entry: AuditEntry, manager?: EntityManager): Promise<AuditRecord> {
    const valid = auditEntrySchema.parse(entry);
    if (manager) return appendIn(manager, valid);
    return this.dataSource.transaction((own) => appendIn(own, valid));
  }

  /**
   * The bulk-read alert (issue 19, finding 13): when `userId` has read `objectType` of more than `threshold` distinct
   * trajectories within the last `windowMinutes`, and no bulk-read record of that user lies within that time, appends
   * `alertOf(the trajectories read)`. Counted from the log itself, so every replica sees every read; checked under the
   * chain lock, so reads that cross the threshold together raise one alert.
   */
  async appendBulkReadAlert(
    reads: { userId: string; objectType: AuditObjectType; threshold: number; windowMinutes: number },
    alertOf: (trajectoryIds: string[]) => AuditEntry,
  ): Promise<AuditRecord | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const [{ trajectories, alerted }] = await manager.query<{ trajectories: string[]; alerted: boolean }[]>(
        `SELECT
           coalesce(array_agg(DISTINCT trajectory_id::text)
             FILTER (WHERE action = 'read' AND object_type = $2 AND outcome = 'success' AND trajectory_id IS NOT NULL),
             '{}') AS trajectories,
           bool_or(action = 'bulk-read') IS TRUE AS alerted
         FROM audit_records
         WHERE user_id = $1 AND recorded_at > clock_timestamp() - make_interval(mins => $3)`,
        [reads.userId, reads.objectType, reads.windowMinutes],
      );
      if (alerted || trajectories.length <= reads.threshold) return undefined;
      return appendIn(manager, auditEntrySchema.parse(alertOf([...trajectories].sort())));
    });
  }

  /** Whether this connection may append: the database answers and the role has INSERT on the table. */
  async isWritable(): Promise<boolean> {
    try {
      const [row] = await this.dataSource.query<{ writable: boolean }[]>(
        `SELECT has_table_privilege('audit_records', 'INSERT') AS writable`,
      );
      return row.writable;
    } catch {
      return false;
    }
  }

  /** Records matching the filter in sequence order, from the cursor on. */
  async find(filter: AuditRecordFilter): Promise<AuditRecord[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    if (filter.regionId !== undefined) {
      where(
        (p) =>
          `(user_id IN (SELECT id FROM users WHERE region_id = ${p}) OR ` +
          `trajectory_id IN (SELECT id FROM trajectories WHERE region_id = ${p}))`,
        filter.regionId,
      );
    }
    if (filter.after !== undefined) where((p) => `sequence > ${p}`, filter.after);
    if (filter.from) where((p) => `recorded_at >= ${p}`, filter.from);
    if (filter.to) where((p) => `recorded_at < ${p}`, filter.to);
    if (filter.userId) where((p) => `user_id = ${p}`, filter.userId);
    if (filter.trajectoryId) where((p) => `trajectory_id = ${p}`, filter.trajectoryId);
    parameters.push(filter.limit);
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT ${COLUMNS} FROM audit_records
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY sequence LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map(toRecord);
  }

  /** The whole chain in sequence order, a batch at a time, for verification without holding it all in memory. */
  async *batches(size: number): AsyncGenerator<AuditRecord[]> {
    let after = 0;
    for (;;) {
      const batch = await this.find({ after, limit: size });
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1].sequence;
    }
  }
}

async function appendIn(manager: EntityManager, entry: AuditEntry): Promise<AuditRecord> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const [last] = await manager.query<{ sequence: string; hash: string }[]>(
    'SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1',
  );
  const [{ now }] = await manager.query<{ now: Date }[]>(`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`);
  const head = last ? { sequence: toSequence(last.sequence), hash: last.hash } : EMPTY_CHAIN;
  const record = sealRecord(entry, head, now);
  await manager.query(
    `INSERT INTO audit_records (${COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
    [
      record.sequence,
      record.recordedAt,
      record.action,
      record.userId,
      record.username,
      record.organisationId,
      record.role,
      record.onBehalfOf,
      record.trajectoryId,
      record.objectType,
      record.objectIds,
      record.purpose,
      record.outcome,
      record.httpStatus,
      record.route,
      record.requestId,
      record.clientIp,
      record.previousHash,
      record.hash,
      record.attempts ?? null,
      record.windowStart ?? null,
    ],
  );
  return record;
}

function toSequence(value: string): number {
  const sequence = Number(value);
  if (!Number.isSafeInteger(sequence)) throw new Error(`audit sequence ${value} is beyond 2^53`);
  return sequence;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    sequence: toSequence(row.sequence),
    recordedAt: row.recorded_at,
    action: row.action,
    userId: row.user_id,
    username: row.username,
    organisationId: row.organisation_id,
    role: row.role,
    onBehalfOf: row.on_behalf_of,
    trajectoryId: row.trajectory_id,
    objectType: row.object_type,
    objectIds: row.object_ids,
    purpose: row.purpose,
    outcome: row.outcome,
    httpStatus: row.http_status,
    route: row.route,
    requestId: row.request_id,
    clientIp: row.client_ip,
    previousHash: row.previous_hash,
    hash: row.hash,
    ...(row.attempts !== null && { attempts: row.attempts }),
    ...(row.window_start !== null && { windowStart: row.window_start }),
  };
}
