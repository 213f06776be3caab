import type { ExplainedItem, RecommendationExplain, ScoreComponent } from '../api-types.js';
import { chartBox, drawChart, paletteColor, tooltip, type ChartOption } from '../charts.js';
import { el, note, table } from '../elements.js';
import { formatNumber, formatPct } from '../format.js';
import { fill, lang, t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';

/** The score's components in published order (the policy's formula; colours follow this order). */
export const SCORE_COMPONENTS: readonly ScoreComponent[] = ['conversion', 'relevance', 'clickThrough', 'completion', 'interaction', 'freshness'];

type Weights = Record<ScoreComponent, number>;

/** A component's name in the current language (转化效率 / Conversion efficiency). */
export function componentName(c: ScoreComponent): string {
  return t().recommend.components[c];
}

/** What a component adds to an item's score: weight × value × credit (the bar segment's length). */
function contribution(item: ExplainedItem, weights: Weights, c: ScoreComponent): number {
  return (weights[c] ?? 0) * (item.components[c] ?? 0) * item.credit;
}

const score = (v: number) => formatNumber(v, 3);
const rankLabel = (item: ExplainedItem) => `${item.position + 1}. ${item.itemId}`;

/** The relevance sources as one line: `Co-occurrence (SAR) 0.412 · Learned model 0.3 · Trending 0.1`. */
function sourcesText(item: ExplainedItem): string {
  const m = t().recommend;
  const s = item.relevanceSources;
  if (!s) return m.noSources;
  const parts: string[] = [];
  if (s.sar !== undefined) parts.push(`${m.sourceNames.sar} ${score(s.sar)}`);
  if (s.learned !== undefined) parts.push(`${m.sourceNames.learned} ${score(s.learned)}`);
  parts.push(`${m.sourceNames.trending} ${score(s.trending)}`);
  return parts.join(' · ');
}

/** The tooltip of one item's bar: each component raw × weight × credit, the sources and the multiplier. */
function itemTooltip(item: ExplainedItem, weights: Weights): string {
  const m = t().recommend;
  const lines = SCORE_COMPONENTS.map((c, k) => `<span style="color:${paletteColor(k)}">●</span> ${escapeHtml(componentName(c))}: `
    + `${score(item.components[c] ?? 0)} × ${formatPct(weights[c] ?? 0)} × ${score(item.credit)} = <b>${score(contribution(item, weights, c))}</b>`);
  return [
    `<b>${escapeHtml(rankLabel(item))}</b>${item.explored ? ` · ${escapeHtml(m.explored)}` : ''}`,
    ...lines,
    `${escapeHtml(m.score)}: <b>${score(item.score)}</b>`,
    `${escapeHtml(m.sources)}: ${escapeHtml(sourcesText(item))}`,
    `${escapeHtml(m.credit)}: ${score(item.credit)} · ${escapeHtml(m.propensity)}: ${formatPct(item.propensity)}`,
  ].join('<br>');
}

/** One stacked bar per item, one segment per component: the segments add up to the item's score. */
function whyOption(items: ExplainedItem[], weights: Weights, width: number): ChartOption {
  const narrow = width < 520;
  const last = SCORE_COMPONENTS.length - 1;
  return {
    legend: { top: 0, type: 'scroll', data: SCORE_COMPONENTS.map(componentName) },
    grid: { left: 8, right: narrow ? 44 : 56, top: 34, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const item = items[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        return item ? itemTooltip(item, weights) : '';
      },
    }),
    xAxis: { type: 'value', min: 0, axisLabel: { color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    yAxis: {
      type: 'category', inverse: true, axisTick: { show: false },
      data: items.map((i) => `${truncate(rankLabel(i), narrow ? 15 : 22)}${i.explored ? ' ✦' : ''}`),
      axisLabel: { color: '#2b3145', fontSize: narrow ? 11 : 12 },
    },
    series: SCORE_COMPONENTS.map((c, k) => ({
      name: componentName(c), type: 'bar' as const, stack: 'score', barMaxWidth: 18,
      itemStyle: { color: paletteColor(k) },
      data: items.map((i) => contribution(i, weights, c)),
      // The score at the end of each stack (the last segment ends where the stack does).
      ...(k === last ? { label: { show: true, position: 'right' as const, color: '#2b3145', formatter: (p: { dataIndex: number }) => score(items[p.dataIndex]?.score ?? 0) } } : {}),
    })),
  };
}

/** The answer's header: the mode, the reason when non-personalised, the policy version, ignored filters. */
function summaryLine(r: RecommendationExplain): HTMLElement {
  const m = t().recommend;
  const personal = r.mode === 'personalised';
  const ignored = r.ignoredFilters.map((f) => m.filters[f] ?? f).join(lang() === 'zh' ? '、' : ', ');
  return el('div', { class: 'rec-summary', 'data-mode': r.mode, 'data-reason': r.reason ?? undefined },
    el('span', { class: `pill ${personal ? 'pill-live' : 'pill-waiting'}`, 'data-field': 'mode' }, m.modes[r.mode]),
    r.reason ? el('span', { class: 'rec-reason', 'data-field': 'reason' }, m.reasons[r.reason] ?? r.reason) : null,
    r.personId ? el('span', { class: 'mono', 'data-field': 'person' }, fill(m.personId, { id: r.personId })) : null,
    el('span', { class: 'pill', 'data-field': 'policy-version' }, fill(m.policyVersion, { v: r.policyVersion })),
    ignored ? el('span', { class: 'rec-ignored', 'data-field': 'ignored' }, fill(m.ignored, { list: ignored })) : null);
}

/** One item's row: rank, item, category, price band, score, exploration; opening it shows the raw values. */
function itemRow(item: ExplainedItem, weights: Weights): HTMLElement {
  const m = t().recommend;
  const explored = item.explored
    ? el('span', { class: 'badge badge-explore', title: fill(m.exploredNote, { p: formatPct(item.propensity) }) }, `${m.explored} · ${formatPct(item.propensity)}`)
    : null;
  const components = table([m.component, m.raw, m.weight, m.contribution], SCORE_COMPONENTS.map((c) => [
    componentName(c), score(item.components[c] ?? 0), formatPct(weights[c] ?? 0), score(contribution(item, weights, c)),
  ]), { name: 'rec-components' });
  return el('details', { class: 'rec-item', 'data-item': item.itemId },
    el('summary', {},
      el('span', { class: 'rec-rank' }, String(item.position + 1)),
      el('span', { class: 'rec-id mono', 'data-field': 'item' }, item.itemId),
      el('span', { class: 'rec-meta' }, `${m.category} ${item.categoryId ?? '—'} · ${m.priceBands[item.priceBand ?? ''] ?? item.priceBand ?? '—'}`),
      explored,
      el('strong', { class: 'rec-score', 'data-field': 'score' }, score(item.score))),
    el('div', { class: 'rec-detail' },
      components,
      el('p', {}, el('strong', {}, `${m.sources}: `), sourcesText(item)),
      el('p', {}, el('strong', {}, `${m.credit}: `), score(item.credit), ` · ${m.merchant} `, el('span', { class: 'mono' }, item.merchantId),
        ` · ${m.propensity} ${formatPct(item.propensity)}`)));
}

/** Draws the explain answer: the header line, the stacked bars and the expandable item rows. */
export function drawExplain(body: HTMLElement, r: RecommendationExplain): void {
  const m = t().recommend;
  body.append(summaryLine(r));
  if (r.items.length === 0) { body.append(el('p', { class: 'empty' }, m.empty)); return; }
  const weights = r.policy.weights;
  const box = chartBox(body, 'recommend-why', Math.max(200, 48 + r.items.length * 30));
  drawChart(box, (w) => whyOption(r.items, weights, w), r.items.length * SCORE_COMPONENTS.length);
  body.append(note(m.whyNote), el('div', { class: 'rec-items', 'data-list': 'recommend-items' }, ...r.items.map((i) => itemRow(i, weights))));
}
