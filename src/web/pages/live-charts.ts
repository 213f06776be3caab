import { FUNNEL_NODES, type FunnelNode, type SeriesPoint } from '../api-types.js';
import { chartBox, drawChart, nodeColor, patchChart, tooltip, type ChartOption } from '../charts.js';
import { el } from '../elements.js';
import { formatClock, formatCompact, formatInt, formatPct } from '../format.js';
import { nodeName } from '../i18n.js';
import { escapeHtml } from '../labels.js';
import type { LiveSeries } from './live-series.js';

/** Charts of the live board: one small line chart per funnel node, one chart of the adjacent rates. */

/** The seven adjacent steps, as the rate keys of a SeriesPoint (`impression_to_play`, …). */
export const RATE_STEPS = FUNNEL_NODES.slice(1).map((to, i) => ({ from: FUNNEL_NODES[i] as FunnelNode, to, key: `${FUNNEL_NODES[i]}_to_${to}` }));

export interface TimeRange { from: number; to: number }

type AxisParam = { value: [number, number | null]; seriesName: string; marker: string };
const clockOf = (p: unknown) => {
  const list = (Array.isArray(p) ? p : [p]) as AxisParam[];
  return { list, at: list[0] ? formatClock(list[0].value[0]) : '' };
};

/** The data of one node's chart: [minute, count]. */
export function countData(points: SeriesPoint[], node: FunnelNode): [number, number][] {
  return points.map((p) => [p.minute, p.counts[node]]);
}

/** The data of one step's rate line: [minute, rate or null when the previous step had no events]. */
export function rateData(points: SeriesPoint[], key: string): [number, number | null][] {
  return points.map((p) => [p.minute, p.rates[key] ?? null]);
}

/** A small line chart of one node's per-minute count, with its own scale (impressions and payments differ by orders of magnitude). */
export function countOption(points: SeriesPoint[], node: FunnelNode, range: TimeRange): ChartOption {
  const color = nodeColor(node);
  return {
    grid: { left: 4, right: 6, top: 8, bottom: 4, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis',
      formatter: (p: unknown) => { const { list, at } = clockOf(p); return `${at}<br>${escapeHtml(nodeName(node))}: ${formatInt(list[0]?.value[1] ?? null)}`; },
    }),
    xAxis: { type: 'time', min: range.from, max: range.to, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { lineStyle: { color: '#dfe3ee' } }, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, minInterval: 1, splitNumber: 2, axisLabel: { fontSize: 9, color: '#8a90a3', formatter: (v: number) => formatCompact(v) }, splitLine: { lineStyle: { color: '#f0f2f7' } } },
    series: [{
      type: 'line', showSymbol: false, lineStyle: { color, width: 2 }, itemStyle: { color },
      areaStyle: { color, opacity: 0.12 }, data: countData(points, node),
    }],
  };
}

/** The seven adjacent conversion rates per minute, 0–100 %. */
export function ratesOption(points: SeriesPoint[], range: TimeRange, width: number): ChartOption {
  const label = (s: (typeof RATE_STEPS)[number]) => `${nodeName(s.from)}→${nodeName(s.to)}`;
  return {
    // Seven series: a legend that wraps on a laptop, one that pages on a phone.
    legend: { top: 0, type: width < 520 ? 'scroll' : 'plain', itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 20, top: width < 520 ? 40 : 64, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis',
      formatter: (p: unknown) => {
        const { list, at } = clockOf(p);
        return `${at}<br>${list.map((x) => `${x.marker}${escapeHtml(x.seriesName)}: ${formatPct(x.value[1])}`).join('<br>')}`;
      },
    }),
    xAxis: {
      type: 'time', min: range.from, max: range.to, minInterval: (width < 520 ? 10 : 5) * 60_000,
      axisLabel: { color: '#6b7286', fontSize: 11, formatter: (v: number) => formatClock(v) }, splitLine: { show: false },
    },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPct(v), color: '#6b7286', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    series: RATE_STEPS.map((s) => ({
      name: label(s), type: 'line' as const, showSymbol: false, connectNulls: false,
      lineStyle: { width: 2, color: nodeColor(s.to) }, itemStyle: { color: nodeColor(s.to) },
      data: rateData(points, s.key),
    })),
  };
}

/**
 * Draws (first call) or updates (later calls, in place) the eight per-node charts in `body`, each with
 * the latest minute's count; a node whose count rule is firing (`count.<node>` in `firing`) is marked.
 */
export function drawCounts(body: HTMLElement, series: LiveSeries, firing: Set<string>): void {
  const points = series.points();
  const latest = points[points.length - 1];
  let grid = body.querySelector<HTMLElement>(':scope > .minis');
  if (!grid) {
    grid = el('div', { class: 'minis' });
    body.replaceChildren(grid);
    for (const node of FUNNEL_NODES) {
      const mini = el('div', { class: 'mini', 'data-node': node }, el('div', { class: 'mini-head' }, el('span', {}, nodeName(node)), el('strong', {}, '—')));
      grid.append(mini);
      chartBox(mini, `live-count-${node}`, 92);
    }
  }
  for (const node of FUNNEL_NODES) {
    const mini = grid.querySelector<HTMLElement>(`[data-node="${node}"]`);
    const box = mini?.querySelector<HTMLElement>('[data-chart]');
    if (!mini || !box) continue;
    mini.classList.toggle('alarm', firing.has(`count.${node}`));
    const value = mini.querySelector('strong');
    if (value) value.textContent = formatInt(latest?.counts[node] ?? null);
    if (box.hasAttribute('data-points')) patchChart(box, { xAxis: series.axis(), series: [{ data: countData(points, node) }] }, points.length);
    else drawChart(box, () => countOption(series.points(), node, series.range()), points.length);
  }
}

/** Draws (first call) or updates (later calls) the chart of the seven adjacent rates in `body`. */
export function drawRates(body: HTMLElement, series: LiveSeries): void {
  const points = series.points();
  const n = points.length * RATE_STEPS.length;
  const box = body.querySelector<HTMLElement>('[data-chart="live-rates"]');
  if (box) {
    patchChart(box, { xAxis: series.axis(), series: RATE_STEPS.map((s) => ({ data: rateData(points, s.key) })) }, n);
    return;
  }
  body.replaceChildren();
  drawChart(chartBox(body, 'live-rates', 330), (w) => ratesOption(series.points(), series.range(), w), n);
}
