import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStack, type Stack } from '../stack';
import { createTestRegion, type TestRegion } from '../test-region';

/**
 * What the browser journeys need, installed on first use: Debian's chromium (driven by playwright-core, which cannot
 * download browsers here) and the web app built into dist/web, which the api serves. Test files may run in parallel
 * workers: a lock makes each installation happen once.
 */
const ROOT = join(__dirname, '..', '..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');
export const WEB_DIRECTORY = join(ROOT, 'dist', 'web');
const WEB_INDEX = join(WEB_DIRECTORY, 'index.html');
const WEB_SOURCES = [
  join(ROOT, 'apps', 'web'),
  join(ROOT, 'libs', 'contracts', 'src'),
  join(ROOT, 'libs', 'domain', 'src'),
];

export function prepareBrowserTests(): void {
  withLock('chromium', () => {
    if (existsSync(CHROMIUM_PATH)) return;
    process.stderr.write('[web tests] chromium is missing: apt-get install -y chromium\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  });
  buildWebApp();
  mkdirSync(ARTIFACTS, { recursive: true });
}

/** The web app in dist/web, built when it is missing or older than its sources (what tests without a browser need). */
export function buildWebApp(): void {
  withLock('web-build', () => {
    if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= newestSource()) return;
    process.stderr.write('[web tests] building the web app (vite build apps/web)\n');
    const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', 'apps/web', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  });
}

function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  WEB_SOURCES.forEach(visit);
  return newest;
}

/** A lock directory (mkdir is atomic) held while `work` runs; other workers wait for it. */
function withLock(name: string, work: () => void): void {
  const lock = join(tmpdir(), `doorloop-web-tests-${name}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} held for 10 minutes: remove it if no test run is active`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    work();
  } finally {
    rmdirSync(lock);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // Date fields in the format a Dutch user sees (dd-mm-jjjj).
      '--lang=nl-NL',
    ],
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now, with every rule it has (WCAG 2.1 A/AA and best practices), and fails with
 * a readable list when anything is violated. Evaluated through the DevTools protocol, so the app's strict CSP (no
 * inline scripts) stays on while it is tested.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Expressions as text: they run in the page, whose globals (window, axe) this Node program has no types for.
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate<AxeResults>('axe.run(document)');
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  if (violations.length) throw new Error(`axe found violations on ${what} (${page.url()}):\n${violations.join('\n')}`);
}

/** A full-page screenshot under test-artifacts/web/, kept by CI as an artifact of the run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Clicks the button named `button` to send a form the app refuses, and gives the text of its error summary. */
export async function errorSummaryAfter(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  const summary = page.locator('.doorloop-error-summary');
  await summary.waitFor();
  return summary.innerText();
}

/** Checks the page as it is now and keeps a picture of it: every page a journey visits goes through here. */
export async function visit(page: Page, name: string): Promise<void> {
  await page.locator('h1').first().waitFor();
  await expectAccessible(page, name);
  await screenshot(page, name);
}

/**
 * A new browser profile, signed in as `username` through the issuer's own sign-in page. With `journey`, the app's
 * sign-in page and the issuer's are checked with axe on the way (and the first photographed as `<journey>-0-sign-in`).
 */
export async function signedIn(browser: Browser, appUrl: string, username: string, journey?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${appUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  if (journey) await visit(page, `${journey}-0-sign-in`);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.locator('#username').waitFor();
  if (journey) await expectAccessible(page, 'the issuer sign-in page');
  await page.locator('#username').fill(username);
  await page.locator('form').first().getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.origin === new URL(appUrl).origin && !url.pathname.startsWith('/auth/'));
  await page.locator('.doorloop-nav, .doorloop-user').first().waitFor();
  return page;
}

/** The stack the browser journeys run against, at PUBLIC_URL (where the issuer sends the browser back), and a browser. */
export async function startBrowserStack(): Promise<{ sut: Stack; browser: Browser }> {
  prepareBrowserTests();
  const sut = await startStack({}, { port: Number(new URL(process.env.PUBLIC_URL ?? '').port) });
  return { sut, browser: await launchBrowser() };
}

/**
 * The browser stack for every test of a file, started before the first and stopped after the last, with a region of its
 * own: `const suite = browserSuite(); … suite.signedIn(suite.region().users.coordinator)`.
 */
export function browserSuite() {
  let sut: Stack | undefined;
  let browser: Browser | undefined;
  let region: TestRegion | undefined;
  beforeAll(async () => {
    ({ sut, browser } = await startBrowserStack());
    region = await createTestRegion(sut.dataSource);
  }, 15 * 60_000);
  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The browser stack has not started');
    return value;
  };
  return {
    sut: () => started(sut),
    region: () => started(region),
    signedIn: (username: string) => signedIn(started(browser), started(sut).url, username),
  };
}
