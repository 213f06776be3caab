import type { PublishedPolicy, RecommendModelSummary } from '../api-types.js';
import { chartBox, drawChart, paletteColor, tooltip, type ChartOption } from '../charts.js';
import { el, note, table, tiles } from '../elements.js';
import { formatDateTime, formatDuration, formatInt, formatNumber, formatPct } from '../format.js';
import { fill, lang, t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';
import { componentName, SCORE_COMPONENTS } from './recommend-explain.js';

type PolicyComponent = PublishedPolicy['components'][number];

const definition = (c: PolicyComponent) => (lang() === 'zh' ? c.zh : c.en);
const colorOf = (c: PolicyComponent) => paletteColor(Math.max(0, SCORE_COMPONENTS.indexOf(c.name)));

/** The weights as bars, coloured as in the "why" chart; the tooltip gives the definition. */
function weightsOption(components: PolicyComponent[], width: number): ChartOption {
  return {
    grid: { left: 8, right: 52, top: 8, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' }, extraCssText: 'max-width:320px;white-space:normal',
      formatter: (p: unknown) => {
        const c = components[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        return c ? `<b>${escapeHtml(componentName(c.name))}</b> ${formatPct(c.weight)}<br>${escapeHtml(definition(c))}` : '';
      },
    }),
    xAxis: { type: 'value', min: 0, axisLabel: { color: '#6b7286', formatter: (v: number) => formatPct(v) }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    yAxis: {
      type: 'category', inverse: true, axisTick: { show: false }, axisLine: { show: false },
      data: components.map((c) => truncate(componentName(c.name), width < 520 ? 10 : 24)), axisLabel: { color: '#2b3145', fontSize: 12 },
    },
    series: [{
      type: 'bar', barMaxWidth: 22,
      data: components.map((c) => ({ value: c.weight, itemStyle: { color: colorOf(c), borderRadius: [0, 4, 4, 0] } })),
      label: { show: true, position: 'right', color: '#2b3145', formatter: (p: { dataIndex: number }) => formatPct(components[p.dataIndex]?.weight ?? 0) },
    }],
  };
}

/**
 * The published policy: the formula in words (and as the API states it), the weights with each
 * component's definition, the relevance blend, the parameters and every published version.
 */
export function drawPolicy(body: HTMLElement, policy: PublishedPolicy, versions: PublishedPolicy[]): void {
  const m = t().recommend;
  const blend = policy.relevanceBlend;
  body.append(
    el('p', { class: 'rec-formula', 'data-field': 'formula' }, m.formula),
    el('p', {}, el('code', {}, policy.formula)),
  );
  const split = el('div', { class: 'split' });
  body.append(split);
  drawChart(chartBox(split, 'policy-weights', 40 + policy.components.length * 34), (w) => weightsOption(policy.components, w), policy.components.length);
  split.append(table([m.component, m.weight, m.definition], policy.components.map((c) => [
    { text: componentName(c.name), className: `text rec-c rec-c-${c.name}`, title: c.name }, formatPct(c.weight), { text: definition(c), className: 'text wrap' },
  ]), { textColumns: [2], name: 'policy-components' }));
  body.append(note(fill(m.blend, { sar: formatPct(blend.sar), learned: formatPct(blend.learned), trending: formatPct(blend.trending) })));
  const params = table([m.parameter, m.value], Object.entries(policy.parameters).map(([name, value]) => [
    { text: m.parameterNames[name] ?? name, title: name, className: 'text wrap' }, formatNumber(value, 4),
  ]), { name: 'policy-parameters' });
  const history = table([m.version, m.createdAt, m.createdBy, m.note], versions.map((v) => [
    { text: `v${v.version}`, ...(v.version === policy.version ? { badge: 'badge badge-resolved', title: m.inForce } : {}) },
    formatDateTime(v.createdAt), { text: v.createdBy, className: 'text mono' },
    { text: v.version === 0 ? m.builtIn : v.note || '—', className: 'text wrap' },
  ]), { textColumns: [1, 2, 3], name: 'policy-versions' });
  body.append(el('div', { class: 'split rec-policy-tables' },
    el('div', {}, el('h3', {}, m.parameters), params),
    el('div', {}, el('h3', {}, m.versions), history)));
}

/** The model summary: catalogue size, persons, interactions, the learned model, memory, build time. */
export function drawModel(body: HTMLElement, s: RecommendModelSummary): void {
  const m = t().recommend;
  body.append(
    tiles([
      { label: m.items, value: formatInt(s.items), name: 'items' },
      { label: m.persons, value: formatInt(s.persons), name: 'persons' },
      { label: m.interactions, value: formatInt(s.interactions), name: 'interactions' },
      { label: m.learned, value: s.learned ? m.yes : m.no, tone: s.learned ? 'good' : '', name: 'learned' },
      { label: m.bytesPerItem, value: fill(m.bytes, { n: formatInt(s.bytesPerItem) }), name: 'bytes-per-item' },
    ]),
    note(fill(m.builtAt, { at: formatDateTime(s.builtAt), t: formatDuration(s.buildMs) })),
  );
}
