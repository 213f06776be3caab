import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * The Chromium the browser tests drive: REELPATH_TEST_CHROMIUM, else /usr/bin/chromium. Undefined (with
 * a note saying how to install it) when there is none; `.ci/run` installs it from Debian's packages.
 */
export function chromiumPath(): string | undefined {
  const path = process.env.REELPATH_TEST_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  console.warn(`[skip] no Chromium at ${path} — run \`bash .ci/install-chromium.sh\` (Debian's chromium) or set REELPATH_TEST_CHROMIUM`);
  return undefined;
}

/**
 * Opens headless Chromium with a throwaway profile (1280×900, reduced motion so charts draw without
 * animation and screenshots are stable); `close()` removes it. Pages of one context share localStorage.
 */
export async function openBrowser(executablePath: string): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'rp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', locale: 'en-US',
  });
  return { context, async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Page errors and console errors of a page, collected from the moment it is watched. */
export function watchErrors(page: Page, ignore: RegExp[] = []): string[] {
  const errors: string[] = [];
  const keep = (text: string) => { if (!ignore.some((r) => r.test(text))) errors.push(text); };
  page.on('pageerror', (e) => keep(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') keep(m.text()); });
  return errors;
}

/**
 * Waits until the dashboard shows `route` (`<body data-route>`) and its cards have all loaded or failed
 * (`window.reelpathReady`, which the page replaces whenever it starts loading).
 */
export async function waitForPage(page: Page, route: string): Promise<void> {
  // A function, not a string: the dashboard's Content-Security-Policy forbids eval, which Playwright
  // uses for string predicates. The project's TypeScript has no DOM types, hence the narrow cast.
  await page.waitForFunction((r) => {
    const body = (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body;
    return body.dataset.route === r && body.dataset.ready === 'true';
  }, route);
  await page.evaluate('window.reelpathReady');
}

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'screenshots');

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png (git-ignored); answers the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The trimmed text of the first element matching `selector`. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/**
 * A new page of a shared profile, signed in: the key is put in localStorage before the dashboard starts
 * (as the sign-in form would, unless a key is there already), so each test also runs alone.
 */
export async function signedInPage(context: BrowserContext, key: string): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript((k: string) => {
    const storage = (globalThis as unknown as { localStorage: { getItem(x: string): string | null; setItem(x: string, v: string): void } }).localStorage;
    if (storage.getItem('rp-key') === null) storage.setItem('rp-key', k);
  }, key);
  return page;
}
