import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_LIVE_PLAN, replayLiveSession, seedLiveHistory } from '../../src/flows/live-replay.flow.js';
import { floorMinute } from '../../src/modules/monitor/index.js';
import { acceleratedClock, systemClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser, screenshot, waitForPage, watchErrors } from '../harness/browser.js';

// The demo's fault replay watched on the live board in a real Chromium: the stream (20 minutes, traffic
// throttled in minutes 5–9, checkout broken in 13–17) runs 30× faster than real time through the real
// ingest, evaluation loop and server-sent events; both alerts must appear on the board with the right
// diagnosis, and the operator acknowledges one from the board. Screenshots go to test-artifacts/.
const M = 60_000;
const SPEED = 30;
const plan = DEMO_LIVE_PLAN;
const browserPath = chromiumPath();
const clock = acceleratedClock((plan.minutes + 2) * M, SPEED);
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let errors: string[] = [];
let replay: Promise<number>;
let watching = true;
let loop: Promise<void>;

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp({ clock, wallClock: systemClock });
  const url = await t.listen();
  browser = await openBrowser(browserPath);
  page = await browser.context.newPage();
  errors = watchErrors(page);
  await page.addInitScript((key: string) => {
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('rp-key', key);
  }, t.secretKey);
  await page.goto(`${url}?lang=zh#/live`);
  await waitForPage(page, 'live');
  const startAt = floorMinute(clock.accelerate()) + M;
  await seedLiveHistory(t.app.monitor, 't1', plan, startAt);
  loop = (async () => { while (watching) { await t.app.watcher.tick(); await new Promise((r) => setTimeout(r, 100)); } })();
  replay = replayLiveSession(t.app, await t.app.tenants.getTenant('t1'), plan, startAt);
}, 120_000);

afterAll(async () => {
  watching = false;
  await replay?.catch(() => 0);
  await loop;
  await browser?.close();
  await t?.close();
});

/** Waits for an alert of a diagnosis kind in a status on the board; answers its element's alert id. */
async function alertOnBoard(kind: string, status: string): Promise<string> {
  const item = page.locator(`li.alert[data-status="${status}"]`, { has: page.locator(`.kind-${kind}`) }).first();
  await item.waitFor({ timeout: 90_000 });
  return (await item.getAttribute('data-alert')) ?? '';
}

describe.skipIf(!browserPath)('live board during the fault replay', () => {
  it('shows the traffic drop as it fires, with its diagnosis and suggested actions in Chinese', async () => {
    const id = await alertOnBoard('traffic_drop', 'firing');
    const item = page.locator(`li.alert[data-alert="${id}"]`);
    expect(await item.locator('.diagnosis').textContent()).toContain('流量下跌');
    expect(await item.locator('ul.actions li').count()).toBeGreaterThan(0);
    expect(await page.locator('.pill').first().textContent()).toBe('实时');
    await screenshot(page, 'live-alert-traffic-zh');
  }, 120_000);

  it('then the broken checkout, naming order → pay, and acknowledges it from the board', async () => {
    const id = await alertOnBoard('checkout_failure', 'firing');
    const item = page.locator(`li.alert[data-alert="${id}"]`);
    expect(await item.locator('strong').first().textContent()).toMatch(/下单.*支付/);
    await screenshot(page, 'live-alert-checkout-zh');
    await item.locator('button.ack').click();
    await page.locator(`li.alert[data-alert="${id}"][data-status="acknowledged"]`).waitFor({ timeout: 15_000 });
    const stored = (await t.get('/v1/alerts?status=all')).json().alerts as { id: string; status: string; diagnosis: { kind: string } }[];
    expect(stored.find((a) => a.id === id)?.status).toBe('acknowledged');
    // By now the throttling has passed: its alert resolved on the board too.
    await alertOnBoard('traffic_drop', 'resolved');
    expect(stored.map((a) => a.diagnosis.kind).sort()).toEqual(['checkout_failure', 'traffic_drop']);
    await screenshot(page, 'live-board-after-zh');
    expect(errors).toEqual([]);
  }, 120_000);
});
