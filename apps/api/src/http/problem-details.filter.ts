import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { fieldErrors } from './field-errors';
import { PROBLEM_CONTENT_TYPE, ProblemException, type FieldError, type Problem } from './problem';

/**
 * The single place where errors become HTTP responses. Known errors keep their status and message; a database that
 * cannot be reached is a 503 to try again; anything else is a 500 with a correlation id that points to the log, never
 * an internal message.
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
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      problem.correlationId = randomUUID();
      this.logger.error({ err: exception, correlationId: problem.correlationId }, 'Unhandled error');
    }
    if (exception instanceof ProblemException) response.set(exception.headers);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): Problem {
    const instance = request.originalUrl.split('?')[0];
    if (exception instanceof ZodValidationException) {
      exception = ProblemException.invalid(fieldErrors(exception.getZodError() as ZodError, locationOf(request)));
    }
    if (exception instanceof ProblemException) {
      const { status, code, title, detail, errors } = exception;
      return { type: 'about:blank', title, status, detail, instance, code, ...(errors ? { errors } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: 'about:blank',
        title: titleOf(status),
        status,
        detail: messageOf(exception, status),
        instance,
        code: codeOf(status),
      };
    }
    const bodyParserStatus = bodyParserErrorStatus(exception);
    if (bodyParserStatus) {
      return {
        type: 'about:blank',
        title: titleOf(bodyParserStatus),
        status: bodyParserStatus,
        detail: bodyParserDetail(bodyParserStatus),
        instance,
        code: codeOf(bodyParserStatus),
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the correlation id when you report it.',
      instance,
      code: 'internal-error',
    };
  }
}

function locationOf(request: Request): FieldError['in'] {
  return request.method === 'GET' || request.method === 'DELETE' ? 'query' : 'body';
}

function messageOf(exception: HttpException, status: number): string {
  if (status === 404) return 'There is nothing at this address. See /api/v1/openapi.json for the routes.';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}

/** Express body parsers throw plain errors carrying `status` and `type`. */
function bodyParserErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null || !('type' in exception) || !('status' in exception))
    return undefined;
  const status = Number((exception as { status: unknown }).status);
  return status >= 400 && status < 500 ? status : undefined;
}

function bodyParserDetail(status: number): string {
  switch (status) {
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'The request body must be JSON (Content-Type: application/json, UTF-8).';
    default:
      return 'The request body is not valid JSON.';
  }
}

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'Service unavailable',
};

function titleOf(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Internal error' : 'Request failed');
}

function codeOf(status: number): string {
  return titleOf(status).toLowerCase().replace(/\s+/g, '-');
}
