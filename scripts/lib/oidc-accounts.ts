import { Pool } from 'pg';
import type { SignInUser } from './oidc-issuer-pages';

/**
 * The accounts of the local issuer are the rows of the users table, read on every sign-in: a user a test or an
 * administrator adds can sign in at once, and one removed cannot.
 */
export class UserAccounts {
  readonly #pool: Pool;

  constructor(databaseUrl: string) {
    this.#pool = new Pool({ connectionString: databaseUrl, max: 2 });
  }

  async find(username: string): Promise<SignInUser | undefined> {
    const { rows } = await this.#pool.query<SignInUser>(
      'SELECT username, display_name AS "displayName", role FROM users WHERE username = $1',
      [username],
    );
    return rows[0];
  }

  /** The users the sign-in page offers (development data: synthetic demo users). */
  async list(limit = 50): Promise<SignInUser[]> {
    const { rows } = await this.#pool.query<SignInUser>(
      `SELECT username, display_name AS "displayName", role FROM users
       ORDER BY array_position(ARRAY['coordinator', 'partner', 'director', 'admin', 'auditor'], role::text), username
       LIMIT $1`,
      [limit],
    );
    return rows;
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
