import { ConfigError } from '@doorloop/config';

export interface LocalSignInPlan {
  /** Run the passwordless local OIDC issuer (anyone who reaches it signs in as any user of the users table by name). */
  runLocalIssuer: boolean;
  /** Seed the demo region and its demo users (passwordless accounts, once the local issuer runs). */
  seedDemoData: boolean;
  /** What npm start says about a choice it made for the user, if any. */
  notice?: string;
}

/**
 * Whether `npm start` may run its passwordless issuer and seed demo users. On its own embedded PostgreSQL, yes: the
 * data there is synthetic. On a DATABASE_URL of the user's own (possibly with real accounts), only with
 * LOCAL_ISSUER_ON_EXTERNAL_DATABASE=true: otherwise every local process could sign in as any of its users.
 */
export function planLocalSignIn(options: {
  externalDatabase: boolean;
  issuerGiven: boolean;
  optedIn: boolean;
}): LocalSignInPlan {
  const { externalDatabase, issuerGiven, optedIn } = options;
  if (!externalDatabase || optedIn) return { runLocalIssuer: !issuerGiven, seedDemoData: true };
  if (!issuerGiven) {
    throw new ConfigError([
      'DATABASE_URL: is a database of your own, so npm start does not run its passwordless local OIDC issuer over ' +
        'it (anyone who reaches the issuer signs in as any of its users by name) nor seed demo users into it. Set ' +
        'OIDC_ISSUER to your issuer, or LOCAL_ISSUER_ON_EXTERNAL_DATABASE=true if this database holds test data only.',
    ]);
  }
  return {
    runLocalIssuer: false,
    seedDemoData: false,
    notice:
      'Demo data not seeded: DATABASE_URL is a database of your own (LOCAL_ISSUER_ON_EXTERNAL_DATABASE=true seeds it).',
  };
}
