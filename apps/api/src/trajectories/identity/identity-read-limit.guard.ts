import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { PerMinuteBudget } from '../../http/per-minute-budget';

/**
 * RATE_LIMIT_IDENTITY_READS_PER_MINUTE reads of identifying fields per user (issue 19, finding 13): a coordinator
 * reads a name or BSN now and then; a script reading them by the hundred is held back with 429. Runs after the auth
 * guard, so it counts per signed-in user; the refusal is audited like any refused read of the identity.
 */
@Injectable()
export class IdentityReadLimitGuard implements CanActivate {
  private readonly budget: PerMinuteBudget;

  constructor(@Inject(ThrottlerStorage) storage: ThrottlerStorage, @Inject(APP_CONFIG) config: AppConfig) {
    const limit = config.RATE_LIMIT_IDENTITY_READS_PER_MINUTE;
    this.budget = new PerMinuteBudget(storage, 'identity-reads', limit, {
      code: 'too-many-identity-reads',
      detail: `Too many reads of identifying fields: at most ${limit} per minute. Wait for the seconds in Retry-After.`,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { principal } = context.switchToHttp().getRequest<Request>();
    // The auth guard has refused a request without one; nothing to count.
    if (principal) await this.budget.spend(principal.userId);
    return true;
  }
}
