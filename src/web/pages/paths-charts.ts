import type { DecisionTimeReport, PathLengthReport, PathReport } from '../api-types.js';
import { nodeColor, paletteColor, tooltip, type ChartOption } from '../charts.js';
import { formatCompact, formatInt } from '../format.js';
import { nodeName, t } from '../i18n.js';
import { durationBucketLabel, escapeHtml } from '../labels.js';

/** Chart options of the paths page. */

/**
 * The Sankey of path prefixes. Node ids (`2:product_click>detail_view`) keep prefixes apart; labels show
 * the event in the current language and its persons. On a phone the flow runs top to bottom, so the
 * columns do not squeeze their labels together.
 */
export function sankeyOption(r: PathReport, width: number): ChartOption {
  const vertical = width < 600;
  const byId = new Map(r.sankey.nodes.map((n) => [n.id, n]));
  const label = (id: string) => { const n = byId.get(id); return n ? `${nodeName(n.name)} ${formatInt(n.value)}` : id; };
  return {
    tooltip: tooltip({
      trigger: 'item',
      formatter: (p: unknown) => {
        const x = p as { dataType: string; name: string; data: { source?: string; target?: string; value: number } };
        if (x.dataType === 'edge' && x.data.source && x.data.target) {
          const s = byId.get(x.data.source);
          const tg = byId.get(x.data.target);
          return escapeHtml(`${s ? nodeName(s.name) : ''} → ${tg ? nodeName(tg.name) : ''}: ${formatInt(x.data.value)}`);
        }
        return escapeHtml(label(x.name));
      },
    }),
    series: [{
      type: 'sankey', orient: vertical ? 'vertical' : 'horizontal', nodeAlign: 'left', draggable: false,
      left: vertical ? 30 : 12, right: vertical ? 30 : 150, top: 12, bottom: vertical ? 40 : 12,
      nodeWidth: vertical ? 12 : 14, nodeGap: vertical ? 14 : 10, layoutIterations: 32,
      emphasis: { focus: 'adjacency' },
      label: {
        color: '#2b3145', fontSize: vertical ? 10 : 12,
        ...(vertical ? { position: 'bottom', rotate: 0 } : { position: 'right' }),
        formatter: (p: { name: string }) => {
          const n = byId.get(p.name);
          return n ? (vertical ? nodeName(n.name) : label(p.name)) : p.name;
        },
      },
      lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      // Top to bottom, the last row's small nodes sit side by side: label only those of at least 6 % of
      // the persons (the tooltip names every node).
      data: r.sankey.nodes.map((n) => ({
        name: n.id, value: n.value, itemStyle: { color: nodeColor(n.name), borderWidth: 0 },
        ...(vertical && n.value < 0.06 * r.persons ? { label: { show: false } } : {}),
      })),
      links: r.sankey.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
    }],
  };
}

/** Persons per decision-time bucket. */
export function decisionOption(r: DecisionTimeReport, width: number): ChartOption {
  const h = r.overall.histogram;
  return {
    grid: { left: 8, right: 12, top: 16, bottom: 8, containLabel: true },
    tooltip: tooltip({ trigger: 'axis', axisPointer: { type: 'shadow' } }),
    xAxis: {
      type: 'category', data: h.map((b) => durationBucketLabel(b.fromMs, b.toMs)), axisTick: { show: false },
      axisLabel: { interval: 0, rotate: width < 520 ? 45 : 0, fontSize: 11, color: '#2b3145' },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v), color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    series: [{
      name: t().paths.persons, type: 'bar', barMaxWidth: 28, itemStyle: { color: paletteColor(0), borderRadius: [3, 3, 0, 0] },
      label: { show: true, position: 'top', fontSize: 10, color: '#6b7286', formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? formatInt(Number(p.value)) : '') },
      data: h.map((b) => b.persons),
    }],
  };
}

/** Buyers per number of steps to payment, this range against the one before. */
export function pathLengthOption(r: PathLengthReport): ChartOption {
  const m = t().paths;
  const max = Math.max(r.current.distribution.length, r.baseline?.distribution.length ?? 0);
  const steps = Array.from({ length: max }, (_, i) => i + 1);
  const persons = (d: { steps: number; persons: number }[]) => steps.map((s) => d[s - 1]?.persons ?? 0);
  return {
    legend: { top: 0, data: r.baseline ? [m.current, m.baseline] : [m.current] },
    grid: { left: 8, right: 12, top: 34, bottom: 26, containLabel: true },
    tooltip: tooltip({ trigger: 'axis', axisPointer: { type: 'shadow' } }),
    xAxis: { type: 'category', name: m.stepsAxis, nameLocation: 'middle', nameGap: 26, data: steps.map(String), axisTick: { show: false }, axisLabel: { color: '#2b3145', fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCompact(v), color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    series: [
      { name: m.current, type: 'bar', barMaxWidth: 16, itemStyle: { color: paletteColor(0), borderRadius: [2, 2, 0, 0] }, data: persons(r.current.distribution) },
      ...(r.baseline ? [{ name: m.baseline, type: 'bar' as const, barMaxWidth: 16, itemStyle: { color: paletteColor(9), borderRadius: [2, 2, 0, 0] }, data: persons(r.baseline.distribution) }] : []),
    ],
  };
}
