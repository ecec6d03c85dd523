import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, AUDIT_OUTCOMES } from '@doorloop/contracts';

/** Lower-case canonical UUIDs only: PostgreSQL prints uuids in lower case, and the hash must survive the round trip. */
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case UUID');
const text = (max: number) => z.string().min(1).max(max);
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** One access as the api reports it; the chain adds sequence, time and hashes. */
export const auditEntrySchema = z.strictObject({
  action: z.enum(AUDIT_ACTIONS),
  userId: uuid.nullable(),
  username: text(64).nullable(),
  organisationId: uuid.nullable(),
  role: text(16).nullable(),
  /** NEN 7513 "namens wie": the subject the user acts for, from the token's `act` claim. */
  onBehalfOf: text(255).nullable(),
  trajectoryId: uuid.nullable(),
  objectType: z.enum(AUDIT_OBJECT_TYPES).nullable(),
  /** Ids, or `namespace/workflowId` for a workflow's payloads (a namespace may be long). */
  objectIds: z.array(text(300)).max(1000),
  /** NEN 7513 "doel". */
  purpose: text(40).nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  httpStatus: z.number().int().min(100).max(599),
  /** The matched route template (`GET /trajectories/{id}`), or the path when no route matched. */
  route: text(300).nullable(),
  requestId: text(64).nullable(),
  clientIp: text(45).nullable(),
  /**
   * Only on an aggregate of refusals before sign-in (failed logins, 429s from one source): how many requests of
   * `clientIp` with `httpStatus` in the window from `windowStart` this one record stands for. Absent on every other
   * record, and absent from its canonical form, so records written before these fields existed keep their hashes.
   */
  attempts: z.number().int().min(1).max(2_147_483_647).optional(),
  windowStart: z.date().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A stored record: the entry, its place in the chain, and the hashes that link it to the one before. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3, … without gaps: a gap is a deleted record. */
  readonly sequence: number;
  /** UTC, millisecond precision (the database keeps timestamptz(3), so the value survives the round trip). */
  readonly recordedAt: Date;
  readonly previousHash: string;
  readonly hash: string;
}
