import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { concatMap, type Observable } from 'rxjs';
import { ProblemError } from '../http/problem';
import { AUDIT_ROUTE, type AuditRoute } from './audit.decorator';
import { AuditTrail } from './audit-trail';
import { PURPOSE_CODES, PURPOSE_HEADER, requestedPurpose } from './purpose';

const unavailable = (detail: string) => new ProblemError('audit-unavailable', detail);

/**
 * Fails closed: a response with audited data leaves only after its record is committed, and a change starts only when
 * the audit log can be written. Errors pass through; the response-finish hook records them.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const route = this.reflector.get<AuditRoute | undefined>(AUDIT_ROUTE, context.getHandler());
    if (!route || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    if (requestedPurpose(request.headers['x-purpose']) === 'invalid') {
      throw ProblemError.invalid([
        {
          in: 'header',
          field: PURPOSE_HEADER,
          code: 'invalid-value',
          detail: `must be one of ${PURPOSE_CODES.join(', ')}`,
        },
      ]);
    }
    const writes = route.action === 'create' || route.action === 'change';
    if (writes && !(await this.trail.isWritable())) {
      throw unavailable('The audit log cannot be written, so nothing was changed. Try again later.');
    }
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        try {
          await this.trail.record(request, response, response.statusCode, route, result);
        } catch {
          throw unavailable(
            writes
              ? 'The change was made but could not be recorded in the audit log; operators have been alerted. ' +
                  'Check the result before you repeat it.'
              : 'The access could not be recorded in the audit log, so its data is withheld. Try again later.',
          );
        }
        return result;
      }),
    );
  }
}
