import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '@doorloop/config';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One budget of writes (POST, PUT, DELETE, PATCH) per user per minute, over all write endpoints together; reads are not
 * limited here. The auth guard runs first, so a signed-in request counts against its user; a request without a user
 * (a public route) against its IP address. Counters live in the process: with N api replicas a user gets up to N times
 * the budget, which is still a bound (a shared store is the step up when that matters).
 */
export function writeThrottling(config: Pick<AppConfig, 'RATE_LIMIT_WRITES_PER_MINUTE'>): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_WRITES_PER_MINUTE }],
    skipIf: (context: ExecutionContext) => READS.has(context.switchToHttp().getRequest<Request>().method),
    getTracker: (request) => {
      const { principal, ip } = request as Request;
      return principal ? `user:${principal.userId}` : `ip:${ip ?? 'unknown'}`;
    },
    generateKey: (_context, tracker) => `writes:${tracker}`,
    errorMessage: `Too many changes in a short time: at most ${config.RATE_LIMIT_WRITES_PER_MINUTE} per minute. Wait for the number of seconds in Retry-After.`,
  };
}
