import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Account, Client, KoaContext, Middleware, Provider, ResourceServerInfo } from 'oidc-provider';
import { FixedWindowLimiter } from './fixed-window-limiter';
import { LOCAL_USER_GRANT_TYPE } from './local-issuer-runtime';
import { UserAccounts } from './oidc-accounts';
import { errorPage, pageSecurityHeaders, signedOutPage, signInPage, signOutPage } from './oidc-issuer-pages';
import type { SigningKey } from './oidc-signing-key';

/** The api as a resource server (RFC 8707). Clients need not name it: it is every client's default resource. */
export const API_RESOURCE = 'urn:doorloop:api';
/** The confidential client that asks for tokens by username (npm run token, the tests). */
export const TOKEN_CLIENT_ID = 'doorloop-cli';

const ACCESS_TOKEN_SECONDS = 15 * 60;

export interface OidcIssuerOptions {
  /** Port to listen on (0: any free one); the issuer URL names it, so a stable one keeps sign-ins working. */
  port: number;
  /** Host name in the issuer URL; the issuer itself listens on the loopback interface only. */
  hostname?: string;
  databaseUrl: string;
  /** Base URL of the web application: redirects go to `${publicUrl}/auth/callback` and `${publicUrl}/`. */
  publicUrl: string;
  audience: string;
  webClientId: string;
  signingKey: SigningKey;
  /** Token-endpoint requests allowed per client and IP address per minute. */
  tokenRequestsPerMinute?: number;
  /** The process's NODE_ENV: the local issuer refuses to run in production. */
  nodeEnv: string | undefined;
}

export interface RunningOidcIssuer {
  issuer: string;
  tokenClient: { id: string; secret: string };
  stop(): Promise<void>;
}

export class LocalIssuerInProductionError extends Error {
  constructor() {
    super(
      'The local OIDC issuer signs anyone in by username alone and never runs with NODE_ENV=production. ' +
        "Set OIDC_ISSUER to your organisation's issuer (Keycloak, Entra ID); see docs/deployment.md.",
    );
    this.name = 'LocalIssuerInProductionError';
  }
}

/**
 * A real OpenID Connect issuer (oidc-provider) for development and tests. Its accounts are the rows of the users table;
 * the web client signs in with authorization code and PKCE on a Dutch username form (no passwords: development only);
 * a confidential client gets tokens by username through a grant type that exists here and nowhere else. Access tokens
 * are JWTs for the api (audience `options.audience`), valid for 15 minutes, signed with `options.signingKey`.
 */
export async function startOidcIssuer(options: OidcIssuerOptions): Promise<RunningOidcIssuer> {
  if (options.nodeEnv === 'production') throw new LocalIssuerInProductionError();
  const oidc = await import('oidc-provider');
  // A subclass of the in-memory adapter, which oidc-provider uses by default but warns about by identity: sessions and
  // grants in memory are what a development issuer wants (a restart signs the browser out, tokens stay valid).
  const { default: MemoryAdapter } = await import('oidc-provider/lib/adapters/memory_adapter.js');
  class DevelopmentAdapter extends MemoryAdapter {}

  let handler: RequestHandler = (_request, response) => void response.writeHead(503).end();
  // Listening first: with port 0 the issuer URL is known only then.
  const server = createServer((request, response) => handler(request, response));
  const port = await listen(server, options.port);
  const issuer = `http://${options.hostname ?? '127.0.0.1'}:${port}`;
  const accounts = new UserAccounts(options.databaseUrl);
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await accounts.close();
  };
  try {
    const tokenClientSecret = randomBytes(32).toString('base64url');
    const provider = new oidc.Provider(
      issuer,
      configuration(options, accounts, tokenClientSecret, DevelopmentAdapter, oidc.errors.InvalidTarget),
    );
    provider.registerGrantType(
      LOCAL_USER_GRANT_TYPE,
      localUserGrant(resourceServerOf(options), oidc.errors.InvalidGrant),
      ['username'],
    );
    provider.use(tokenRateLimit(options.tokenRequestsPerMinute ?? 120));
    handler = requestHandler(provider, accounts, publicUrlOf(options));
    return { issuer, tokenClient: { id: TOKEN_CLIENT_ID, secret: tokenClientSecret }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

const publicUrlOf = (options: OidcIssuerOptions) => options.publicUrl.replace(/\/$/, '');

/** The api as the issuer describes it: no scopes of its own, JWT access tokens with its audience, short-lived. */
const resourceServerOf = (options: OidcIssuerOptions): ResourceServerInfo => ({
  scope: '',
  audience: options.audience,
  accessTokenTTL: ACCESS_TOKEN_SECONDS,
  accessTokenFormat: 'jwt',
  jwt: { sign: { alg: 'RS256' } },
});

function configuration(
  options: OidcIssuerOptions,
  accounts: UserAccounts,
  tokenClientSecret: string,
  adapter: new (model: string) => object,
  InvalidTarget: new (description?: string) => Error,
): Record<string, unknown> {
  const publicUrl = publicUrlOf(options);
  const resourceServer = resourceServerOf(options);
  return {
    adapter,
    jwks: { keys: [options.signingKey] },
    // Cookies only carry this process's sessions (kept in memory): a key per start is enough.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clients: [
      {
        client_id: options.webClientId,
        client_name: 'Doorloop',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${publicUrl}/`],
      },
      {
        client_id: TOKEN_CLIENT_ID,
        client_secret: tokenClientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: [LOCAL_USER_GRANT_TYPE],
        response_types: [],
        redirect_uris: [],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'profile'],
    findAccount: async (_ctx: KoaContext, id: string): Promise<Account | undefined> => {
      const user = await accounts.find(id);
      if (!user) return undefined;
      return {
        accountId: user.username,
        claims: () => ({ sub: user.username, preferred_username: user.username, name: user.displayName }),
      };
    },
    // preferred_username in access tokens too, so OIDC_USERNAME_CLAIM=preferred_username (Keycloak's) works here.
    extraTokenClaims: (_ctx: KoaContext, token: { accountId?: string }) =>
      token.accountId ? { preferred_username: token.accountId } : undefined,
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContext, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new InvalidTarget(`the only resource here is ${API_RESOURCE}`);
          return resourceServer;
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContext, form: string) => sendPage(ctx, signOutPage(form), [publicUrl]),
        postLogoutSuccessSource: (ctx: KoaContext) => sendPage(ctx, signedOutPage(), []),
      },
    },
    // The web app is ours: signing in is consent, so its grant is made here instead of asking the user.
    loadExistingGrant: async (ctx: KoaContext) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      if (client.clientId !== options.webClientId) return undefined;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(API_RESOURCE, resourceServer.scope);
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx: KoaContext, origin: string, client: Client) =>
      client.clientId === options.webClientId && origin === new URL(publicUrl).origin,
    interactions: { url: (_ctx: KoaContext, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    renderError: (ctx: KoaContext, out: { error: string; error_description?: string }) =>
      sendPage(ctx, errorPage(out.error, out.error_description), []),
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_SECONDS,
      Interaction: 10 * 60,
      Grant: 8 * 60 * 60,
      Session: 8 * 60 * 60,
    },
  };
}

/** The sign-in pages are ours; everything else is oidc-provider's. */
function requestHandler(provider: Provider, accounts: UserAccounts, publicUrl: string): RequestHandler {
  const providerCallback = provider.callback();
  const interactions = interactionHandler(provider, accounts, publicUrl);
  return (request, response) => {
    if (!request.url?.startsWith('/interaction/')) return providerCallback(request, response);
    interactions(request, response).catch((error: unknown) => {
      // oidc-provider's errors carry an OAuth error code and a status (e.g. an expired sign-in: 400).
      const {
        statusCode,
        error: code,
        error_description: description,
      } = error as {
        statusCode?: number;
        error?: string;
        error_description?: string;
      };
      if (response.headersSent) return;
      response.writeHead(statusCode ?? 500, { 'content-type': 'text/html; charset=utf-8', ...pageSecurityHeaders([]) });
      response.end(errorPage(code ?? 'server_error', description));
    });
  };
}

/**
 * The grant type behind `npm run token` and the tests' sign-in: the confidential token client names a username and
 * gets that user's access token, exactly as the web client would after signing in. No password is involved: this is
 * why the grant exists only in this issuer, which refuses to run in production.
 */
function localUserGrant(
  resourceServer: ResourceServerInfo,
  InvalidGrant: new (description?: string) => Error,
): Middleware {
  return async (ctx, next) => {
    const { client, params, provider } = ctx.oidc;
    const username = params.username;
    if (!client || typeof username !== 'string' || username.length === 0) {
      throw new InvalidGrant('username is required');
    }
    const account = await provider.Account.findAccount(ctx, username);
    if (!account) throw new InvalidGrant('no user with this username');
    const token = new provider.AccessToken({ accountId: account.accountId, client, gty: LOCAL_USER_GRANT_TYPE });
    token.resourceServer = new provider.ResourceServer(API_RESOURCE, resourceServer);
    ctx.oidc.entity('AccessToken', token);
    const accessToken = await token.save();
    ctx.body = { access_token: accessToken, expires_in: token.expiration, token_type: token.tokenType };
    await next();
  };
}

/** Per client and IP address: a client authenticating with Basic is counted apart from the public web client. */
function tokenRateLimit(perMinute: number): Middleware {
  const limiter = new FixedWindowLimiter(perMinute, 60_000);
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/token') {
      const verdict = limiter.take(`${basicClientId(ctx.get('authorization')) ?? 'public'}|${ctx.ip}`);
      if (!verdict.allowed) {
        ctx.status = 429;
        ctx.set({ 'Retry-After': String(verdict.retryAfterSeconds), 'Cache-Control': 'no-store' });
        ctx.body = {
          error: 'too_many_requests',
          error_description: `Too many token requests; try again in ${verdict.retryAfterSeconds} s.`,
        };
        return;
      }
    }
    await next();
  };
}

function basicClientId(header: string): string | undefined {
  const match = /^Basic +(\S+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decodeURIComponent(decoded.slice(0, colon)) : undefined;
}

/** `GET /interaction/:uid` shows the sign-in form; `POST /interaction/:uid` signs the chosen user in. */
function interactionHandler(provider: Provider, accounts: UserAccounts, publicUrl: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const details = await provider.interactionDetails(request, response);
    const action = `/interaction/${details.uid}`;
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? client?.clientId ?? 'Doorloop';
    const show = async (status: number, form: { username?: string; error?: string } = {}) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...pageSecurityHeaders([publicUrl]) });
      response.end(signInPage({ action, clientName, users: await accounts.list(), ...form }));
    };
    if (details.prompt.name !== 'login') {
      // Every other prompt (consent) is answered by loadExistingGrant; reaching one here is a configuration error.
      throw new Error(`unexpected prompt ${details.prompt.name}`);
    }
    if (request.method === 'GET') return show(200);
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const username = new URLSearchParams(await readBody(request, 4096)).get('username')?.trim() ?? '';
    const user = username ? await accounts.find(username) : undefined;
    if (!user) {
      return show(400, {
        username,
        error: username ? `Er is geen gebruiker met de naam “${username}”.` : 'Vul een gebruikersnaam in.',
      });
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: user.username } },
      { mergeWithLastSubmission: false },
    );
  };
}

function sendPage(ctx: KoaContext, html: string, formTargets: string[]): void {
  ctx.type = 'html';
  ctx.set(pageSecurityHeaders(formTargets));
  ctx.body = html;
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  let body = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    body += chunk.toString('utf8');
    if (body.length > limit) throw new Error('request body too large');
  }
  return body;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
