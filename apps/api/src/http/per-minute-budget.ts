import type { Provider } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { ProblemError, type ProblemCode } from './problem';

const MINUTE_MS = 60_000;

/** What a budget counts, and how it refuses. */
export interface BudgetSpec {
  /** The setting that holds its size per minute. */
  readonly setting: 'RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE' | 'RATE_LIMIT_IDENTITY_READS_PER_MINUTE';
  /** Names the budget: its keys and its storage slot. */
  readonly name: string;
  readonly code: ProblemCode;
  /** What is counted, in the refusal's detail. */
  readonly counted: string;
}

/**
 * A budget of requests per minute per key, its size read from its setting, kept in the throttler's storage (the one the
 * write limit uses: in the process, so per replica). Beyond it the key is held back for a minute: `spend` throws a 429
 * problem with `code` and `Retry-After` in seconds.
 */
export class PerMinuteBudget {
  private readonly limit: number;
  private readonly name: string;
  private readonly code: ProblemCode;
  private readonly detail: string;

  constructor(
    private readonly storage: ThrottlerStorage,
    config: AppConfig,
    { setting, name, code, counted }: BudgetSpec,
  ) {
    this.limit = config[setting];
    this.name = name;
    this.code = code;
    this.detail = `Too many ${counted}: at most ${this.limit} per minute. Wait for the seconds in Retry-After.`;
  }

  async spend(key: string): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      `${this.name}:${key}`,
      MINUTE_MS,
      this.limit,
      MINUTE_MS,
      this.name,
    );
    if (!isBlocked) return;
    throw new ProblemError(this.code, this.detail, {
      headers: { 'Retry-After': String(Math.max(1, timeToBlockExpire)) },
    });
  }
}

/** Requests of any method per source address, before sign-in (SourceRateLimitMiddleware, issue 19, finding 5). */
export class SourceBudget extends PerMinuteBudget {}

/** Reads of identifying fields per user (IdentityReadLimitGuard, issue 19, finding 13). */
export class IdentityReadBudget extends PerMinuteBudget {}

/** The budget `token`, for the providers of the module that uses it. */
function budgetProvider(token: typeof PerMinuteBudget, spec: BudgetSpec): Provider {
  return {
    provide: token,
    inject: [ThrottlerStorage, APP_CONFIG],
    useFactory: (storage: ThrottlerStorage, config: AppConfig) => new token(storage, config, spec),
  };
}

export const sourceBudgetProvider = budgetProvider(SourceBudget, {
  setting: 'RATE_LIMIT_REQUESTS_PER_SOURCE_PER_MINUTE',
  name: 'source',
  code: 'too-many-requests-from-source',
  counted: 'requests from your address',
});

export const identityReadBudgetProvider = budgetProvider(IdentityReadBudget, {
  setting: 'RATE_LIMIT_IDENTITY_READS_PER_MINUTE',
  name: 'identity-reads',
  code: 'too-many-identity-reads',
  counted: 'reads of identifying fields',
});
