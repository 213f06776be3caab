import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, RadarChart, SankeyChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, RadarSeriesOption, SankeySeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { el } from './elements.js';

// Only what the dashboard draws is bundled (ADR 0010): five chart types, four components, the SVG
// renderer (crisp at any zoom, and tests can inspect the drawn elements). The heat map colours its own
// cells (heatColor) instead of bundling the visualMap component.
use([BarChart, HeatmapChart, LineChart, RadarChart, SankeyChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, SVGRenderer]);

/** The options the dashboard's charts use. */
export type ChartOption = ComposeOption<
  BarSeriesOption | HeatmapSeriesOption | LineSeriesOption | RadarSeriesOption | SankeySeriesOption
  | GridComponentOption | LegendComponentOption | RadarComponentOption | TooltipComponentOption
>;

/** Series colours (groups, models, ranges), in order. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** One colour per funnel node, the same on every page; other events are grey. */
export const NODE_COLORS: Record<string, string> = {
  impression: '#4e79a7', play: '#76b7b2', complete: '#59a14f', product_click: '#f28e2b',
  detail_view: '#edc948', add_to_cart: '#b07aa1', order: '#ff9da7', pay: '#e15759',
};
export const OTHER_COLOR = '#a3aabb';
export const STATUS_COLORS: Record<string, string> = { good: '#2e9d6a', watch: '#d39a00', poor: '#d64545', no_data: '#a3aabb' };

const FONT = '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Segoe UI", sans-serif';
const THEME = {
  color: PALETTE,
  // Honour the system's reduced-motion setting (also what the browser tests ask for: stable screenshots).
  animation: !matchMedia('(prefers-reduced-motion: reduce)').matches,
  textStyle: { fontFamily: FONT, color: '#2b3145' },
  animationDuration: 300,
  animationDurationUpdate: 250,
};

/** The i-th series colour (wrapping around). */
export function paletteColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

const HEAT_STOPS: [number, number, number][] = [[255, 241, 238], [246, 160, 143], [225, 87, 89], [168, 50, 58]];

/** A heat-map colour for `value` on 0…max (clamped): pale coral to deep red. */
export function heatColor(value: number, max: number): string {
  const x = Math.min(1, Math.max(0, max > 0 ? value / max : 0)) * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(x));
  const a = HEAT_STOPS[i] as [number, number, number];
  const b = HEAT_STOPS[i + 1] as [number, number, number];
  const f = x - i;
  return `rgb(${a.map((c, k) => Math.round(c + ((b[k] as number) - c) * f)).join(',')})`;
}

/** The colour of an event name. */
export function nodeColor(name: string): string {
  return NODE_COLORS[name] ?? OTHER_COLOR;
}

/** A tooltip with the dashboard's look; `extra` adds trigger and formatter. */
export function tooltip(extra: TooltipComponentOption = {}): TooltipComponentOption {
  return { confine: true, backgroundColor: 'rgba(21,26,45,.92)', borderWidth: 0, textStyle: { color: '#fff', fontSize: 12 }, ...extra };
}

interface Mounted { chart: EChartsType; observer: ResizeObserver; build: (width: number) => ChartOption; width: number }
const mounted = new Map<HTMLElement, Mounted>();

/**
 * A chart container in `parent`, marked `data-chart="<name>"`. The height is fixed in px (ECharts
 * needs one); the width follows the card.
 */
export function chartBox(parent: HTMLElement, name: string, height: number): HTMLElement {
  const box = el('div', { class: 'chart', 'data-chart': name, style: `height:${height}px` });
  parent.append(box);
  return box;
}

/**
 * Draws (or redraws) a chart into `box` with the SVG renderer and marks `data-points="<n>"`: the number
 * of data items drawn (bars, cells, nodes, points). `build` gets the box's width so a chart can change its
 * layout on a phone; it runs again when the box is resized.
 */
export function drawChart(box: HTMLElement, build: (width: number) => ChartOption, points: number): EChartsType {
  let m = mounted.get(box);
  if (!m) {
    const chart = init(box, THEME, { renderer: 'svg' });
    const observer = new ResizeObserver(() => {
      const cur = mounted.get(box);
      if (!cur || box.clientWidth === 0 || box.clientWidth === cur.width) return;
      cur.width = box.clientWidth;
      cur.chart.resize();
      cur.chart.setOption(cur.build(cur.width), { notMerge: true });
    });
    observer.observe(box);
    m = { chart, observer, build, width: box.clientWidth };
    mounted.set(box, m);
  }
  m.build = build;
  m.width = box.clientWidth;
  m.chart.setOption(build(m.width), { notMerge: true });
  box.setAttribute('data-points', String(points));
  return m.chart;
}

/** Updates a drawn chart's data in place (the live board's minute updates) without rebuilding it. */
export function patchChart(box: HTMLElement, patch: ChartOption, points: number): void {
  const m = mounted.get(box);
  if (!m) return;
  m.chart.setOption(patch, { lazyUpdate: true });
  box.setAttribute('data-points', String(points));
}

/** Disposes every chart whose box is no longer in the document (a page or card was redrawn). */
export function disposeDetachedCharts(): void {
  for (const [box, m] of mounted) {
    if (box.isConnected) continue;
    m.observer.disconnect();
    m.chart.dispose();
    mounted.delete(box);
  }
}

/** Disposes every chart (leaving a page). */
export function disposeAllCharts(): void {
  for (const [box, m] of mounted) {
    m.observer.disconnect();
    m.chart.dispose();
    mounted.delete(box);
  }
}
