import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

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

/** Opens headless Chromium with a throwaway profile; `close()` removes it. */
export async function openBrowser(executablePath: string): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'rp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, viewport: { width: 1280, height: 900 } });
  return { context, async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
