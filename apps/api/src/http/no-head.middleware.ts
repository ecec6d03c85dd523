import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ProblemError } from './problem';

/**
 * HEAD is refused on every api route. Express would answer it with the GET handler, a read that is audited only when
 * it succeeds, while a HEAD's 400 or 404 (probing which ids exist) went unrecorded; no client of the api needs it.
 */
@Injectable()
export class NoHeadMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (request.method === 'HEAD') {
      throw new ProblemError('method-not-allowed', 'The api does not answer HEAD: send GET.', {
        headers: { Allow: 'GET' },
      });
    }
    next();
  }
}
