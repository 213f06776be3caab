import { getJson } from '../api.js';
import type { KpiRadar } from '../api-types.js';
import { createCard, loadCard } from '../card.js';
import { chartBox, drawChart, STATUS_COLORS, tooltip, type ChartOption } from '../charts.js';
import { el, note, table } from '../elements.js';
import { formatDuration, formatNumber, formatPct } from '../format.js';
import { lang, t } from '../i18n.js';
import { cardGrid, pageHeader, shared, type Page } from '../page.js';
import { wrapLabel } from '../labels.js';

type Indicator = KpiRadar['indicators'][number];

/** An indicator's value in its unit: ratios as %, minutes and hours as durations, CNY as yuan. */
function formatIndicator(i: Indicator, v: number | null): string {
  if (v == null) return '—';
  switch (i.unit) {
    case 'ratio': return formatPct(v);
    case 'minutes': return formatDuration(v * 60_000);
    case 'hours': return formatDuration(v * 3_600_000);
    case 'CNY': return `¥${formatNumber(v, 2)}`;
    default: return formatNumber(v, 2);
  }
}

/** The indicator's name without its parenthesised explanation (the table keeps the full name). */
function shortName(i: Indicator): string {
  return lang() === 'zh' ? i.zh.replace(/（.*）/, '') : i.en.replace(/ \(.*\)/, '');
}

function radarOption(r: KpiRadar, width: number): ChartOption {
  const m = t().overview;
  const narrow = width < 520;
  const indicator = r.indicators.map((i) => ({
    // On a phone the side labels must fit beside the radar: short lines (CJK characters are wide).
    name: wrapLabel(shortName(i), narrow ? (lang() === 'zh' ? 4 : 9) : 14), max: 1.5, min: 0,
    ...(i.status === 'poor' ? { color: STATUS_COLORS.poor } : {}),
  }));
  return {
    tooltip: tooltip({ trigger: 'item' }),
    legend: { bottom: 0, data: [m.current, m.targetRing], icon: 'roundRect' },
    radar: {
      indicator, radius: narrow ? '46%' : '64%', center: ['50%', '48%'], splitNumber: 3,
      axisName: { color: '#2b3145', fontSize: narrow ? 10 : 12 },
      splitArea: { areaStyle: { color: ['#fafbfe', '#f1f3f9'] } },
      splitLine: { lineStyle: { color: '#dfe3ee' } }, axisLine: { lineStyle: { color: '#dfe3ee' } },
    },
    series: [{
      type: 'radar',
      data: [
        { name: m.targetRing, value: r.indicators.map(() => 1), symbol: 'none', lineStyle: { type: 'dashed', color: '#2b3145', width: 1.5 }, itemStyle: { color: '#2b3145' } },
        {
          name: m.current, value: r.indicators.map((i) => i.score ?? 0), symbolSize: 6,
          lineStyle: { color: '#e15759', width: 2 }, itemStyle: { color: '#e15759' }, areaStyle: { color: 'rgba(225,87,89,.22)' },
        },
      ],
    }],
  };
}

function statusBadge(status: Indicator['status']): { text: string; badge: string } {
  return { text: t().statuses[status], badge: `status status-${status}` };
}

/** Overview: the KPI health radar against targets, as a radar and a table. */
export const overviewPage: Page = {
  name: 'overview',
  title: () => t().overview.title,
  async render(ctx) {
    const m = t().overview;
    pageHeader(ctx.root, m.title);
    const grid = cardGrid(ctx.root);
    const radarCard = createCard(grid, 'radar', m.radar);
    const tableCard = createCard(grid, 'radar-table', m.table);
    const radar = shared(getJson<KpiRadar>('/v1/kpi/radar', ctx.signal));
    await Promise.all([
      loadCard(radarCard, async (body) => {
        const r = await radar;
        const box = chartBox(body, 'radar', 380);
        drawChart(box, (w) => radarOption(r, w), r.indicators.filter((i) => i.score != null).length);
        body.append(note(m.radarNote));
      }),
      loadCard(tableCard, async (body) => {
        const r = await radar;
        body.append(table([m.indicator, m.value, m.target, m.status], r.indicators.map((i) => [
          lang() === 'zh' ? i.zh : i.en, formatIndicator(i, i.value), formatIndicator(i, i.target), statusBadge(i.status),
        ]), { name: 'radar' }));
        const behind = r.indicators.filter((i) => i.status === 'poor');
        if (behind.length > 0) body.append(el('p', { class: 'callout' }, `${t().statuses.poor}${lang() === 'zh' ? '：' : ': '}${behind.map(shortName).join(lang() === 'zh' ? '、' : ', ')}`));
      }),
    ]);
  },
};
