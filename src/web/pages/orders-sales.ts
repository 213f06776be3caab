import { getJson } from '../api.js';
import type { Sale, SaleStock } from '../api-types.js';
import { isAbort, type Card } from '../card.js';
import { chartBox, disposeDetachedCharts, drawChart, patchChart, tooltip, type ChartOption } from '../charts.js';
import { el, note } from '../elements.js';
import { formatDateTime, formatDuration, formatInt } from '../format.js';
import { fill, t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';
import { skuTotals, type SkuTotal } from './order-labels.js';

/** At most this many sales are shown (the newest). */
export const MAX_SALES = 5;
/** The three parts of a SKU's bar, in stacking order, with their colours. */
const PARTS = [
  { key: 'sold', color: '#59a14f' },
  { key: 'reserved', color: '#f28e2b' },
  { key: 'available', color: '#4e79a7' },
] as const;
/** A segment gets its number written inside only when it is at least this share of the longest bar. */
const LABEL_SHARE = 0.06;

interface SalesData { details: SaleStock[]; total: number }

/** A sale's section: its chart box stays while the layout does; `totals` is what the chart shows now. */
interface SaleSection { section: HTMLElement; box: HTMLElement; totals: SkuTotal[]; drawn: boolean }

/** The newest sales (at most MAX_SALES) with the live stock of each. */
async function fetchSales(signal: AbortSignal): Promise<SalesData> {
  const { sales } = await getJson<{ sales: Sale[] }>('/v1/sales', signal);
  const newest = [...sales].sort((a, b) => b.createdAt - a.createdAt).slice(0, MAX_SALES);
  const details = await Promise.all(newest.map((s) => getJson<SaleStock>(`/v1/sales/${encodeURIComponent(s.id)}`, signal)));
  return { details, total: sales.length };
}

const partName = (key: (typeof PARTS)[number]['key']) => t().orders[key];

/** One horizontal stacked bar per SKU: sold, awaiting payment, available; sold-out SKUs say so under their name. */
function saleOption(totals: SkuTotal[], width: number): ChartOption {
  const m = t().orders;
  const narrow = width < 520;
  const longest = Math.max(1, ...totals.map((x) => x.sold + x.reserved + x.available));
  return {
    legend: { top: 0, data: PARTS.map((p) => partName(p.key)), itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: narrow ? 12 : 24, top: 28, bottom: 4, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const x = totals[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        if (!x) return '';
        const lines = PARTS.map((part) => `<span style="color:${part.color}">●</span> ${escapeHtml(partName(part.key))}: <b>${formatInt(x[part.key])}</b>`);
        return [`<b>${escapeHtml(x.sku)}</b>${x.available === 0 ? ` · ${escapeHtml(m.soldOut)}` : ''}`, ...lines].join('<br>');
      },
    }),
    xAxis: { type: 'value', min: 0, minInterval: 1, axisLabel: { color: '#6b7286', hideOverlap: true }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    yAxis: {
      type: 'category', inverse: true, axisTick: { show: false },
      data: totals.map((x) => truncate(x.sku, narrow ? 12 : 24)),
      axisLabel: {
        color: '#2b3145', fontSize: narrow ? 11 : 12,
        formatter: (value: string, i: number) => (totals[i]?.available === 0 ? `${value}\n{out|${m.soldOut}}` : value),
        rich: { out: { color: '#d64545', fontWeight: 'bold', fontSize: 11, lineHeight: 16 } },
      },
    },
    series: PARTS.map((part) => ({
      name: partName(part.key), type: 'bar' as const, stack: 'units', barMaxWidth: 22, itemStyle: { color: part.color },
      data: totals.map((x) => x[part.key]),
      label: {
        show: true, position: 'inside' as const, color: '#fff', fontSize: 11,
        formatter: (p: { value: unknown }) => { const v = Number(p.value); return v > 0 && v / longest >= LABEL_SHARE ? formatInt(v) : ''; },
      },
    })),
  };
}

/** The sale's name, id and rules: window, per-buyer limit, payment time, ship-by hours. */
function saleHeader(sale: Sale): HTMLElement {
  const m = t().orders;
  const span = sale.closesAt === null
    ? fill(m.saleWindow, { opens: formatDateTime(sale.opensAt) })
    : fill(m.saleWindowClosed, { opens: formatDateTime(sale.opensAt), closes: formatDateTime(sale.closesAt) });
  const rules = [
    span,
    sale.perBuyerLimit === null ? m.noLimit : fill(m.limit, { n: formatInt(sale.perBuyerLimit) }),
    fill(m.payWithin, { t: formatDuration(sale.paymentTimeoutMs) }),
    fill(m.shipWithin, { h: formatInt(sale.shipWithinHours) }),
  ];
  return el('header', { class: 'sale-head' },
    el('h3', {}, sale.name, ' ', el('code', { class: 'muted' }, sale.id)),
    el('p', { class: 'muted sale-rules' }, rules.join(' · ')));
}

/** The numbers behind the bars: one row per SKU (`data-sku`, `data-sold`, `data-reserved`, `data-available`). */
function saleTable(totals: SkuTotal[]): HTMLElement {
  const m = t().orders;
  const rows = totals.map((x) => el('tr', { 'data-sku': x.sku, 'data-sold': x.sold, 'data-reserved': x.reserved, 'data-available': x.available },
    el('td', { class: 'text' }, el('span', { class: 'mono' }, x.sku),
      x.available === 0 ? el('span', { class: 'badge badge-sold-out', 'data-field': 'sold-out' }, m.soldOut) : null),
    ...PARTS.map((p) => el('td', { 'data-field': p.key }, formatInt(x[p.key])))));
  return el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'sale-stock' },
    el('thead', {}, el('tr', {}, el('th', { class: 'text' }, m.sku), ...PARTS.map((p) => el('th', {}, partName(p.key))))),
    el('tbody', {}, ...rows)));
}

/** The SKUs a sale's drawing shows, as a key: a change means the layout must be rebuilt. */
const layoutKey = (data: SalesData) => `${data.total}|${data.details.map((d) => `${d.sale.id}:${skuTotals(d).map((x) => x.sku).join(',')}`).join('|')}`;

/**
 * The live sales card: one section per sale (`data-sale`) with a stacked bar chart of its SKUs
 * (`data-chart="sale-<id>"`, one point per SKU) and the numbers behind it. `follow` refreshes it every
 * few seconds until the page's signal aborts; a refresh with the same sales and SKUs redraws the charts
 * in place (no flicker, no lost tooltip), another layout rebuilds the card.
 */
export class SaleStockBoard {
  private readonly status = el('span', { class: 'pill', role: 'status', 'data-field': 'refresh-status' });
  private readonly sections = new Map<string, SaleSection>();
  private key = '';
  private busy = false;

  constructor(private readonly card: Card, private readonly signal: AbortSignal) {
    card.tools.append(this.status);
  }

  /** Fetches the sales and draws them (the card's first load: errors go to loadCard). */
  async load(): Promise<void> {
    this.draw(await fetchSales(this.signal));
    this.showStatus(null);
  }

  /** Refreshes every `everyMs` while the page is open and visible; stops when the page's signal aborts. */
  follow(everyMs: number): void {
    if (this.signal.aborted) return;
    const timer = setInterval(() => { void this.refresh(); }, everyMs);
    this.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  private async refresh(): Promise<void> {
    // One refresh at a time; none while the tab is hidden (the next visible tick catches up).
    if (this.busy || this.signal.aborted || document.hidden) return;
    this.busy = true;
    try {
      this.draw(await fetchSales(this.signal));
      this.showStatus(null);
    } catch (err) {
      // The last drawing stays; the status says the refresh failed and why, and the next tick retries.
      if (!isAbort(err)) this.showStatus(err);
    } finally {
      this.busy = false;
    }
  }

  private draw(data: SalesData): void {
    if (this.signal.aborted) return;
    const key = layoutKey(data);
    const intact = key === this.key && [...this.sections.values()].every((s) => s.section.isConnected);
    if (!intact) this.rebuild(data, key);
    for (const d of data.details) {
      const s = this.sections.get(d.sale.id);
      if (!s) continue;
      s.totals = skuTotals(d);
      if (s.totals.length === 0) { s.section.replaceChildren(saleHeader(d.sale), el('p', { class: 'empty' }, t().noData)); continue; }
      // Header and table are replaced; the chart box (and its ECharts instance) stays in between, and
      // later refreshes merge the new numbers in, so the bars move instead of being drawn again from zero.
      s.section.replaceChildren(saleHeader(d.sale), s.box, saleTable(s.totals));
      if (s.drawn) patchChart(s.box, saleOption(s.totals, s.box.clientWidth), s.totals.length);
      else drawChart(s.box, (w) => saleOption(s.totals, w), s.totals.length);
      s.drawn = true;
    }
    this.card.root.setAttribute('data-state', 'ready');
  }

  private rebuild(data: SalesData, key: string): void {
    const m = t().orders;
    const body = this.card.body;
    body.replaceChildren();
    this.sections.clear();
    this.key = key;
    if (data.details.length === 0) body.append(el('p', { class: 'empty', 'data-field': 'empty' }, m.noSales));
    for (const d of data.details) {
      const section = el('section', { class: 'sale', 'data-sale': d.sale.id });
      body.append(section);
      const box = chartBox(section, `sale-${d.sale.id}`, 44 + Math.max(1, skuTotals(d).length) * 42);
      this.sections.set(d.sale.id, { section, box, totals: [], drawn: false });
    }
    if (data.total > data.details.length) body.append(note(fill(m.moreSales, { n: MAX_SALES })));
    disposeDetachedCharts();
  }

  private showStatus(err: unknown): void {
    const m = t().orders;
    this.status.className = err === null ? 'pill pill-live' : 'pill pill-waiting';
    this.status.textContent = err === null ? m.refreshed : m.refreshFailed;
    this.status.title = err === null ? '' : err instanceof Error ? err.message : String(err);
  }
}
