import type { ZodError } from 'zod';
import type { FieldError } from './problem';

export function fieldErrors(error: ZodError, where: FieldError['in']): FieldError[] {
  return error.issues.flatMap((issue) => {
    // An unknown field is named by its own key, so the client sees which field to remove.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: where,
        field: fieldPath([...issue.path, key]),
        detail: 'Unknown field: remove it.',
      }));
    }
    return [{ in: where, field: fieldPath(issue.path) || '(root)', detail: issue.message }];
  });
}

/** `placements[1].endDate`, the notation the domain's own validation uses, so one response never mixes two. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
