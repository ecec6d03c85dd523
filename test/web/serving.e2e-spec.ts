import { readdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startStack, type Stack } from '../stack';
import { buildWebApp, WEB_DIRECTORY } from './browser';

/** The api serves the web app at `/` and keeps `/api/` its own. */
describe('serving the web app', () => {
  let sut: Stack;

  beforeAll(async () => {
    buildWebApp(); // when dist/web is missing or older than its sources
    sut = await startStack();
  }, 10 * 60_000); // the web app may be built first: minutes on a busy machine
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

  it('builds no source maps, and serves none, not even one an older build left behind', async () => {
    const built = readdirSync(WEB_DIRECTORY, { recursive: true, encoding: 'utf8' });
    expect(built.filter((file) => file.endsWith('.map'))).toEqual([]);
    const html = await (await fetch(`${sut.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const code = await (await fetch(`${sut.url}${script}`)).text();
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toContain('sourceMappingURL');

    // What a build with source maps would have put beside the script, and a map anywhere else outside /api/.
    const leftOver = join(WEB_DIRECTORY, `${script}.map`);
    await writeFile(leftOver, JSON.stringify({ version: 3, sources: ['apps/web/src/main.tsx'], mappings: '' }));
    try {
      for (const path of [`${script}.map`, '/main.js.map', '/assets/missing.css.map']) {
        const response = await fetch(`${sut.url}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      // The control: the left-over map is there, beside the script that is served.
      expect(readdirSync(join(WEB_DIRECTORY, 'assets'))).toContain(`${script.split('/').pop()}.map`);
    } finally {
      await rm(leftOver, { force: true });
    }
  });

  it('leaves /api/ to the api: an unknown api route stays a problem+json 404', async () => {
    for (const path of ['/api/v1/nothing-here', '/api']) {
      const response = await fetch(`${sut.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
