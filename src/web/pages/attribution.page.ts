import { getJson, withQuery } from '../api.js';
import type { AttributionReport } from '../api-types.js';
import { createCard, emptyState, errorBox, loadCard, type Card } from '../card.js';
import { chartBox, drawChart, paletteColor, tooltip, type ChartOption } from '../charts.js';
import { note, select, table } from '../elements.js';
import { formatCompact, formatNumber, formatYuan } from '../format.js';
import { dimensionName, fill, groupName, t } from '../i18n.js';
import { escapeHtml, truncate } from '../labels.js';
import { cardGrid, pageHeader, shared, type Page, type PageContext } from '../page.js';

const MODELS = ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'markov'] as const;
type Model = (typeof MODELS)[number];
const DIMENSIONS = ['platform', 'creatorId', 'videoId', 'liveId'];
const CHANNELS_SHOWN = 8;
const state = { by: 'platform', metric: 'conversions' as 'conversions' | 'value' };

interface Answer { model: Model; report: AttributionReport }

const credit = (c: AttributionReport['channels'][number]) => (state.metric === 'value' ? (c.valueFen ?? 0) : c.conversions);
const formatCredit = (v: number | undefined) => (v === undefined ? '—' : state.metric === 'value' ? formatYuan(v) : formatNumber(v, 1));

/** The channels with the most credit under the last model answered (Markov when it answered). */
function topChannels(answers: Answer[]): string[] {
  const ref = answers.find((a) => a.model === 'markov') ?? answers[answers.length - 1];
  return [...(ref?.report.channels ?? [])].sort((a, b) => credit(b) - credit(a)).slice(0, CHANNELS_SHOWN).map((c) => c.channel);
}

function creditOf(a: Answer, channel: string): number {
  const c = a.report.channels.find((x) => x.channel === channel);
  return c ? credit(c) : 0;
}

function compareOption(answers: Answer[], channels: string[], width: number): ChartOption {
  const models = t().attribution.models;
  const label = (c: string) => truncate(groupName(state.by, c), width < 520 ? 10 : 18);
  return {
    legend: { top: 0, type: 'scroll', data: answers.map((a) => models[a.model]) },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: tooltip({
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const list = p as { dataIndex: number; seriesName: string; marker: string; value: number }[];
        const channel = channels[list[0]?.dataIndex ?? 0] ?? '';
        return `<b>${escapeHtml(groupName(state.by, channel))}</b><br>${list.map((x) => `${x.marker}${escapeHtml(x.seriesName)}: ${formatCredit(x.value)}`).join('<br>')}`;
      },
    }),
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => (state.metric === 'value' ? `¥${formatCompact(v / 100)}` : formatCompact(v)), color: '#6b7286' }, splitLine: { lineStyle: { color: '#eef0f5' } } },
    yAxis: { type: 'category', inverse: true, data: channels.map(label), axisTick: { show: false }, axisLabel: { color: '#2b3145', fontSize: 12 } },
    series: answers.map((a) => ({
      name: models[a.model], type: 'bar' as const, barMaxWidth: 10, barGap: '15%',
      itemStyle: { color: paletteColor(MODELS.indexOf(a.model)), borderRadius: [0, 2, 2, 0] },
      data: channels.map((c) => creditOf(a, c)),
    })),
  };
}

async function load(chartCard: Card, tableCard: Card, ctx: PageContext): Promise<unknown> {
  const m = t().attribution;
  chartCard.title.textContent = fill(m.compare, { dim: dimensionName(state.by) });
  // One request per model; a model that fails is reported under the chart while the others are drawn.
  const settled = shared(Promise.allSettled(MODELS.map((model) => getJson<AttributionReport>(withQuery('/v1/attribution', { model, by: state.by }), ctx.signal)
    .then((report): Answer => ({ model, report })))));
  const answered = async (): Promise<{ answers: Answer[]; errors: unknown[] }> => {
    const all = await settled;
    const answers = all.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const errors = all.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (answers.length === 0) throw errors[0];
    return { answers, errors };
  };
  return Promise.all([
    loadCard(chartCard, async (body) => {
      const { answers, errors } = await answered();
      const channels = topChannels(answers);
      if (channels.length === 0) { body.append(emptyState()); return; }
      const height = Math.max(260, 60 + channels.length * answers.length * 9);
      drawChart(chartBox(body, 'attribution-models', height), (w) => compareOption(answers, channels, w), channels.length * answers.length);
      body.append(note(m.note));
      if (errors.length > 0) body.append(errorBox(errors[0]));
    }),
    loadCard(tableCard, async (body) => {
      const { answers } = await answered();
      const channels = topChannels(answers);
      if (channels.length === 0) { body.append(emptyState()); return; }
      body.append(table([m.channel, ...answers.map((a) => m.models[a.model])], channels.map((c) => [
        groupName(state.by, c), ...answers.map((a) => formatCredit(creditOf(a, c))),
      ]), { name: 'attribution' }));
    }),
  ]);
}

/** Attribution: every model's credit per channel, side by side. */
export const attributionPage: Page = {
  name: 'attribution',
  title: () => t().attribution.title,
  async render(ctx) {
    const m = t();
    const controls = pageHeader(ctx.root, m.attribution.title);
    const grid = cardGrid(ctx.root);
    const chartCard = createCard(grid, 'attribution-models', fill(m.attribution.compare, { dim: dimensionName(state.by) }), { wide: true });
    const tableCard = createCard(grid, 'attribution-table', m.attribution.table, { wide: true });
    controls.append(
      select(m.controls.by, 'attribution-by', DIMENSIONS.map((d) => ({ value: d, label: dimensionName(d, true) })), state.by, (v) => { state.by = v; ctx.track(load(chartCard, tableCard, ctx)); }),
      select(m.controls.metric, 'attribution-metric', Object.entries(m.attribution.metrics).map(([value, label]) => ({ value, label })), state.metric, (v) => {
        state.metric = v === 'value' ? 'value' : 'conversions';
        ctx.track(load(chartCard, tableCard, ctx));
      }),
    );
    await load(chartCard, tableCard, ctx);
  },
};
