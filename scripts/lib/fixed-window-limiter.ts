/**
 * Counts requests per key in fixed windows (e.g. per minute): enough to stop a script from guessing client secrets or
 * flooding the token endpoint, without a store. Expired windows are dropped as new ones open, so memory stays bounded
 * by the keys active in one window.
 */
export class FixedWindowLimiter {
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; refused requests count too, so hammering does not shorten the wait. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.#sweep(now);
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)),
    };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.startedAt >= this.windowMs) this.#windows.delete(key);
    }
  }
}
