import { randomUUID } from 'node:crypto';
import { request, requestAs, startStack, tokenFor, type Stack } from './stack';

const WEB_ORIGIN = 'http://web.example.test';
/** What a stack trace or an internal error would leave in a body. */
const INTERNALS = /\n\s+at |\.ts:\d+|\.js:\d+|node_modules|TypeError|QueryFailedError/;

/** Issue 5, part 6: security headers, CORS only for named origins, a write budget per user, no internals in errors. */
describe('hardening', () => {
  let sut: Stack;

  beforeAll(async () => {
    sut = await startStack({ RATE_LIMIT_WRITES_PER_MINUTE: '3', CORS_ORIGINS: WEB_ORIGIN });
  });
  afterAll(async () => {
    await sut?.stop();
  });

  it('sends security headers on answers and on errors, and does not say what it runs on', async () => {
    for (const response of [
      await request(sut, 'GET', '/api/v1/health'),
      await request(sut, 'GET', '/api/v1/me'),
      await requestAs(sut, 'coordinator', 'GET', '/api/v1/organisations'),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      // A browser app on this origin may reach the issuer; plain HTTP (as in the tests) is not upgraded to HTTPS.
      expect(policy).toContain(`connect-src 'self' ${new URL(process.env.OIDC_ISSUER ?? '').origin}`);
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('lets the configured origin read responses, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(`${sut.url}/api/v1/trajectories`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(WEB_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    expect((await preflight('http://elsewhere.example.test')).headers.get('access-control-allow-origin')).toBeNull();

    const read = await requestAs(sut, 'police', 'GET', '/api/v1/me', undefined, { origin: WEB_ORIGIN });
    expect(read.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(read.headers.get('access-control-expose-headers')).toContain('API-Version');
  });

  it('limits writes per user per minute with 429 and Retry-After, and leaves reads and other users alone', async () => {
    const write = () => requestAs(sut, 'coordinator', 'POST', '/api/v1/trajectories', { pseudonym: '' });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await write()).status).toBe(400);
    const limited = await write();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, code: 'too-many-requests' });

    expect((await requestAs(sut, 'coordinator', 'GET', `/api/v1/trajectories/${randomUUID()}`)).status).toBe(404);
    const otherUser = await requestAs(sut, 'police', 'POST', `/api/v1/tasks/${randomUUID()}/completion`, {
      outcome: {},
    });
    expect(otherUser.status).toBe(404);
  });

  it('refuses a body over 256 kB with 413', async () => {
    const response = await requestAs(sut, 'police', 'POST', `/api/v1/tasks/${randomUUID()}/completion`, {
      outcome: { notes: 'x'.repeat(300 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('never shows internals in an error, whatever the error', async () => {
    const token = await tokenFor('school');
    const bodies: [string, Response][] = [
      ['malformed JSON', await post('/api/v1/tasks/x/completion', '{"outcome":', token)],
      ['not JSON', await post('/api/v1/tasks/x/completion', 'outcome', token, 'text/plain')],
      ['bad path parameter', await post('/api/v1/tasks/not-a-uuid/completion', '{"outcome":{}}', token)],
      ['no token', await post('/api/v1/tasks/x/completion', '{}')],
      ['bad token', await post('/api/v1/tasks/x/completion', '{}', 'e30.e30.e30')],
      ['wrong role', await post('/api/v1/trajectories', '{}', token)],
      ['unknown route', await post('/api/v1/nothing-here', '{}', token)],
    ];
    for (const [what, response] of bodies) {
      const text = await response.text();
      expect({ what, type: response.headers.get('content-type') }).toEqual({
        what,
        type: expect.stringMatching(/^application\/problem\+json/) as unknown,
      });
      expect({ what, internals: INTERNALS.test(text) }).toEqual({ what, internals: false });
    }
  });

  function post(path: string, body: string, token?: string, type = 'application/json'): Promise<Response> {
    return fetch(`${sut.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  }
});
