import { chartBox, disposeDetachedCharts, drawChart, tooltip, type ChartOption } from '../charts.js';
import { el } from '../elements.js';
import { formatCompact } from '../format.js';
import { t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';
import { formatMoney, type BalanceRow } from './ledger-labels.js';

/** The three parts of a party's bar, in stacking order, with their colours. */
const PARTS = [
  { key: 'postedFen', name: 'posted', color: '#59a14f' },
  { key: 'pendingFen', name: 'pending', color: '#f28e2b' },
  { key: 'receivableFen', name: 'receivable', color: '#e15759' },
] as const;

const partName = (p: (typeof PARTS)[number]) => t().ledger[p.name];

/**
 * One horizontal bar per party account in yuan: posted and pending stacked to the right, the party's
 * receivable (what it owes back) to the left of zero.
 */
function balanceOption(rows: readonly BalanceRow[], width: number): ChartOption {
  const narrow = width < 520;
  return {
    legend: { top: 0, data: PARTS.map(partName), itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: narrow ? 12 : 24, top: 28, bottom: 4, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const r = rows[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        if (!r) return '';
        const lines = PARTS.map((part) => `<span style="color:${part.color}">●</span> ${escapeHtml(partName(part))}: <b>${escapeHtml(formatMoney(r[part.key]))}</b>`);
        return [`<b>${escapeHtml(r.label)}</b>`, ...lines].join('<br>');
      },
    }),
    xAxis: {
      type: 'value', axisLabel: { color: '#6b7286', hideOverlap: true, formatter: (v: number) => `${v < 0 ? '-' : ''}¥${formatCompact(Math.abs(v))}` },
      splitLine: { lineStyle: { color: '#eef0f5' } },
    },
    yAxis: {
      type: 'category', inverse: true, axisTick: { show: false },
      data: rows.map((r) => truncate(r.label, narrow ? 14 : 28)),
      axisLabel: { color: '#2b3145', fontSize: narrow ? 11 : 12 },
    },
    series: PARTS.map((part) => ({
      name: partName(part), type: 'bar' as const, stack: 'balance', barMaxWidth: 22, itemStyle: { color: part.color },
      // Yuan on the axis; the exact fen are in the tooltip and the accounts table.
      data: rows.map((r) => r[part.key] / 100),
    })),
  };
}

/**
 * The balances card's drawing (`data-chart="ledger-balances"`, one point per party account). Later
 * draws reuse the chart box while the rows stay the same accounts, so a refresh moves the bars instead
 * of drawing the chart again.
 */
export class BalanceChart {
  private box: HTMLElement | null = null;
  private key = '';

  /** Draws `rows` into the card body (replacing an empty state or an error shown there). */
  draw(body: HTMLElement, rows: readonly BalanceRow[]): void {
    if (rows.length === 0) {
      body.replaceChildren(el('p', { class: 'empty', 'data-field': 'empty' }, t().ledger.noAccounts));
      this.box = null;
      disposeDetachedCharts();
      return;
    }
    const key = rows.map((r) => r.account).join('|');
    if (!this.box || !this.box.isConnected || key !== this.key || this.box.parentElement !== body) {
      body.replaceChildren();
      this.box = chartBox(body, 'ledger-balances', 44 + rows.length * 36);
      this.key = key;
      disposeDetachedCharts();
    }
    drawChart(this.box, (w) => balanceOption(rows, w), rows.length);
  }
}
