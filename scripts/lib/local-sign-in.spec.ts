import { ConfigError } from '@doorloop/config';
import { planLocalSignIn } from './local-sign-in';

/** The plans that seed the demo without a notice: with npm start's own issuer, or with the one OIDC_ISSUER names. */
const seedsWithLocalIssuer = { runLocalIssuer: true, seedDemoData: true };
const seedsWithGivenIssuer = { runLocalIssuer: false, seedDemoData: true };

describe('planLocalSignIn: what npm start runs and seeds', () => {
  it('runs the local issuer and seeds the demo on its own embedded database', () => {
    const embedded = { externalDatabase: false, optedIn: false };
    expect(planLocalSignIn({ ...embedded, issuerGiven: false })).toEqual(seedsWithLocalIssuer);
    expect(planLocalSignIn({ ...embedded, issuerGiven: true })).toEqual(seedsWithGivenIssuer);
  });

  it('refuses to run the passwordless issuer over an external database, naming both ways out', () => {
    const refused = () => planLocalSignIn({ externalDatabase: true, issuerGiven: false, optedIn: false });

    expect(refused).toThrow(ConfigError);
    expect(refused).toThrow(/DATABASE_URL: is a database of your own, so npm start does not run its passwordless/);
    expect(refused).toThrow(/Set OIDC_ISSUER to your issuer, or LOCAL_ISSUER_ON_EXTERNAL_DATABASE=true/);
  });

  it('does not seed demo users into an external database that has its own issuer, and says so', () => {
    const plan = planLocalSignIn({ externalDatabase: true, issuerGiven: true, optedIn: false });

    expect(plan).toMatchObject({ runLocalIssuer: false, seedDemoData: false });
    expect(plan.notice).toMatch(/^Demo data not seeded: DATABASE_URL is a database of your own/);
  });

  it('runs the issuer and seeds an external database when the user opted in', () => {
    const optedInExternal = { externalDatabase: true, optedIn: true };
    expect(planLocalSignIn({ ...optedInExternal, issuerGiven: false })).toEqual(seedsWithLocalIssuer);
    expect(planLocalSignIn({ ...optedInExternal, issuerGiven: true })).toEqual(seedsWithGivenIssuer);
  });
});
