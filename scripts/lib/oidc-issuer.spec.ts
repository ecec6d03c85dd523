import { LocalIssuerInProductionError, startOidcIssuer } from './oidc-issuer';
import { generateSigningKey } from './oidc-signing-key';

describe('the local OIDC issuer', () => {
  it('refuses to run with NODE_ENV=production, and says what to do instead', async () => {
    const attempt = startOidcIssuer({
      port: 0,
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      publicUrl: 'http://localhost:3000',
      audience: 'doorloop-api',
      webClientId: 'doorloop-web',
      signingKey: generateSigningKey(),
      nodeEnv: 'production',
    });
    await expect(attempt).rejects.toThrow(LocalIssuerInProductionError);
    await expect(attempt).rejects.toThrow(/Set OIDC_ISSUER to your organisation's issuer/);
  });
});
