import * as oauth from 'oauth4webapi';
import { createApiClient } from '../api/client';
import type { AuthConfiguration } from '@doorloop/contracts';

/**
 * Sign-in through the region's OpenID Connect issuer: authorization code with PKCE, as a public client (no secret in
 * the browser). The tokens live in sessionStorage: one tab's session, gone when the tab closes, never in a cookie the
 * api would have to guard against CSRF.
 */
export interface Tokens {
  accessToken: string;
  idToken: string | null;
  /** Epoch ms after which the access token is no longer accepted. */
  expiresAt: number;
}

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnTo: string;
}

const SESSION_KEY = 'doorloop.session';
const PENDING_KEY = 'doorloop.pending-sign-in';
export const CALLBACK_PATH = '/auth/callback';

export interface Issuer {
  configuration: AuthConfiguration;
  server: oauth.AuthorizationServer;
  client: oauth.Client;
  /** Plain http is allowed only for a local development issuer (the embedded one `npm start` runs). */
  options: { [oauth.allowInsecureRequests]?: boolean };
}

export async function loadIssuer(): Promise<Issuer> {
  // Asked before anyone signs in: no token, and no session to end on a 401.
  const configuration = await createApiClient(
    () => null,
    () => undefined,
  ).get('/auth-configuration');
  const issuerUrl = new URL(configuration.issuer);
  const options = issuerUrl.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  const server = await oauth.processDiscoveryResponse(
    issuerUrl,
    await oauth.discoveryRequest(issuerUrl, { ...options, algorithm: 'oidc' }),
  );
  return { configuration, server, client: { client_id: configuration.clientId }, options };
}

function redirectUri(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

function scopes(configuration: AuthConfiguration): string {
  return configuration.scopes.join(' ');
}

/** Sends the browser to the issuer's sign-in page; it comes back at /auth/callback. */
export async function signIn(issuer: Issuer, returnTo: string): Promise<void> {
  if (!issuer.server.authorization_endpoint) throw new Error('The issuer has no authorization endpoint');
  const pending: PendingSignIn = {
    state: oauth.generateRandomState(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    returnTo,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(issuer.server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: issuer.client.client_id,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: scopes(issuer.configuration),
    state: pending.state,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Exchanges the code the issuer sent back for tokens; returns where the user was going. */
export async function completeSignIn(issuer: Issuer, callbackUrl: URL): Promise<{ tokens: Tokens; returnTo: string }> {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!stored) throw new Error('No sign-in was started in this tab');
  const pending = JSON.parse(stored) as PendingSignIn;
  const parameters = oauth.validateAuthResponse(issuer.server, issuer.client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    issuer.server,
    issuer.client,
    oauth.None(),
    parameters,
    redirectUri(),
    pending.codeVerifier,
    issuer.options,
  );
  const result = await oauth.processAuthorizationCodeResponse(issuer.server, issuer.client, response);
  const tokens: Tokens = {
    accessToken: result.access_token,
    idToken: result.id_token ?? null,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(tokens));
  return { tokens, returnTo: safeReturnPath(pending.returnTo) };
}

export function storedTokens(now: number = Date.now()): Tokens | null {
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) return null;
  const tokens = JSON.parse(stored) as Tokens;
  return tokens.expiresAt > now ? tokens : null;
}

export function forgetTokens(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Ends the session here and at the issuer, which sends the browser back to the start page. */
export function signOut(issuer: Issuer | null, tokens: Tokens | null): void {
  forgetTokens();
  const endSession = issuer?.server.end_session_endpoint;
  if (!issuer || !endSession) {
    window.location.assign('/');
    return;
  }
  const url = new URL(endSession);
  url.search = new URLSearchParams({
    client_id: issuer.client.client_id,
    post_logout_redirect_uri: `${window.location.origin}/`,
    ...(tokens?.idToken ? { id_token_hint: tokens.idToken } : {}),
  }).toString();
  window.location.assign(url.toString());
}

/** Only a path on this site: a crafted return address must not send the user elsewhere after signing in. */
export function safeReturnPath(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith(CALLBACK_PATH) ? path : '/';
}
