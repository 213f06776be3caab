import type { Comparison, Experiment, MetricResult } from '../api-types.js';
import { chartBox, drawChart, tooltip, type ChartOption } from '../charts.js';
import { formatNumber, formatPct, formatYuan } from '../format.js';
import { fill, t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';
import { formatEffect, formatInterval, formatP, variationLabel } from './experiment-labels.js';

/** Colours of a comparison's outcome (a failing or warning guardrail overrides it). */
export const OUTCOME_COLORS = { win: '#2e9d6a', lose: '#d64545', inconclusive: '#4e79a7', no_data: '#a3aabb' } as const;
const GUARDRAIL_COLORS = { failing: '#d64545', warning: '#d39a00' } as const;

/** The colour a comparison is drawn in: its guardrail status when that is not ok, else its outcome. */
export function comparisonColor(c: Comparison): string {
  if (c.guardrail === 'failing' || c.guardrail === 'warning') return GUARDRAIL_COLORS[c.guardrail];
  return OUTCOME_COLORS[c.outcome];
}

/** Whether a comparison has an estimate to draw (no_data and failed computations have none). */
const drawable = (c: Comparison) => c.outcome !== 'no_data' && Number.isFinite(c.expected);

/** A round tick step for a span: 1, 2, 2.5 or 5 × 10^k, about a fifth of it. */
function niceStep(span: number): number {
  const raw = span / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * pow;
}

/**
 * The value axis: zero, every estimate and every bounded interval end, widened to round ticks (a value
 * on the edge gets one more tick of room, zero excepted). Unbounded ends are drawn to these edges.
 */
export function forestRange(comparisons: readonly Comparison[]): { min: number; max: number; step: number } {
  const values = [0];
  for (const c of comparisons.filter(drawable)) {
    values.push(c.expected);
    for (const end of c.ci) if (end !== null && Number.isFinite(end)) values.push(end);
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const step = niceStep(hi - lo || Math.max(Math.abs(hi), 0.01));
  let min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  if (min === lo && lo !== 0) min -= step;
  if (max === hi && hi !== 0) max += step;
  return { min, max, step };
}

/** Axis labels: percentages for relative differences, else the metric's unit without a sign. */
function axisFormatter(metric: MetricResult, difference: 'relative' | 'absolute'): (v: number) => string {
  if (difference === 'relative') return (v) => formatPct(v);
  if (metric.kind === 'gmv') return (v) => formatYuan(v);
  if (['conversion', 'retention', 'refund_rate', 'complaint_rate'].includes(metric.kind)) return (v) => formatNumber(v * 100, 1);
  return (v) => formatNumber(v, 2);
}

/** One interval's line: from its low end to its high end, with an arrow where an end is unbounded. */
function intervalSeries(c: Comparison, row: number, range: { min: number; max: number }) {
  const color = comparisonColor(c);
  const end = (x: number | null, edge: number, rotate: number) => (x === null || !Number.isFinite(x)
    ? { value: [edge, row], symbol: 'arrow', symbolSize: 10, symbolRotate: rotate, itemStyle: { color } }
    : { value: [x, row], symbol: 'none' });
  return {
    type: 'line' as const, name: c.variation, silent: true, z: 2,
    lineStyle: { color, width: 3 }, data: [end(c.ci[0], range.min, 90), end(c.ci[1], range.max, -90)],
  };
}

/**
 * A forest plot of one metric: one row per treatment, its interval as a horizontal line with the point
 * estimate as a dot (labelled with the effect), and a dashed vertical line at zero (no difference).
 */
function forestOption(e: Experiment, metric: MetricResult, difference: 'relative' | 'absolute', width: number): ChartOption {
  const shown = metric.comparisons.filter(drawable);
  const range = forestRange(shown);
  const narrow = width < 520;
  const effect = (c: Comparison) => formatEffect(c.expected, difference, metric.kind);
  const m = t().experiments;
  return {
    grid: { left: 8, right: narrow ? 16 : 28, top: 12, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'item',
      formatter: (p: unknown) => {
        const c = shown[(p as { dataIndex: number }).dataIndex];
        if (!c) return '';
        const evidence = c.pValue !== null ? `${escapeHtml(m.pValue)} ${formatP(c.adjustedPValue ?? c.pValue)}` : `${escapeHtml(m.chanceToWin)} ${formatPct(c.chanceToWin)}`;
        return [`<b>${escapeHtml(variationLabel(e, c.variation))}</b>`, `${escapeHtml(m.effect)} <b>${effect(c)}</b>`,
          `${escapeHtml(m.interval)} ${formatInterval(c.ci, difference, metric.kind)}`, evidence, escapeHtml(m.outcomes[c.outcome])].join('<br>');
      },
    }),
    xAxis: {
      type: 'value', min: range.min, max: range.max, interval: range.step,
      axisLabel: { color: '#6b7286', formatter: axisFormatter(metric, difference), hideOverlap: true },
      splitLine: { lineStyle: { color: '#eef0f5' } },
    },
    // A hidden 0–1 axis carries the zero line from the grid's bottom to its top (no markLine component).
    yAxis: [{
      // No axis line: the dashed zero line is the one vertical line (it sits on the edge when 0 is the minimum).
      type: 'category', inverse: true, axisTick: { show: false }, axisLine: { show: false },
      data: shown.map((c) => truncate(variationLabel(e, c.variation), narrow ? 14 : 28)),
      axisLabel: { color: '#2b3145', fontSize: narrow ? 11 : 12 },
    }, { type: 'value', min: 0, max: 1, show: false }],
    series: [
      {
        type: 'line', name: 'zero', yAxisIndex: 1, silent: true, symbol: 'none', z: 1,
        lineStyle: { color: '#6b7286', type: 'dashed', width: 1 }, data: [[0, 0], [0, 1]],
      },
      ...shown.map((c, row) => intervalSeries(c, row, range)),
      {
        type: 'line', name: 'estimate', z: 3, symbol: 'circle', symbolSize: 11, lineStyle: { opacity: 0 },
        data: shown.map((c, row) => ({ value: [c.expected, row], itemStyle: { color: comparisonColor(c) } })),
        label: { show: true, position: 'top', color: '#2b3145', fontSize: 11, formatter: (p: { dataIndex: number }) => { const c = shown[p.dataIndex]; return c ? effect(c) : ''; } },
      },
    ],
  };
}

/** Draws a metric's forest plot into `parent` (`data-chart="forest-<key>"`, one point per drawn treatment). */
export function drawForest(parent: HTMLElement, e: Experiment, metric: MetricResult, difference: 'relative' | 'absolute', intervalName: string): void {
  const shown = metric.comparisons.filter(drawable);
  if (shown.length === 0) return;
  const box = chartBox(parent, `forest-${metric.key}`, 44 + shown.length * 46);
  box.setAttribute('data-difference', difference);
  box.setAttribute('aria-label', fill(t().experiments.forestNote, { interval: intervalName }));
  drawChart(box, (w) => forestOption(e, metric, difference, w), shown.length);
}
