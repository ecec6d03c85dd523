import { z } from 'zod';

/**
 * What a user did (NEN 7513 "actie"): the attempted action from the route, or `login-failed` when the request carried
 * no valid token (a 401 anywhere), or `refused` when a route that touches no audited data was refused (403), or
 * `bulk-read`, the alert that one user read more identities (name, BSN) in a short time than the threshold allows, or
 * `override`, a change accepted against a legal rule because the coordinator set it aside with a reason (issue 13).
 */
export const AUDIT_ACTIONS = [
  'read',
  'search',
  'create',
  'change',
  'export',
  'login-failed',
  'refused',
  'bulk-read',
  'override',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** success: 1xx–3xx; refused: 401, 403, 404 (out of scope and absent look alike on purpose), 429; failed: the rest. */
export const AUDIT_OUTCOMES = ['success', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The kinds of object a record can name. */
export const AUDIT_OBJECT_TYPES = [
  'trajectory',
  'milestone',
  'task',
  'handover',
  'audit-record',
  'dashboard',
  'identity',
  'workflow-payload',
  'signal',
  'report',
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });

/** GET /audit-records: the query. */
export const auditRecordQuerySchema = z
  .strictObject({
    from: instant.optional().describe('Records at or after this moment.'),
    to: instant.optional().describe('Records before this moment.'),
    userId: z.uuid('must be a UUID').optional().describe('Records of this user.'),
    trajectoryId: z.uuid('must be a UUID').optional().describe('Records about this trajectory.'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,14}$/, 'must be a nextCursor this endpoint returned')
      .optional()
      .describe('The nextCursor of the previous page.'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'must not be before from',
    path: ['to'],
  });
export type AuditRecordQuery = z.output<typeof auditRecordQuerySchema>;

const nullableText = z.string().nullable();

/** One record of the audit log as the api gives it out; docs/audit.md explains every field and the hash. */
export const auditRecordSchema = z.object({
  sequence: z.number().int().describe('Position in the hash chain: 1, 2, 3, … without gaps.'),
  recordedAt: z.iso.datetime().describe('UTC.'),
  action: z.enum(AUDIT_ACTIONS),
  userId: z.uuid().nullable(),
  username: nullableText,
  organisationId: z.uuid().nullable(),
  role: nullableText,
  onBehalfOf: nullableText.describe('Whom the user acted for, when someone else.'),
  trajectoryId: z.uuid().nullable(),
  objectType: z.enum(AUDIT_OBJECT_TYPES).nullable(),
  objectIds: z.array(z.string()),
  purpose: nullableText.describe('NEN 7513 "doel".'),
  outcome: z.enum(AUDIT_OUTCOMES),
  httpStatus: z.number().int(),
  route: nullableText.describe('The route called, e.g. GET /trajectories/{id}.'),
  requestId: nullableText.describe('Correlates with the request in the api log.'),
  clientIp: nullableText,
  attempts: z
    .number()
    .int()
    .nullable()
    .describe(
      'Only on the record of a window of refusals before sign-in (failed logins, 429s) from clientIp: how many ' +
        'requests it stands for. Null on every other record.',
    ),
  windowStart: z.iso
    .datetime()
    .nullable()
    .describe(
      'UTC. With attempts: where the window of those refusals starts (it lasts AUDIT_FAILED_LOGIN_WINDOW_SECONDS).',
    ),
  previousHash: z.string().describe('SHA-256 (hex) of the record before it.'),
  hash: z.string().describe('SHA-256 (hex) of this record; see docs/audit.md for the canonical form.'),
});
export type AuditRecordView = z.output<typeof auditRecordSchema>;

/** GET /audit-records: one page, in chain order. */
export const auditRecordListSchema = z.object({
  items: z.array(auditRecordSchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page.'),
});
export type AuditRecordList = z.output<typeof auditRecordListSchema>;
