import { createRemoteJWKSet, jwtVerify, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { APP_CONFIG, requireOidcIssuer, type AppConfig } from '@doorloop/config';

/** Asymmetric signatures only: an HMAC or `none` token could be forged by anyone who knows, or guesses, the secret. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export interface VerifierSettings {
  issuer: string;
  audience: string;
  usernameClaim: string;
  /** The clients a token may have been issued to (`azp`, when it says): the web app's and OIDC_CLIENT_IDS. */
  clientIds: readonly string[];
  /** The oldest token accepted, in seconds since its `iat`, whatever its `exp` says. */
  maxTokenAgeSeconds: number;
}

/** What a verified access token says: who, and on whose behalf. */
export interface VerifiedToken {
  username: string;
  /** `act.sub` (RFC 8693 actor claim), when the token carries one. */
  onBehalfOf: string | null;
}

/** The token itself is not acceptable: the client should sign in again (401). */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The issuer could not be asked for its keys: nobody can be verified right now (503), whatever their token. */
export class IssuerUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The OIDC issuer did not answer', { cause });
    this.name = 'IssuerUnavailableError';
  }
}

/** jose error codes that are about the token, not about reaching the issuer. */
const TOKEN_ERRORS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'The access token has expired.',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'The access token was not issued for this api (issuer, audience or time claims).',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'The access token signature is not valid.',
  ERR_JWKS_NO_MATCHING_KEY: 'The access token is not signed by a key of the issuer.',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'The access token is not signed by a key of the issuer.',
  ERR_JOSE_ALG_NOT_ALLOWED: 'The access token is signed with an algorithm this api does not accept.',
  ERR_JOSE_NOT_SUPPORTED: 'The access token is signed with an algorithm this api does not accept.',
  ERR_JWS_INVALID: 'The access token is not a signed JWT.',
  ERR_JWT_INVALID: 'The access token is not a valid JWT.',
};

/** Why a token that jose refused is not acceptable, for the client to read; undefined when it is not the token. */
function reasonOf(error: unknown): string | undefined {
  const { code, claim, reason } = error as { code?: string; claim?: string; reason?: string };
  if (claim === 'iat' && code === 'ERR_JWT_EXPIRED')
    return 'The access token was issued longer ago than this api accepts: sign in again.';
  if (claim === 'iat' && reason === 'missing') return 'The access token does not say when it was issued (iat).';
  return TOKEN_ERRORS[code ?? ''];
}

/**
 * The JOSE header's `typ` of an access token: `at+jwt` (RFC 9068, the local issuer's) or plain `JWT` (Keycloak's, Entra
 * ID's). Compared as RFC 7515 says: without case, `application/` optional. Anything else (an ID token's, a logout
 * token's `logout+jwt`, none at all) is some other token that happens to be signed by the same issuer.
 */
function isAccessTokenType(typ: unknown): boolean {
  if (typeof typ !== 'string') return false;
  const type = typ.toLowerCase().replace(/^application\//, '');
  return type === 'at+jwt' || type === 'jwt';
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer access tokens against the issuer's published keys: signature (asymmetric algorithms only), `iss`,
 * `aud`, `exp` and `iat` (both required), `nbf`; no older than `maxTokenAgeSeconds`; an access token by its JOSE `typ`
 * and, where the issuer says so, by its `typ` claim (Keycloak's `Bearer`); issued to one of `clientIds` where it names
 * the client (`azp`). The keys come from the `jwks_uri` of the issuer's discovery document, fetched on first use and
 * refreshed by jose when a token names a key it has not seen (key rotation).
 */
export class AccessTokenVerifier {
  #keys: Promise<KeySet> | undefined;

  constructor(private readonly settings: VerifierSettings) {}

  async verify(token: string): Promise<VerifiedToken> {
    const keys = await this.keySet();
    let payload: JWTPayload;
    let header: JWTHeaderParameters;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: this.settings.maxTokenAgeSeconds,
        clockTolerance: 30,
      }));
    } catch (error) {
      const reason = reasonOf(error);
      if (reason) throw new InvalidTokenError(reason);
      throw new IssuerUnavailableError(error);
    }
    if (!isAccessTokenType(header.typ)) {
      throw new InvalidTokenError('The token is not an access token: its header typ is neither at+jwt nor JWT.');
    }
    if (payload.typ !== undefined && payload.typ !== 'Bearer') {
      throw new InvalidTokenError('The token is not an access token: its typ claim is not Bearer.');
    }
    const client = payload.azp;
    if (client !== undefined && (typeof client !== 'string' || !this.settings.clientIds.includes(client))) {
      throw new InvalidTokenError('The access token was issued to a client this api does not accept (azp).');
    }
    const username = payload[this.settings.usernameClaim];
    if (typeof username !== 'string' || username.length === 0) {
      throw new InvalidTokenError(`The access token has no ${this.settings.usernameClaim} claim naming a user.`);
    }
    const actor = payload.act as { sub?: unknown } | undefined;
    return { username, onBehalfOf: typeof actor?.sub === 'string' ? actor.sub : null };
  }

  /** Discovery once; a failure is not remembered, so the next request asks again. */
  private keySet(): Promise<KeySet> {
    this.#keys ??= discoverKeySet(this.settings.issuer).catch((error: unknown) => {
      this.#keys = undefined;
      throw new IssuerUnavailableError(error);
    });
    return this.#keys;
  }
}

async function discoverKeySet(issuer: string): Promise<KeySet> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5000),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // OpenID Connect Discovery 1.0, section 4.3: the document must name exactly the issuer it was fetched for.
  if (document.issuer !== issuer) throw new Error('the discovery document names another issuer');
  if (typeof document.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
  return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
}

/** The verifier of this api's configuration; the api refuses to start without an issuer. */
export const accessTokenVerifierProvider = {
  provide: AccessTokenVerifier,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new AccessTokenVerifier({
      issuer: requireOidcIssuer(config),
      audience: config.OIDC_AUDIENCE,
      usernameClaim: config.OIDC_USERNAME_CLAIM,
      clientIds: [config.OIDC_WEB_CLIENT_ID, ...config.OIDC_CLIENT_IDS],
      maxTokenAgeSeconds: config.OIDC_MAX_TOKEN_AGE_SECONDS,
    }),
};
