import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from './problem';

/** A write with a body that is not JSON is refused with 415 instead of being read as an empty object. */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !request.is('application/json')) {
      // Thrown, not passed to next(): Nest routes thrown middleware errors through the problem filter.
      throw new ProblemError('unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
    }
    next();
  }
}
