import { getJson } from '../api.js';
import type { RfmReport } from '../api-types.js';
import { createCard, loadCard } from '../card.js';
import { chartBox, drawChart, tooltip, type ChartOption } from '../charts.js';
import { note, table } from '../elements.js';
import { formatInt, formatNumber, formatPct, formatYuan } from '../format.js';
import { fill, lang, t } from '../i18n.js';
import { escapeHtml } from '../labels.js';
import { cardGrid, pageHeader, shared, type Page } from '../page.js';

type Layer = RfmReport['layers'][number];

/** One colour per RFM layer, the same in the chart and the table. */
const LAYER_COLORS: Record<string, string> = { loyal: '#59a14f', high_potential_new: '#4e79a7', at_risk: '#f28e2b', dormant: '#b07aa1', other: '#a3aabb' };
const layerColor = (l: Layer) => LAYER_COLORS[l.layer] ?? '#a3aabb';
const layerName = (l: Layer) => (lang() === 'zh' ? l.nameZh : l.nameEn);

function layersOption(layers: Layer[], width: number): ChartOption {
  return {
    grid: { left: 8, right: width < 520 ? 96 : 120, top: 8, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const l = layers[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        return l ? escapeHtml(`${layerName(l)}: ${formatInt(l.size)} (${formatPct(l.share)})`) : '';
      },
    }),
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    yAxis: { type: 'category', inverse: true, data: layers.map(layerName), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: '#2b3145', fontSize: 12 } },
    series: [{
      type: 'bar', barMaxWidth: 28,
      data: layers.map((l) => ({ value: l.size, itemStyle: { color: layerColor(l), borderRadius: [0, 4, 4, 0] } })),
      label: { show: true, position: 'right', color: '#2b3145', formatter: (p: { dataIndex: number }) => { const l = layers[p.dataIndex]; return l ? `${formatInt(l.size)} · ${formatPct(l.share)}` : ''; } },
    }],
  };
}

/** The cut points that turn recency, frequency and monetary value into scores. */
function drawThresholds(body: HTMLElement, r: RfmReport): void {
  const m = t().segments;
  const th = r.thresholds;
  const cuts = (values: number[], format: (v: number) => string) => ({ text: values.map(format).join(' · ') || '—', className: 'text wrap' });
  const source = (dim: string) => ({ text: (m.sources as Record<string, string>)[th.source[dim] ?? ''] ?? th.source[dim] ?? '—', className: 'text' });
  body.append(table([m.dimension, m.cuts, m.chosenBy], [
    [m.dimensions.recency, cuts(th.recencyDays, (v) => formatNumber(v, 1)), source('recency')],
    [m.dimensions.frequency, cuts(th.frequency, (v) => formatNumber(v, 1)), source('frequency')],
    [m.dimensions.monetary, cuts(th.monetary, formatYuan), source('monetary')],
  ], { textColumns: [1, 2], name: 'rfm-thresholds' }));
  body.append(note(fill(m.thresholdsNote, { k: th.scores })));
}

/** Segments: the RFM layers' sizes, the score thresholds and each layer's content strategy. */
export const segmentsPage: Page = {
  name: 'segments',
  title: () => t().segments.title,
  async render(ctx) {
    const m = t().segments;
    pageHeader(ctx.root, m.title);
    const grid = cardGrid(ctx.root);
    const sizes = createCard(grid, 'rfm-layers', m.layers);
    const thresholds = createCard(grid, 'rfm-thresholds', m.thresholds);
    const strategies = createCard(grid, 'rfm-strategies', m.strategies, { wide: true });
    const rfm = shared(getJson<RfmReport>('/v1/segments/rfm', ctx.signal));
    await Promise.all([
      loadCard(sizes, async (body) => {
        const r = await rfm;
        drawChart(chartBox(body, 'rfm-layers', 300), (w) => layersOption(r.layers, w), r.layers.length);
        body.append(note(fill(m.buyers, { n: formatInt(r.buyers) })));
      }),
      loadCard(thresholds, async (body) => drawThresholds(body, await rfm)),
      loadCard(strategies, async (body) => {
        const r = await rfm;
        body.append(table([m.layer, m.members, m.share, m.rule, m.strategy], r.layers.map((l) => [
          { text: layerName(l), className: `text layer layer-${l.layer}` }, formatInt(l.size), formatPct(l.share), { text: l.rule ?? '—', className: 'text mono' },
          { text: lang() === 'zh' ? `${l.headlineZh}：${l.strategyZh}` : `${l.headlineEn}: ${l.strategyEn}`, className: 'text wrap' },
        ]), { textColumns: [3, 4], name: 'rfm' }));
      }),
    ]);
  },
};
