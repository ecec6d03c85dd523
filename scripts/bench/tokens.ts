import type { BenchStack } from './bench-stack';

/**
 * Access tokens for the bench's users, asked once per user at the stack's issuer and again a minute before they expire
 * (they last 15 minutes; a full run lasts longer).
 */
export class TokenSource {
  private readonly tokens = new Map<string, Promise<{ token: string; expiresAt: number }>>();

  constructor(private readonly stack: BenchStack) {}

  async get(username: string): Promise<string> {
    const cached = await this.tokens.get(username)?.catch(() => undefined);
    if (cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
    const fresh = this.stack
      .token(username)
      .then(({ accessToken, expiresIn }) => ({ token: accessToken, expiresAt: Date.now() + expiresIn * 1000 }));
    this.tokens.set(username, fresh);
    return (await fresh).token;
  }
}
