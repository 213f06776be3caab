import { disposeAllCharts } from './charts.js';
import type { Page } from './page.js';
import { attributionPage } from './pages/attribution.page.js';
import { experimentsPage } from './pages/experiments.page.js';
import { funnelPage } from './pages/funnel.page.js';
import { ledgerPage } from './pages/ledger.page.js';
import { livePage } from './pages/live.page.js';
import { ordersPage } from './pages/orders.page.js';
import { overviewPage } from './pages/overview.page.js';
import { pathsPage } from './pages/paths.page.js';
import { recommendPage } from './pages/recommend.page.js';
import { retentionPage } from './pages/retention.page.js';
import { segmentsPage } from './pages/segments.page.js';

declare global {
  interface Window {
    /** Test hook: resolves when the current page's cards have all loaded or failed. */
    reelpathReady?: Promise<void>;
  }
}

/** The pages in navigation order; `#/<name>` selects one. */
export const PAGES: readonly Page[] = [overviewPage, funnelPage, pathsPage, retentionPage, segmentsPage, attributionPage, recommendPage, experimentsPage, ordersPage, ledgerPage, livePage];

let current: AbortController | undefined;
let readyCount = 0;

/** The page the address names (`#/funnel`), the overview when it names none. */
export function routeFromHash(): Page {
  const name = /^#\/([\w-]+)/.exec(location.hash)?.[1];
  return PAGES.find((p) => p.name === name) ?? overviewPage;
}

/**
 * Publishes `window.reelpathReady` for work the page is doing, marks `<body data-ready>` false while it
 * is pending and true once done (a later call supersedes an earlier one), and leaves a
 * `reelpath-ready` performance mark.
 */
export function setReady(work: Promise<unknown>): void {
  const id = ++readyCount;
  document.body.dataset.ready = 'false';
  window.reelpathReady = work.then(() => undefined, () => undefined).then(() => {
    if (id !== readyCount) return;
    document.body.dataset.ready = 'true';
    // A performance mark per loaded page: its startTime is the load time since navigation start.
    performance.mark('reelpath-ready', { detail: document.body.dataset.route });
  });
}

/** Leaves the current page: aborts its requests and streams and disposes its charts. */
export function leavePage(): void {
  current?.abort();
  current = undefined;
  disposeAllCharts();
}

/** Draws `page` into `main` and publishes its readiness; the previous page is left first. */
export function showPage(main: HTMLElement, page: Page): void {
  leavePage();
  const controller = new AbortController();
  current = controller;
  document.body.dataset.route = page.name;
  document.title = `${page.title()} · Reelpath`;
  const root = document.createElement('div');
  root.className = 'page';
  root.dataset.page = page.name;
  main.replaceChildren(root);
  setReady(page.render({
    root,
    signal: controller.signal,
    track: (work) => { if (!controller.signal.aborted) setReady(work); },
  }));
}
