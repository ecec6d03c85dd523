import { createHash } from 'node:crypto';
import type { AuditEntry, AuditRecord } from './audit-record';

/** The `previousHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped whenever the canonical form changes; part of every hash, so two formats can never be confused. */
export const CHAIN_FORMAT = 'doorloop-audit-v1';

/** Where a chain stands: the last record verified or appended. The empty chain is at sequence 0. */
export interface ChainHead {
  readonly sequence: number;
  readonly hash: string;
}
export const EMPTY_CHAIN: ChainHead = { sequence: 0, hash: GENESIS_HASH };

type Sealable = Omit<AuditRecord, 'hash'>;

/**
 * The bytes a record's hash is computed over: a JSON object of every field but the hash itself, keys in code-point
 * order, absent values as explicit nulls, times as ISO 8601 UTC with milliseconds. With only strings, integers,
 * null and arrays of strings this is exactly RFC 8785 (JSON Canonicalization Scheme) output. The fields of an
 * aggregate (`attempts`, `windowStart`) are keys only on an aggregate: every record written before they existed
 * keeps the form, and so the hash, it was sealed with.
 */
export function canonicalForm(record: Sealable): string {
  const fields: Record<string, unknown> = {
    action: record.action,
    clientIp: record.clientIp,
    httpStatus: record.httpStatus,
    objectIds: [...record.objectIds],
    objectType: record.objectType,
    onBehalfOf: record.onBehalfOf,
    organisationId: record.organisationId,
    outcome: record.outcome,
    previousHash: record.previousHash,
    purpose: record.purpose,
    recordedAt: record.recordedAt.toISOString(),
    requestId: record.requestId,
    role: record.role,
    route: record.route,
    sequence: record.sequence,
    trajectoryId: record.trajectoryId,
    userId: record.userId,
    username: record.username,
    ...(record.attempts !== undefined && { attempts: record.attempts }),
    ...(record.windowStart !== undefined && { windowStart: record.windowStart.toISOString() }),
  };
  const sorted = Object.keys(fields).sort();
  return JSON.stringify(Object.fromEntries(sorted.map((key) => [key, fields[key]])));
}

/** SHA-256 (hex) over the format tag and the canonical form, which includes the previous record's hash. */
export function chainHash(record: Sealable): string {
  return createHash('sha256').update(`${CHAIN_FORMAT}\n`).update(canonicalForm(record), 'utf8').digest('hex');
}

/** The record that extends the chain at `head` with `entry`, recorded at `recordedAt`. */
export function sealRecord(entry: AuditEntry, head: ChainHead, recordedAt: Date): AuditRecord {
  const unsealed: Sealable = {
    ...entry,
    objectIds: [...entry.objectIds],
    sequence: head.sequence + 1,
    recordedAt,
    previousHash: head.hash,
  };
  return { ...unsealed, hash: chainHash(unsealed) };
}

/**
 * The first broken link, in the order the checks are made for each record:
 * `sequence`: the record does not follow the one before (records were deleted, or inserted out of turn);
 * `previous-hash`: the record does not name the hash of the one before (a link was cut or a record replaced);
 * `hash`: the record's content does not match its own hash (a field was changed after it was written).
 */
export interface ChainBreak {
  /** 1-based ordinal of the record among those read in sequence order. */
  readonly position: number;
  /** The sequence number stored in the broken record. */
  readonly sequence: number;
  readonly problem: 'sequence' | 'previous-hash' | 'hash';
  readonly expected: string;
  readonly found: string;
}

export type SegmentResult =
  | { readonly ok: true; readonly head: ChainHead; readonly verified: number }
  | { readonly ok: false; readonly broken: ChainBreak; readonly verified: number };

/**
 * Verifies records that continue the chain at `head` (pass EMPTY_CHAIN for the start), in sequence order. Call it once
 * per batch with the head the previous batch returned: the result is the same as for the whole chain at once.
 * `verified` counts the records before the break, including those verified by earlier batches.
 */
export function verifySegment(records: readonly AuditRecord[], head: ChainHead, verifiedBefore = 0): SegmentResult {
  let current = head;
  for (const [index, record] of records.entries()) {
    const position = verifiedBefore + index + 1;
    const broken = (problem: ChainBreak['problem'], expected: string, found: string): SegmentResult => ({
      ok: false,
      broken: { position, sequence: record.sequence, problem, expected, found },
      verified: position - 1,
    });
    if (record.sequence !== current.sequence + 1) {
      return broken('sequence', String(current.sequence + 1), String(record.sequence));
    }
    if (record.previousHash !== current.hash) return broken('previous-hash', current.hash, record.previousHash);
    const recomputed = chainHash(record);
    if (record.hash !== recomputed) return broken('hash', recomputed, record.hash);
    current = { sequence: record.sequence, hash: record.hash };
  }
  return { ok: true, head: current, verified: verifiedBefore + records.length };
}

/** One line for an operator, starting "at sequence N": where the chain breaks and what that means. */
export function describeBreak(broken: ChainBreak): string {
  switch (broken.problem) {
    case 'sequence':
      return (
        `at sequence ${broken.found} (record ${broken.position} in order), where ${broken.expected} was expected: ` +
        'records are missing (deleted) or were inserted out of turn'
      );
    case 'previous-hash':
      return (
        `at sequence ${broken.sequence}: it names previous hash ${broken.found}, but the record before it has ` +
        `${broken.expected}: the link was changed, or the record before it was replaced`
      );
    case 'hash':
      return (
        `at sequence ${broken.sequence}: its content hashes to ${broken.expected}, but it stores ${broken.found}: ` +
        'the record was changed after it was written'
      );
  }
}
