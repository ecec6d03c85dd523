import type { ThrottlerStorage } from '@nestjs/throttler';
import { ProblemError, type ProblemCode } from './problem';

const MINUTE_MS = 60_000;

/**
 * A budget of `limit` requests per minute per key, kept in the throttler's storage (the one the write limit uses: in
 * the process, so per replica). Beyond it the key is held back for a minute: `spend` throws a 429 problem with
 * `Retry-After` in seconds.
 */
export class PerMinuteBudget {
  constructor(
    private readonly storage: ThrottlerStorage,
    /** Names the budget: its keys and its storage slot. */
    private readonly name: string,
    private readonly limit: number,
    private readonly refusal: { code: ProblemCode; detail: string },
  ) {}

  async spend(key: string): Promise<void> {
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      `${this.name}:${key}`,
      MINUTE_MS,
      this.limit,
      MINUTE_MS,
      this.name,
    );
    if (!isBlocked) return;
    throw new ProblemError(this.refusal.code, this.refusal.detail, {
      headers: { 'Retry-After': String(Math.max(1, timeToBlockExpire)) },
    });
  }
}
