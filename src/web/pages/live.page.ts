import { getJson, withQuery } from '../api.js';
import type { AlertView, LiveSnapshot } from '../api-types.js';
import { createCard, loadCard, type Card } from '../card.js';
import { disposeDetachedCharts } from '../charts.js';
import { el, select } from '../elements.js';
import { fill, scopeName, t } from '../i18n.js';
import { followLiveStream, type LiveHandlers } from '../live-stream.js';
import { cardGrid, pageHeader, type Page, type PageContext } from '../page.js';
import { AlertList, drawAlerts } from './alerts-panel.js';
import { drawCounts, drawRates } from './live-charts.js';
import { LiveSeries } from './live-series.js';

const MINUTES = 30;
/** The scope watched, kept while the dashboard is open. */
const state = { scope: 'all' };

/** The live board of one page visit: its cards, the stream it follows, the series and alerts it shows. */
class LiveBoard {
  private readonly alerts = new AlertList();
  private readonly series = new LiveSeries(MINUTES);
  private readonly scope = el('div');
  private readonly status = el('span', { class: 'pill', role: 'status' }, t().live.connecting);
  private readonly counts: Card;
  private readonly rates: Card;
  private readonly alertsCard: Card;
  private stream: AbortController | undefined;
  private frame = 0;

  constructor(private readonly ctx: PageContext) {
    const m = t().live;
    pageHeader(ctx.root, m.title).append(this.scope, this.status);
    const grid = cardGrid(ctx.root);
    this.counts = createCard(grid, 'live-counts', m.counts, { wide: true });
    this.rates = createCard(grid, 'live-rates', m.rates);
    this.alertsCard = createCard(grid, 'live-alerts', m.alerts);
  }

  /** Loads the alerts and connects; resolves once the first snapshot is drawn (or the first attempt failed). */
  async start(): Promise<void> {
    this.fillScopes([]);
    await Promise.all([this.connect(), this.loadAlerts()]);
    // The first redraw is queued for the next frame; wait for it so the charts carry data-points.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }

  /** (Re)connects to the stream of the current scope; resolves when its first snapshot is drawn or it failed. */
  private connect(): Promise<unknown> {
    this.stream?.abort();
    const controller = new AbortController();
    this.stream = controller;
    this.ctx.signal.addEventListener('abort', () => controller.abort(), { once: true });
    let first: { resolve(s: LiveSnapshot): void; reject(e: unknown): void } | undefined;
    const firstSnapshot = new Promise<LiveSnapshot>((resolve, reject) => { first = { resolve, reject }; });
    firstSnapshot.catch(() => undefined);
    const handlers: LiveHandlers = {
      snapshot: (s) => {
        this.onSnapshot(s, first === undefined);
        first?.resolve(s);
        first = undefined;
      },
      minute: (x) => { if (x.scope === state.scope) { this.series.add(x.now, x.points); this.redraw(); } },
      alert: (a) => this.mergeAlerts([a]),
      status: (s, retryMs) => this.showStatus(s, retryMs),
      error: (err) => {
        if (first) { first.reject(err); first = undefined; return; }
        this.status.title = err instanceof Error ? err.message : String(err);
      },
    };
    void followLiveStream(state.scope, MINUTES, controller.signal, handlers);
    const draw = (card: Card) => loadCard(card, async () => { await firstSnapshot; this.redraw(); });
    return Promise.all([draw(this.counts), draw(this.rates)]);
  }

  private onSnapshot(s: LiveSnapshot, reconnected: boolean): void {
    this.series.reset(s.now, s.points);
    this.fillScopes(s.scopes);
    this.mergeAlerts(s.alerts);
    if (!reconnected) return;
    // A reconnection after a failure: the cards showed the error; draw the charts again.
    for (const card of [this.counts, this.rates]) {
      if (card.root.getAttribute('data-state') !== 'error') continue;
      card.body.replaceChildren();
      card.root.setAttribute('data-state', 'ready');
    }
    disposeDetachedCharts();
    this.redraw();
  }

  private loadAlerts(): Promise<void> {
    return loadCard(this.alertsCard, async (body) => {
      const r = await getJson<{ alerts: AlertView[] }>(withQuery('/v1/alerts', { status: 'all' }), this.ctx.signal);
      this.alerts.merge(r.alerts);
      drawAlerts(body, this.alerts, (a) => this.mergeAlerts([a]));
    });
  }

  private mergeAlerts(alerts: AlertView[]): void {
    if (!this.alerts.merge(alerts)) return;
    drawAlerts(this.alertsCard.body, this.alerts, (a) => this.mergeAlerts([a]));
    this.alertsCard.root.setAttribute('data-state', 'ready');
    this.redraw();
  }

  /** Minute events come about once a second per scope: draw at most once per frame. */
  private redraw(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.ctx.signal.aborted || this.counts.root.getAttribute('data-state') !== 'ready') return;
      drawCounts(this.counts.body, this.series, this.alerts.firingRules(state.scope));
      drawRates(this.rates.body, this.series);
    });
  }

  private fillScopes(scopes: string[]): void {
    const all = [...new Set(['all', ...scopes, state.scope])];
    this.scope.replaceChildren(select(t().controls.scope, 'live-scope', all.map((s) => ({ value: s, label: scopeName(s) })), state.scope, (scope) => {
      state.scope = scope;
      this.ctx.track(this.connect());
    }));
  }

  private showStatus(s: 'connecting' | 'live' | 'waiting', retryMs: number | undefined): void {
    const m = t().live;
    this.status.className = `pill pill-${s}`;
    this.status.textContent = s === 'live' ? m.connected : s === 'waiting' ? fill(m.reconnecting, { s: Math.round((retryMs ?? 0) / 1000) }) : m.connecting;
  }
}

/** Live board: per-minute counts and rates that update while the stream runs, and the alerts panel. */
export const livePage: Page = {
  name: 'live',
  title: () => t().live.title,
  render: (ctx) => new LiveBoard(ctx).start(),
};
