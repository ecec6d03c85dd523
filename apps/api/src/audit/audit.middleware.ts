import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuditTrail } from './audit-trail';

/**
 * Sees every request, including those a guard refuses before any interceptor runs (401, 403) and those no route
 * answers: when the response is done ('close' also fires when the client went away first), it records what the
 * interceptor did not.
 */
@Injectable()
export class AuditMiddleware implements NestMiddleware {
  constructor(private readonly trail: AuditTrail) {}

  use(request: Request, response: Response, next: NextFunction): void {
    response.once('close', () => void this.trail.recordAfterResponse(request, response));
    next();
  }
}
