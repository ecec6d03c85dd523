import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SourceBudget } from './per-minute-budget';

/**
 * A budget per source address for every request to the api, whatever its method, counted before the access token is
 * looked at (middleware runs before any guard): a flood of bad tokens from one address meets 429s after
 * RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE requests instead of costing work on every one (issue 19, finding 5). The
 * source is Express's `request.ip`: the socket's address, or the client's behind a proxy Express is told to trust.
 */
@Injectable()
export class SourceRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly budget: SourceBudget) {}

  async use(request: Request, _response: Response, next: NextFunction): Promise<void> {
    // Thrown, not passed to next(): Nest routes thrown middleware errors through the problem filter.
    await this.budget.spend(request.ip ?? 'unknown');
    next();
  }
}
