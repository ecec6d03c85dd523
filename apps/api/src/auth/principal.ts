import type { UserRole } from '@doorloop/contracts';

/**
 * Who is asking: the user a verified access token names, as the users table knows them. The auth guard puts it on
 * the request (`request.principal`); the policy layer decides from it what that user may reach.
 */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: UserRole;
  readonly regionId: string;
  /** The organisation the user works for; null for region-wide roles without one (admin, auditor). */
  readonly organisationId: string | null;
  /** CBS codes of the municipalities a director watches; empty for other roles. */
  readonly municipalityCodes: readonly string[];
  /** Someone the user acts for (NEN 7513 "on whose behalf"), from the token's `act.sub` claim when present. */
  readonly onBehalfOf: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
