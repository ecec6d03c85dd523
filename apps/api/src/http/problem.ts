/** RFC 9457 problem details, the body of every error the api returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Machine-readable reason, stable across releases. */
  code: string;
  /** Every invalid field, for 400s. */
  errors?: FieldError[];
  correlationId?: string;
}

export interface FieldError {
  /** Where the value was: body, query, path or header. */
  in: 'body' | 'query' | 'path' | 'header';
  /** Dotted path of the field, e.g. `placements.0.endDate`. */
  field: string;
  detail: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A domain error whose code maps to an HTTP status in one place (ProblemDetailsFilter). */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Response headers the problem needs, e.g. `WWW-Authenticate` on a 401. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
  }

  static invalid(errors: FieldError[]): ProblemException {
    const fields = errors.map((e) => e.field).join(', ');
    return new ProblemException(
      400,
      'validation-failed',
      'Invalid request',
      `Correct these fields and send again: ${fields}.`,
      errors,
    );
  }

  static notFound(what: string): ProblemException {
    return new ProblemException(404, 'not-found', 'Not found', `${what} does not exist or is not visible to you.`);
  }
}
