import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { IdentityReadBudget } from '../../http/per-minute-budget';

/**
 * RATE_LIMIT_IDENTITY_READS_PER_MINUTE reads of identifying fields per user (issue 19, finding 13): a coordinator
 * reads a name or BSN now and then; a script reading them by the hundred is held back with 429. Runs after the auth
 * guard, so it counts per signed-in user; the refusal is audited like any refused read of the identity.
 */
@Injectable()
export class IdentityReadLimitGuard implements CanActivate {
  constructor(private readonly budget: IdentityReadBudget) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { principal } = context.switchToHttp().getRequest<Request>();
    // The auth guard has refused a request without one; nothing to count.
    if (principal) await this.budget.spend(principal.userId);
    return true;
  }
}
