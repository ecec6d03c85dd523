import type { FieldError, ProblemCode } from '@doorloop/contracts';

export { PROBLEM_CONTENT_TYPE, type FieldError, type Problem, type ProblemCode } from '@doorloop/contracts';

/**
 * What services, guards, middleware and pipes throw when they refuse a request: a code and what to do about it. The
 * HTTP status and title are not theirs to choose: the problem filter looks both up by code in the one map,
 * PROBLEMS in libs/contracts.
 */
export class ProblemError extends Error {
  /** Every invalid field, for `validation-failed`. */
  readonly errors?: readonly FieldError[];
  /** Response headers the problem needs, e.g. `WWW-Authenticate` on a 401 or `Retry-After` on a 503. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    options: { errors?: readonly FieldError[]; headers?: Readonly<Record<string, string>> } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  static invalid(errors: readonly FieldError[]): ProblemError {
    const fields = errors.map((e) => e.field).join(', ');
    return new ProblemError('validation-failed', `Correct these fields and send again: ${fields}.`, { errors });
  }

  static notFound(what: string): ProblemError {
    return new ProblemError('not-found', `${what} does not exist or is not visible to you.`);
  }
}
