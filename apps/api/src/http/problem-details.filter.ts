import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { PROBLEMS } from '@doorloop/contracts';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { fieldErrors } from './field-errors';
import { PROBLEM_CONTENT_TYPE, ProblemError, type FieldError, type Problem, type ProblemCode } from './problem';
import { isBodyReadError, unreadableBody } from './unreadable-body';

/**
 * The single place where errors become HTTP responses. A ProblemError gets the status and title its code has in
 * PROBLEMS (libs/contracts); the framework's own refusals (an unknown route, the rate limit, a body it cannot read)
 * get a code too; a database that cannot be reached is a 503 to try again; anything else is a 500 with a correlation
 * id that points to the log, never an internal message.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: exception }, 'The database is unavailable');
      exception = databaseUnavailable();
    }
    const error = asProblemError(exception, request);
    const problem = problemOf(error ?? new ProblemError('internal-error', INTERNAL_DETAIL), request);
    if (problem.status >= 500) {
      problem.correlationId = randomUUID();
      this.logger.error({ err: exception, correlationId: problem.correlationId }, 'Unhandled error');
    }
    if (error) response.set(error.headers);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

const INTERNAL_DETAIL = 'Something went wrong on our side. Quote the correlation id when you report it.';

/** The body of the response for a refusal: its status and title come from the one map, by code. */
export function problemOf(error: ProblemError, request: Pick<Request, 'originalUrl'>): Problem {
  const { status, title } = PROBLEMS[error.code];
  return {
    type: 'about:blank',
    title,
    status,
    detail: error.detail,
    instance: request.originalUrl.split('?')[0],
    code: error.code,
    ...(error.errors ? { errors: [...error.errors] } : {}),
  };
}

/** What the api knows how to refuse, as a ProblemError; undefined for an error nobody expected (a 500). */
function asProblemError(exception: unknown, request: Request): ProblemError | undefined {
  if (exception instanceof ProblemError) return exception;
  if (exception instanceof ZodValidationException) {
    const where = locationOf(request);
    const input: unknown = where === 'query' ? request.query : request.body;
    return ProblemError.invalid(fieldErrors(exception.getZodError() as ZodError, where, input));
  }
  if (exception instanceof HttpException) {
    const code = FRAMEWORK_CODES[exception.getStatus()];
    return code ? new ProblemError(code, messageOf(exception, code)) : undefined;
  }
  if (isBodyReadError(exception)) return unreadableBody(exception);
  return undefined;
}

/** The statuses Nest and its throttler refuse with, as codes of the map. */
const FRAMEWORK_CODES: Partial<Record<number, ProblemCode>> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

function locationOf(request: Request): FieldError['in'] {
  return request.method === 'GET' || request.method === 'DELETE' ? 'query' : 'body';
}

function messageOf(exception: HttpException, code: ProblemCode): string {
  if (code === 'not-found') return 'There is nothing at this address. See /api/v1/openapi.json for the routes.';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
