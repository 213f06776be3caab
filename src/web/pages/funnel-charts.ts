import type { FunnelGroup, FunnelStepReport } from '../api-types.js';
import { nodeColor, paletteColor, tooltip, type ChartOption } from '../charts.js';
import { formatCompact, formatDuration, formatInt, formatPct } from '../format.js';
import { fill, groupName, nodeName, t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';

/** Chart options of the funnel page (one function per chart; data in, ECharts option out). */

type TooltipParam = { name: string; seriesName: string; value: unknown; marker: string; dataIndex: number };
const asList = (p: unknown): TooltipParam[] => (Array.isArray(p) ? p : [p]) as TooltipParam[];

/** The eight steps as horizontal bars, first step on top, labelled with count and conversion from the first step. */
export function stepsOption(steps: FunnelStepReport[], width: number): ChartOption {
  const narrow = width < 520;
  return {
    grid: { left: 8, right: narrow ? 92 : 130, top: 8, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const s = steps[asList(p)[0]?.dataIndex ?? 0];
        if (!s) return '';
        const m = t().funnel;
        return `<b>${escapeHtml(nodeName(s.name))}</b><br>${m.count}: ${formatInt(s.count)}<br>${m.fromPrevious}: ${formatPct(s.conversionFromPrevious)}<br>${m.fromFirst}: ${formatPct(s.conversionFromFirst)}`;
      },
    }),
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v), color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => nodeName(s.name)), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: '#2b3145', fontSize: 12 } },
    series: [{
      type: 'bar', barMaxWidth: 26,
      data: steps.map((s) => ({ value: s.count, itemStyle: { color: nodeColor(s.name), borderRadius: [0, 4, 4, 0] } })),
      label: {
        show: true, position: 'right', color: '#2b3145', fontSize: narrow ? 11 : 12,
        formatter: (p: { dataIndex: number }) => {
          const s = steps[p.dataIndex];
          return s ? `${formatInt(s.count)} · ${formatPct(s.conversionFromFirst)}` : '';
        },
      },
    }],
  };
}

/** Median and p90 time from the previous step, per step (log scale: they span milliseconds to hours). */
export function timingOption(steps: FunnelStepReport[], width: number): ChartOption {
  const timed = steps.filter((s) => s.timeFromPrevious !== null);
  const m = t().paths;
  // The log axis starts at 0.1 s: shorter gaps (two taps in one screen) are drawn at its floor.
  const value = (ms: number | undefined) => Math.max(100, ms ?? 100);
  return {
    legend: { top: 0, data: [m.median, m.p90] },
    grid: { left: 8, right: 16, top: 34, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const list = asList(p);
        const timing = timed[list[0]?.dataIndex ?? 0]?.timeFromPrevious;
        const real = (x: TooltipParam) => (x.seriesName === m.median ? timing?.p50Ms : timing?.p90Ms);
        return `<b>${escapeHtml(list[0]?.name ?? '')}</b><br>${list.map((x) => `${x.marker}${escapeHtml(x.seriesName)}: ${formatDuration(real(x))}`).join('<br>')}`;
      },
    }),
    xAxis: {
      type: 'category', data: timed.map((s) => nodeName(s.name)), axisTick: { show: false },
      axisLabel: { interval: 0, rotate: width < 560 ? 40 : 0, fontSize: 11, color: '#2b3145' },
    },
    yAxis: { type: 'log', logBase: 10, min: 100, axisLabel: { formatter: (v: number) => formatDuration(v), color: '#6b7286', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    series: [
      { name: m.median, type: 'bar', barMaxWidth: 18, itemStyle: { color: paletteColor(0), borderRadius: [3, 3, 0, 0] }, data: timed.map((s) => value(s.timeFromPrevious?.p50Ms)) },
      { name: m.p90, type: 'bar', barMaxWidth: 18, itemStyle: { color: paletteColor(1), borderRadius: [3, 3, 0, 0] }, data: timed.map((s) => value(s.timeFromPrevious?.p90Ms)) },
    ],
  };
}

/** The most populous groups of a breakdown (first step count), at most `n`. */
export function topGroups(groups: FunnelGroup[], n: number): FunnelGroup[] {
  return [...groups].sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0)).slice(0, n);
}

/** Step-to-step conversion per breakdown group, as grouped bars (comparable across groups of any size). */
export function breakdownOption(dim: string, groups: FunnelGroup[], width: number): ChartOption {
  const steps = groups[0]?.steps.slice(1) ?? [];
  const narrow = width < 560;
  return {
    legend: { top: 0, type: 'scroll', data: groups.map((g) => truncate(groupName(dim, g.group), 16)) },
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const list = asList(p);
        const step = steps[list[0]?.dataIndex ?? 0];
        const head = step ? escapeHtml(`${t().funnel.fromPrevious} → ${nodeName(step.name)}`) : '';
        return `<b>${head}</b><br>${list.map((x) => `${x.marker}${escapeHtml(x.seriesName)}: ${formatPct(Number(x.value))}`).join('<br>')}`;
      },
    }),
    xAxis: { type: 'category', data: steps.map((s) => nodeName(s.name)), axisTick: { show: false }, axisLabel: { interval: 0, rotate: narrow ? 40 : 0, fontSize: 11, color: '#2b3145' } },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => formatPct(v), color: '#6b7286', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    series: groups.map((g, i) => ({
      name: truncate(groupName(dim, g.group), 16), type: 'bar' as const, barMaxWidth: 14,
      itemStyle: { color: paletteColor(i), borderRadius: [2, 2, 0, 0] },
      data: g.steps.slice(1).map((s) => s.conversionFromPrevious),
    })),
  };
}

/** The breakdown chart's title: 各步转化率（按平台） / Step conversion by platform. */
export function breakdownTitle(dim: string, dimLabel: string): string {
  return dim === '' ? t().funnel.groups : fill(t().funnel.breakdown, { dim: dimLabel });
}
