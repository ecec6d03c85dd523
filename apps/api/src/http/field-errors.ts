import type { core, ZodError } from 'zod';
import { FIELD_ERROR_CODES, type FieldErrorCode } from '@doorloop/contracts';
import type { FieldError } from './problem';

/**
 * A schema's findings as field errors, each with its code. `input` is the value that was checked: a missing field
 * and a field of the wrong type are the same zod issue, told apart by looking.
 */
export function fieldErrors(error: ZodError, where: FieldError['in'], input: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    // An unknown field is named by its own key, so the client sees which field to remove.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: where,
        field: fieldPath([...issue.path, key]),
        code: 'unknown-field',
        detail: 'Unknown field: remove it.',
      }));
    }
    return [{ in: where, field: fieldPath(issue.path) || '(root)', code: codeOf(issue, input), detail: issue.message }];
  });
}

function codeOf(issue: core.$ZodIssue, input: unknown): FieldErrorCode {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? 'required' : 'invalid-type';
    case 'invalid_format':
      if (issue.format === 'date') return 'invalid-date';
      if (issue.format === 'datetime') return 'invalid-date-time';
      return 'invalid-format';
    case 'too_big':
      return issue.origin === 'string' ? 'too-long' : issue.origin === 'array' ? 'too-many' : 'too-large';
    case 'too_small':
      // A text that is empty (after trimming) is one the user did not fill in.
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : 'too-short';
      return issue.origin === 'array' ? 'too-few' : 'too-small';
    case 'custom': {
      // A refinement names its code in params: `refine(check, { params: { code: 'required' } })`.
      const code: unknown = issue.params?.code;
      return isFieldErrorCode(code) ? code : 'invalid-value';
    }
    case 'unrecognized_keys':
      return 'unknown-field';
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return 'invalid-value';
  }
}

function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && (FIELD_ERROR_CODES as readonly string[]).includes(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `placements[1].endDate`, the notation the domain's own validation uses, so one response never mixes two. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
