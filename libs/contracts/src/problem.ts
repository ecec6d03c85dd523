import { z } from 'zod';
import { FIELD_ERROR_CODES } from '@doorloop/domain';

/**
 * Every reason the api gives for refusing a request, and the one place that decides its HTTP status and title. The
 * server throws an error carrying one of these codes; its problem filter looks the status up here. Clients switch on
 * `code` (stable across releases), never on `detail` (English prose for API users and logs).
 */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'Invalid request' },
  /** The body is not JSON a parser can read. */
  'invalid-request': { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Not authenticated' },
  'invalid-token': { status: 401, title: 'Not authenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  'receiver-only': { status: 403, title: 'Only the receiver answers' },
  /** A task is claimed and completed by the organisation it is assigned to; others, the coordinator too, only read it. */
  'assignee-only': { status: 403, title: 'Only the assigned organisation acts' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'acknowledge-instead': { status: 409, title: 'Acknowledge the handover' },
  /** A signal-triage task is completed by triaging its signal. */
  'triage-instead': { status: 409, title: 'Triage the signal' },
  'already-answered': { status: 409, title: 'Conflict' },
  'task-claimed-by-colleague': { status: 409, title: 'Conflict' },
  'change-refused': { status: 409, title: 'Conflict' },
  'trajectory-ended': { status: 409, title: 'Conflict' },
  /** Another trajectory of the region has this pseudonym: a pseudonym names one trajectory in its region. */
  'pseudonym-taken': { status: 409, title: 'Conflict' },
  'region-not-configured': { status: 409, title: 'Conflict' },
  'region-policy-invalid': { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  /** Over the per-source budget, counted before the access token is looked at (any method, any route). */
  'too-many-requests-from-source': { status: 429, title: 'Too many requests' },
  /** Over the per-user budget of identity (name, BSN) reads. */
  'too-many-identity-reads': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  'database-unavailable': { status: 503, title: 'Service unavailable' },
  'audit-unavailable': { status: 503, title: 'Service unavailable' },
  'dependency-unavailable': { status: 503, title: 'Service unavailable' },
  'sign-in-unavailable': { status: 503, title: 'Service unavailable' },
  'workflow-unavailable': { status: 503, title: 'Recorded, not yet passed on' },
  /** The answer is stored; the trajectory has not yet recorded that the task fired. Send the same request again. */
  'not-yet-fired': { status: 503, title: 'Recorded, not yet passed on' },
} as const satisfies Record<string, { readonly status: number; readonly title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export { FIELD_ERROR_CODES, type FieldErrorCode } from '@doorloop/domain';

export const FIELD_LOCATIONS = ['body', 'query', 'path', 'header'] as const;

export const fieldErrorSchema = z.object({
  in: z.enum(FIELD_LOCATIONS).describe('Where the value was.'),
  field: z.string().describe('Dotted path of the field, e.g. `placements[0].endDate`.'),
  code: z.enum(FIELD_ERROR_CODES).describe('Why the field is invalid, stable across releases: translate this.'),
  detail: z.string().describe('What to do about it, in English.'),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, the body of every error the api returns. */
export const problemSchema = z
  .object({
    type: z.string().describe('A URI identifying the problem type; about:blank when the status says it all.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong and what to do about it.'),
    instance: z.string().optional(),
    code: z.enum(PROBLEM_CODES).describe('Machine-readable reason, stable across releases.'),
    errors: z.array(fieldErrorSchema).optional().describe('Every invalid field (400 only).'),
    correlationId: z.string().optional().describe('Quote it when reporting a 500.'),
  })
  .describe('RFC 9457 problem details.');
export type Problem = z.infer<typeof problemSchema>;
