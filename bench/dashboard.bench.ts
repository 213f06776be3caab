import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildServer } from '../src/api/server.js';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { ingestBatch } from '../src/flows/ingest-events.flow.js';
import { fallbackCatalogue, generateEvents } from '../src/modules/simulator/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { describeMachine, quantile } from './machine.js';

export interface DashboardBenchOptions {
  /** Events in the demo world (the demo's default is 200,000). */
  readonly events: number;
  /** Cold loads per page. */
  readonly runs: number;
  readonly chromium?: string;
  readonly onProgress?: (phase: string) => void;
}

const PAGES = ['overview', 'funnel', 'paths', 'retention', 'segments', 'attribution', 'live'] as const;

/**
 * First load of each dashboard page over the demo's world, cold (a fresh browser profile every time: no
 * cache, the bundle downloaded and parsed again), in Debian's Chromium: navigation start → every card of
 * the page drawn (`<body data-ready="true">`). The same-run baseline is the span of the page's own API
 * requests (first request sent → last answer received), so `load − api` is what the browser adds.
 */
export async function benchDashboard(options: DashboardBenchOptions): Promise<Record<string, unknown>> {
  const executablePath = options.chromium ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: run bash .ci/install-chromium.sh or pass --chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-dash-'));
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'silent' } }), { logger: createLogger('silent') });
  const server = await buildServer(app);
  try {
    options.onProgress?.('world');
    const { secretKey } = await app.tenants.createTenant('demo', 'Demo');
    const tenant = await app.tenants.getTenant('demo');
    const startTs = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 8 * 86_400_000;
    let batch: unknown[] = [];
    for (const e of generateEvents({ seed: 42, events: options.events, startTs, catalogue: fallbackCatalogue() })) {
      batch.push(e);
      if (batch.length === 5000) { await ingestBatch(app, tenant, batch); batch = []; }
    }
    if (batch.length > 0) await ingestBatch(app, tenant, batch);
    await app.events.flush();
    const url = `${await server.listen({ host: '127.0.0.1', port: 0 })}/`;
    const results: Record<string, { loadMs: number[]; apiMs: number[] }> = {};
    for (const name of PAGES) {
      results[name] = { loadMs: [], apiMs: [] };
      for (let run = 0; run < options.runs; run++) {
        options.onProgress?.(`${name} ${run + 1}/${options.runs}`);
        const measured = await coldLoad(executablePath, `${url}?lang=zh#/${name}`, name, secretKey);
        results[name]?.loadMs.push(measured.loadMs);
        results[name]?.apiMs.push(measured.apiMs);
      }
    }
    const pages = Object.fromEntries(Object.entries(results).map(([name, r]) => {
      const load = quantile(r.loadMs, 0.5);
      const api = quantile(r.apiMs, 0.5);
      return [name, { loadMsMedian: load, loadMsMax: Math.max(...r.loadMs), apiMsMedian: api, browserMsMedian: load - api }];
    }));
    return { bench: 'dashboard', events: options.events, runs: options.runs, target: 'first load < 2000 ms', pages, machine: describeMachine() };
  } finally {
    await server.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One cold load: a fresh profile, the key put where the sign-in form puts it, timed to `data-ready`. */
async function coldLoad(executablePath: string, url: string, route: string, key: string): Promise<{ loadMs: number; apiMs: number }> {
  const profile = mkdtempSync(join(tmpdir(), 'rp-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript((k: string) => {
      (globalThis as unknown as { localStorage: { setItem(a: string, b: string): void } }).localStorage.setItem('rp-key', k);
    }, key);
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    page.on('request', (r) => { if (r.url().includes('/v1/')) first = Math.min(first, Date.now()); });
    page.on('requestfinished', (r) => { if (r.url().includes('/v1/')) last = Math.max(last, Date.now()); });
    const started = Date.now();
    await page.goto(url);
    // A function, not a string: the dashboard's Content-Security-Policy forbids eval.
    await page.waitForFunction((r) => {
      const body = (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body;
      return body.dataset.route === r && body.dataset.ready === 'true';
    }, route, { timeout: 120_000 });
    const loadMs = Date.now() - started;
    return { loadMs, apiMs: Number.isFinite(first) ? Math.max(0, last - first) : 0 };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
