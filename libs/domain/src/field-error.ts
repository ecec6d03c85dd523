/**
 * Why a field is invalid, one stable code per finding, so every client says it in its own language (the `message` is
 * the English fallback for logs and API users). The first group is about a value's shape, as the API's schema checks
 * find it; the rest are the domain's rules. The HTTP contract (libs/contracts) publishes this list.
 */
export const FIELD_ERROR_CODES = [
  // Shape
  'required',
  'invalid-type',
  'invalid-date',
  'invalid-date-time',
  'invalid-format',
  'invalid-value',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'too-few',
  'too-many',
  'unknown-field',
  /** A control character (NUL and the other C0 controls but tab, line feed and carriage return) in a value or key. */
  'control-character',
  /** A pseudonym holding nine digits that pass the BSN 11-proof. */
  'bsn-like',
  /** A pseudonym that reads as a name or word: no digit, or four letters in a row. */
  'name-like',
  /** A pseudonym without its region's prefix. */
  'wrong-prefix',
  // References to what the region has
  'unknown-organisation',
  /** A partner's role is not the role its organisation plays (police as the adult-care partner). */
  'role-mismatch',
  'unknown-municipality',
  'unknown-cursor',
  /** An identifying field the trajectory's region does not keep (see identifying-fields.ts). */
  'not-kept-in-region',
  // Dates and their order
  'in-future',
  'too-old',
  'before-birth-date',
  'before-start',
  'end-before-start',
  'before-current-placement',
  'not-on-closure-date',
  // Trajectory changes
  'duplicate',
  'unchanged',
  'type-changed',
  'not-involved',
  'closed-placement-only',
  'already-closed',
  'already-paused',
  'not-paused',
  'paused',
  'pause-overlaps',
  'pause-still-running',
  'checklist-incomplete',
  // Task records
  'not-fired',
  'not-a-handover',
  'not-receiver',
  'already-acknowledged',
  'no-task-for-organisation',
  // Continuity at 18
  /** A legal-basis period overlaps another it may not run beside (the same basis, two youth-care bases, none). */
  'basis-overlaps',
  /** A basis outside the ages the law gives it: jeugdwet after 18, verlengde-jeugdhulp before 18 or from 23. */
  'basis-not-for-age',
  /** Extended youth care without youth help that started before 18. */
  'youth-care-not-before-18',
  /** Extended youth care more than six months after youth care ended. */
  'youth-care-ended-too-long-ago',
  /** Only a closed trajectory can be reopened. */
  'not-closed',
  /** A reopening before the closure it undoes. */
  'before-closure',
  // Signals
  /** Nine digits that fail the 11-proof, or not nine digits. */
  'invalid-bsn',
  // Lawful and legible placements (issue 13)
  /** A subtype its court measure's type does not have (an OTS has none). */
  'subtype-not-for-type',
  /** A machtiging longer than the law allows its subtype (1 year; emergency 4 weeks). */
  'exceeds-legal-maximum',
  /** A closed placement starting on or after the 18th birthday. */
  'closed-care-starts-after-18',
  /** A closed placement running past 18 without treatment that started before 18. */
  'closed-care-without-treatment-before-18',
  /** Closed care, or its authorisation, beyond 18 + 6 months. */
  'closed-care-past-limit',
  /** A missing episode that is already closed by her return. */
  'already-returned',
  /** She is already recorded as missing: record her return first. */
  'already-missing',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** One invalid field: `path` names it (`placements[1].endDate`), `code` says why, `message` tells the user what to do. */
export interface FieldError {
  readonly path: string;
  readonly code: FieldErrorCode;
  readonly message: string;
}
