import { startStack, type Stack } from '../stack';
import { prepareBrowserTests } from './browser';

/** The api serves the web app at `/` and keeps `/api/` its own. */
describe('serving the web app', () => {
  let sut: Stack;

  beforeAll(async () => {
    prepareBrowserTests(); // builds dist/web when it is missing or stale
    sut = await startStack();
  }, 15 * 60_000); // on a fresh machine chromium is installed and the web app built first: minutes
  afterAll(async () => {
    await sut?.stop();
  });

  it('serves index.html at / and at every page address, never cached, under a CSP that allows the issuer', async () => {
    for (const path of ['/', '/tasks/0b9f3a52-5a7e-4b8e-9d0e-3f1c2a4b5c6d', '/trajectories/new', '/overview']) {
      const response = await fetch(`${sut.url}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
        path,
        status: 200,
        type: expect.stringMatching(/^text\/html/) as unknown,
      });
      expect(await response.text()).toContain('<html lang="nl">');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain(`connect-src 'self' ${new URL(sut.config.OIDC_ISSUER ?? '').origin}`);
    }
  });

  it('serves the hashed assets for good, and a missing file is a 404, not the app', async () => {
    const html = await (await fetch(`${sut.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${sut.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${sut.url}/assets/missing-0000.js`)).status).toBe(404);
  });

  it('leaves /api/ to the api: an unknown api route stays a problem+json 404', async () => {
    for (const path of ['/api/v1/nothing-here', '/api']) {
      const response = await fetch(`${sut.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
