import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, generateKeyPair, importJWK, type JWTPayload } from 'jose';
import { loadConfig } from '@doorloop/config';
import { ApiModule } from '../apps/api/src/api.module';
import { AccessTokenVerifier } from '../apps/api/src/auth/access-token-verifier';
import { Public } from '../apps/api/src/auth/access.decorators';
import { API_PREFIX, createApi } from '../apps/api/src/bootstrap';
import { SIGNING_KEY_FILE, type SigningKey } from '../scripts/lib/oidc-signing-key';
import { freePort } from '../scripts/lib/free-port';
import { createUser } from './factories/user.factory';
import { demoOrganisations, request, requestAs, stackForAllTests, tokenFor } from './stack';
import { openTrajectory } from './open-trajectory';
import { bornAgo } from './dates';

interface Problem {
  status: number;
  code: string;
  detail: string;
}

const issuer = process.env.OIDC_ISSUER ?? '';
const publicUrl = process.env.PUBLIC_URL ?? '';

/** The test issuer's own signing key (test/servers.ts keeps it in DATA_DIR): to make tokens it would never issue. */
async function issuerKey(): Promise<{ key: SigningInput; kid: string }> {
  const jwk = JSON.parse(await readFile(join(process.env.DATA_DIR ?? '', SIGNING_KEY_FILE), 'utf8')) as SigningKey;
  return { key: await importJWK(jwk, 'RS256'), kid: jwk.kid };
}

/**
 * A token as the issuer would sign it for `sub`, with `changes` to its claims (undefined removes one) and the JOSE
 * header `typ` given (null: none).
 */
async function forge(changes: Record<string, unknown> = {}, signer?: SignWith, typ: string | null = 'at+jwt') {
  const { key, kid, alg } = signer ?? { ...(await issuerKey()), alg: 'RS256' };
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: issuer,
    aud: 'doorloop-api',
    sub: 'coordinator',
    iat: now,
    exp: now + 300,
    ...changes,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg, kid, ...(typ === null ? {} : { typ }) }).sign(key);
}
type SigningInput = Parameters<SignJWT['sign']>[0];
type SignWith = { key: SigningInput; kid: string; alg: string };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('authentication: bearer tokens of the OIDC issuer, roles per route', () => {
  const sut = stackForAllTests();
  let trajectoryId: string;

  beforeAll(async () => {
    trajectoryId = await openTrajectory(sut(), 'coordinator', {
      pseudonym: 'TRJ-4UTH',
      birthDate: bornAgo(16, 10),
      municipalityCode: 'GM9901',
    });
  });

  it('lets anyone reach the public routes without a token', async () => {
    for (const path of [
      '/api/v1/health',
      '/api/v1/health/live',
      '/api/v1/openapi.json',
      '/api/v1/auth-configuration',
    ]) {
      expect({ path, status: (await request(sut(), 'GET', path)).status }).toEqual({ path, status: 200 });
    }
    const docs = await fetch(`${sut().url}/api/v1/docs`);
    expect(docs.status).toBe(200);
  });

  it('tells a browser app where and how to sign in', async () => {
    const response = await request(sut(), 'GET', '/api/v1/auth-configuration');
    expect(response.body).toEqual({
      issuer,
      clientId: 'doorloop-web',
      audience: 'doorloop-api',
      scopes: ['openid', 'profile'],
    });
  });

  it.each([
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/organisations'],
    ['GET', '/api/v1/tasks'],
    ['POST', '/api/v1/trajectories'],
  ])('answers %s %s without a token with 401 and a Bearer challenge', async (method, path) => {
    const response = await request<Problem>(sut(), method, path, method === 'POST' ? {} : undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="doorloop"');
    expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('says who is signed in', async () => {
    const organisations = await demoOrganisations(sut());
    const coordinatorOrganisation = organisations.find((o) => o.role === 'coordinator');
    const [{ id }] = await sut().dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE username = 'coordinator'`,
    );
    const me = await requestAs<Record<string, unknown>>(sut(), 'coordinator', 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      userId: id,
      username: 'coordinator',
      displayName: 'Demo Coördinator',
      role: 'coordinator',
      regionId: coordinatorOrganisation?.regionId,
      organisationId: coordinatorOrganisation?.id,
      organisationName: 'Demo Zorgcoördinatie Mensenhandel',
      municipalityCodes: [],
      pseudonymPrefix: 'TRJ',
    });
    const director = await requestAs<{ role: string; municipalityCodes: string[] }>(
      sut(),
      'director',
      'GET',
      '/api/v1/me',
    );
    expect(director.body).toMatchObject({ role: 'director', municipalityCodes: ['GM9901'] });
    const auditor = await requestAs<{ organisationId: null }>(sut(), 'auditor', 'GET', '/api/v1/me');
    expect(auditor.body).toMatchObject({ organisationId: null, organisationName: null });
  });

  it('signs in a user a test adds, at once', async () => {
    const user = await createUser(sut().dataSource, { role: 'auditor' });
    const me = await requestAs<{ username: string }>(sut(), user.username, 'GET', '/api/v1/me');
    expect(me.body.username).toBe(user.username);
  });

  it('accepts a token the issuer signed, as the issuer signs them', async () => {
    expect((await request(sut(), 'GET', '/api/v1/me', undefined, bearer(await forge()))).status).toBe(200);
  });

  it('accepts the access tokens other issuers sign, and old ones up to the maximum age', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens: [string, () => Promise<string>][] = [
      // Keycloak: typ JWT in the header, typ Bearer and the client in the claims.
      ['Keycloak', () => forge({ typ: 'Bearer', azp: 'doorloop-web' }, undefined, 'JWT')],
      ['the media type in full', () => forge({}, undefined, 'application/at+jwt')],
      ['issued 11 hours ago, still valid', () => forge({ iat: now - 11 * 3600, exp: now + 300 })],
    ];
    for (const [name, make] of tokens) {
      const response = await request(sut(), 'GET', '/api/v1/me', undefined, bearer(await make()));
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
    }
  });

  describe('refuses a token that is not good for this api with 401 invalid_token', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claims = 'The access token was not issued for this api (issuer, audience or time claims).';
    const signature = 'The access token signature is not valid.';
    const cases: [string, () => Promise<string>, string][] = [
      ['expired', () => forge({ iat: now() - 3600, exp: now() - 120 }), 'The access token has expired.'],
      ['without an expiry', () => forge({ exp: undefined }), claims],
      ['for another audience', () => forge({ aud: 'another-api' }), claims],
      ['an ID token (audience: the web client)', () => forge({ aud: 'doorloop-web' }), claims],
      ['from another issuer', () => forge({ iss: 'https://sign-in.example.org' }), claims],
      ['not valid yet', () => forge({ nbf: now() + 3600 }), claims],
      [
        'without an issue time',
        () => forge({ iat: undefined }),
        'The access token does not say when it was issued (iat).',
      ],
      [
        'issued 13 hours ago, though its expiry is still to come',
        () => forge({ iat: now() - 13 * 3600, exp: now() + 300 }),
        'The access token was issued longer ago than this api accepts: sign in again.',
      ],
      [
        'another kind of token by its header typ (a logout token)',
        () => forge({}, undefined, 'logout+jwt'),
        'The token is not an access token: its header typ is neither at+jwt nor JWT.',
      ],
      [
        'without a header typ',
        () => forge({}, undefined, null),
        'The token is not an access token: its header typ is neither at+jwt nor JWT.',
      ],
      [
        'another kind of token by its typ claim (a Keycloak ID token)',
        () => forge({ typ: 'ID' }, undefined, 'JWT'),
        'The token is not an access token: its typ claim is not Bearer.',
      ],
      [
        'issued to a client the api does not know (azp)',
        () => forge({ azp: 'reports' }),
        'The access token was issued to a client this api does not accept (azp).',
      ],
      [
        'tampered with (another sub under the signature)',
        async () => {
          const [header, payload, signed] = (await tokenFor('police')).split('.');
          const original = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
          const changed = Buffer.from(JSON.stringify({ ...original, sub: 'coordinator' })).toString('base64url');
          return `${header}.${changed}.${signed}`;
        },
        signature,
      ],
      [
        'signed with a key of its own under the issuer key id',
        async () => {
          const { privateKey } = await generateKeyPair('RS256');
          return forge({}, { key: privateKey, kid: (await issuerKey()).kid, alg: 'RS256' });
        },
        signature,
      ],
      [
        'signed with a key the issuer does not have',
        async () => forge({}, { key: (await generateKeyPair('ES256')).privateKey, kid: 'throwaway', alg: 'ES256' }),
        'The access token is not signed by a key of the issuer.',
      ],
      [
        'signed with a shared secret (HS256)',
        async () => forge({}, { key: randomBytes(32), kid: (await issuerKey()).kid, alg: 'HS256' }),
        'The access token is signed with an algorithm this api does not accept.',
      ],
      ['not a JWT at all', () => Promise.resolve('not-a-token'), 'The access token is not a signed JWT.'],
    ];

    it.each(cases)('%s', async (_name, make, reason) => {
      const response = await request<Problem>(sut(), 'GET', '/api/v1/me', undefined, bearer(await make()));
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer realm="doorloop", error="invalid_token", error_description="${reason}"`,
      );
      expect(response.body).toMatchObject({ status: 401, code: 'invalid-token', detail: reason });
    });
  });

  it('refuses a valid token naming a user the users table does not have', async () => {
    const ghost = bearer(await forge({ sub: 'ghost' }));
    const response = await request<Problem>(sut(), 'GET', '/api/v1/me', undefined, ghost);
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe('The access token names no user of Doorloop.');
  });

  it.each([
    ['director', 'POST', '/api/v1/trajectories'],
    ['police', 'GET', '/api/v1/trajectories/:id'],
    ['auditor', 'GET', '/api/v1/tasks'],
    ['admin', 'GET', '/api/v1/handovers/00000000-0000-4000-8000-000000000000'],
  ])('refuses the role of %s on %s %s with 403', async (username, method, path) => {
    const response = await requestAs<Problem>(
      sut(),
      username,
      method,
      path.replace(':id', trajectoryId),
      method === 'POST' ? { pseudonym: 'TRJ-N0P3', birthDate: bornAgo(16, 10), municipalityCode: 'GM9901' } : undefined,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('lets each role reach what its routes allow', async () => {
    expect((await requestAs(sut(), 'coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}`)).status).toBe(200);
    expect((await requestAs(sut(), 'coordinator', 'GET', '/api/v1/tasks')).status).toBe(200);
    expect((await requestAs(sut(), 'police', 'GET', '/api/v1/tasks')).status).toBe(200);
    for (const username of ['coordinator', 'police', 'director', 'admin', 'auditor']) {
      expect({ username, status: (await requestAs(sut(), username, 'GET', '/api/v1/municipalities')).status }).toEqual({
        username,
        status: 200,
      });
    }
  });

  it('keeps CORS closed by default: no origin may read responses', async () => {
    const preflight = await fetch(`${sut().url}/api/v1/me`, {
      method: 'OPTIONS',
      headers: { origin: publicUrl, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await request(sut(), 'GET', '/api/v1/me', undefined, {
      ...bearer(await tokenFor('police')),
      origin: publicUrl,
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('verifying tokens', () => {
  it('takes who acts on whose behalf from the act claim', async () => {
    const sut = new AccessTokenVerifier({
      issuer,
      audience: 'doorloop-api',
      usernameClaim: 'sub',
      clientIds: ['doorloop-web'],
      maxTokenAgeSeconds: 43200,
    });
    expect(await sut.verify(await forge({ act: { sub: 'school' } }))).toEqual({
      username: 'coordinator',
      onBehalfOf: 'school',
    });
    expect(await sut.verify(await tokenFor('police'))).toEqual({ username: 'police', onBehalfOf: null });
  });
});

@Controller('test-routes')
class TestRoutesController {
  /** Neither Allow nor Public: refused for everyone. */
  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }

  @Get('broken')
  @Public()
  broken(): never {
    throw new Error('internal detail: connection string postgres://secret@db');
  }
}

@Module({})
class TestRoutesModule {}

describe('the api with other settings', () => {
  const apps: INestApplication[] = [];
  async function api(overrides: Record<string, string>, withTestRoutes = false): Promise<string> {
    const config = loadConfig({ ...process.env, ...overrides });
    const app = withTestRoutes
      ? await NestFactory.create(
          { module: TestRoutesModule, imports: [ApiModule.forRoot(config)], controllers: [TestRoutesController] },
          { logger: false },
        )
      : await createApi(config);
    if (withTestRoutes) app.setGlobalPrefix(API_PREFIX);
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    return (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  let withTestRoutes: string;
  beforeAll(async () => {
    withTestRoutes = await api({}, true);
  });

  it('refuses a route that declares neither Allow nor Public, for every role', async () => {
    const url = withTestRoutes;
    for (const username of ['coordinator', 'police', 'director', 'admin', 'auditor']) {
      const response = await fetch(`${url}/api/v1/test-routes/undeclared`, {
        headers: bearer(await tokenFor(username)),
      });
      expect({ username, status: response.status }).toEqual({ username, status: 403 });
    }
    expect((await fetch(`${url}/api/v1/test-routes/undeclared`)).status).toBe(401);
  });

  it('answers an unexpected error with a bare 500 problem: no message, no stack, a correlation id', async () => {
    const url = withTestRoutes;
    const response = await fetch(`${url}/api/v1/test-routes/broken`);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { correlationId: string };
    expect(problem.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the correlation id when you report it.',
      instance: '/api/v1/test-routes/broken',
      code: 'internal-error',
      correlationId: problem.correlationId,
    });
    expect(text).not.toMatch(/secret|internal detail|\bat .+\.ts:\d+/);
  });

  it('finds the user by another claim when told to (Keycloak: preferred_username)', async () => {
    const url = await api({ OIDC_USERNAME_CLAIM: 'preferred_username' });
    const me = await fetch(`${url}/api/v1/me`, { headers: bearer(await tokenFor('school')) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('school');
    const without = await fetch(`${url}/api/v1/me`, { headers: bearer(await forge()) });
    expect(without.status).toBe(401);
    expect(((await without.json()) as Problem).detail).toBe(
      'The access token has no preferred_username claim naming a user.',
    );
  });

  it('accepts the clients named in OIDC_CLIENT_IDS besides the web app', async () => {
    const url = await api({ OIDC_CLIENT_IDS: 'reports,planning' });
    for (const azp of ['reports', 'planning', 'doorloop-web']) {
      const response = await fetch(`${url}/api/v1/me`, { headers: bearer(await forge({ azp })) });
      expect({ azp, status: response.status }).toEqual({ azp, status: 200 });
    }
    expect((await fetch(`${url}/api/v1/me`, { headers: bearer(await forge({ azp: 'other' })) })).status).toBe(401);
  });

  it('refuses tokens older than OIDC_MAX_TOKEN_AGE_SECONDS, whatever their expiry', async () => {
    const url = await api({ OIDC_MAX_TOKEN_AGE_SECONDS: '600' });
    const now = Math.floor(Date.now() / 1000);
    const fresh = await fetch(`${url}/api/v1/me`, { headers: bearer(await forge({ iat: now - 500 })) });
    expect(fresh.status).toBe(200);
    const old = await fetch(`${url}/api/v1/me`, { headers: bearer(await forge({ iat: now - 1200 })) });
    expect(old.status).toBe(401);
    expect(((await old.json()) as Problem).detail).toBe(
      'The access token was issued longer ago than this api accepts: sign in again.',
    );
  });

  it('answers 503, not 401, while the issuer cannot be reached, and stays healthy', async () => {
    const url = await api({ OIDC_ISSUER: `http://127.0.0.1:${await freePort()}` });
    const response = await fetch(`${url}/api/v1/me`, { headers: bearer(await tokenFor('police')) });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(((await response.json()) as Problem).code).toBe('sign-in-unavailable');
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
  });
});

describe('the web client: authorization code with PKCE over plain HTTP', () => {
  const redirectUri = `${publicUrl}/auth/callback`;

  /** What a browser keeps between the redirects: the issuer's cookies. */
  class Browser {
    readonly #cookies = new Map<string, string>();

    async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
      const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const at = pair.indexOf('=');
        this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    }
  }

  function authorizeUrl(challenge: string, state: string): URL {
    const url = new URL(`${issuer}/auth`);
    const params = {
      client_id: 'doorloop-web',
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  async function signInPage(browser: Browser, challenge: string, state = 'demo-state') {
    const authorize = await browser.fetch(authorizeUrl(challenge, state));
    expect(authorize.status).toBe(303);
    const page = new URL(authorize.headers.get('location') ?? '', issuer);
    const response = await browser.fetch(page);
    return { page, response, html: await response.text() };
  }

  async function post(browser: Browser, page: URL, username: string) {
    return browser.fetch(page, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username }).toString(),
    });
  }

  async function exchange(code: string, verifier: string) {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(publicUrl).origin },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: 'doorloop-web',
        code_verifier: verifier,
      }),
    });
    return { response, body: (await response.json()) as Record<string, string> };
  }

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  const sut = stackForAllTests();

  it('signs a user in and hands the web app tokens the api accepts', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { page, response, html } = await signInPage(browser, challenge);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<label for="username">Gebruikersnaam<\/label>\s*<input id="username" name="username"/);
    // The page offers the first 50 users, coordinators first; the demo coordinator sorts first of all, however many
    // test regions the files before this one made.
    expect(html).toContain('Demo Coördinator');

    const login = await post(browser, page, 'police');
    expect(login.status).toBe(303);
    const back = await browser.fetch(login.headers.get('location') ?? '');
    expect(back.status).toBe(303);
    const callback = new URL(back.headers.get('location') ?? '');
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe('demo-state');
    expect(callback.searchParams.get('iss')).toBe(issuer);

    const { response: tokenResponse, body } = await exchange(callback.searchParams.get('code') ?? '', verifier);
    expect(tokenResponse.status).toBe(200);
    expect(tokenResponse.headers.get('access-control-allow-origin')).toBe(new URL(publicUrl).origin);
    const idClaims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString()) as JWTPayload;
    expect(idClaims).toMatchObject({ sub: 'police', preferred_username: 'police', name: 'Demo Politie-medewerker' });

    const me = await request<{ username: string; role: string }>(
      sut(),
      'GET',
      '/api/v1/me',
      undefined,
      bearer(body.access_token),
    );
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'police', role: 'partner' });
  });

  it('signs the user out again, in Dutch, and sends the browser back to the web app', async () => {
    const browser = new Browser();
    const { verifier, challenge } = pkce();
    const { page } = await signInPage(browser, challenge);
    const back = await browser.fetch((await post(browser, page, 'director')).headers.get('location') ?? '');
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const { body } = await exchange(code, verifier);

    const endSession = new URL(`${issuer}/session/end`);
    endSession.searchParams.set('id_token_hint', body.id_token);
    endSession.searchParams.set('post_logout_redirect_uri', `${publicUrl}/`);
    const confirm = await browser.fetch(endSession);
    const html = await confirm.text();
    expect(confirm.status).toBe(200);
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Ja, uitloggen');
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const signedOut = await browser.fetch(new URL(action, issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe(`${publicUrl}/`);
    // Signed out: the next sign-in asks for the username again.
    expect((await signInPage(browser, pkce().challenge)).html).toContain('Gebruikersnaam');
  });

  it('refuses the code without the right PKCE verifier', async () => {
    const browser = new Browser();
    const { challenge } = pkce();
    const { page } = await signInPage(browser, challenge);
    const back = await browser.fetch((await post(browser, page, 'school')).headers.get('location') ?? '');
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const { response, body } = await exchange(code, pkce().verifier);
    expect(response.status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('shows the form again, in Dutch and tied to the field, for an unknown username', async () => {
    const browser = new Browser();
    const { page } = await signInPage(browser, pkce().challenge);
    const response = await post(browser, page, 'niemand');
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('role="alert">Er is geen gebruiker met de naam “niemand”.');
    expect(html).toMatch(/aria-invalid="true" aria-describedby="gebruikersnaam-fout"/);
  });

  it('limits token requests per client and address', async () => {
    // A client id nobody else uses, so this bucket is ours alone; failed client authentications count too.
    const probe = `Basic ${Buffer.from('rate-limit-probe:wrong').toString('base64')}`;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let attempt = 0; attempt < 121; attempt += 1) {
      last = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: probe, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 120).every((status) => status === 401)).toBe(true);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last?.json()) as { error: string }).error).toBe('too_many_requests');
    // Another client from the same address is not held back.
    expect(await tokenFor('youth-care')).toMatch(/^ey/);
  });
});
