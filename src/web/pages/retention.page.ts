import { getJson, withQuery } from '../api.js';
import type { LtvReport, RepurchaseReport, RetentionReport } from '../api-types.js';
import { createCard, emptyState, loadCard, type Card } from '../card.js';
import { chartBox, drawChart } from '../charts.js';
import { note, select, tiles } from '../elements.js';
import { formatDuration, formatInt, formatPct, formatYuan } from '../format.js';
import { t } from '../i18n.js';
import { cardGrid, pageHeader, type Page, type PageContext } from '../page.js';
import { heatmapOption, ltvOption } from './retention-charts.js';

const state = { cohort: 'first_order', period: 'week', mode: 'on' };

interface Cards { heatmap: Card; repurchase: Card; ltv: Card }

function loadHeatmap(card: Card, ctx: PageContext): Promise<void> {
  return loadCard(card, async (body) => {
    const r = await getJson<RetentionReport>(withQuery('/v1/retention', { cohort: state.cohort, period: state.period, mode: state.mode, periods: 8 }), ctx.signal);
    if (r.cohorts.length === 0) { body.append(emptyState()); return; }
    const points = r.cohorts.reduce((n, c) => n + c.rates.filter((v) => v !== null).length, 0);
    drawChart(chartBox(body, 'retention-heatmap', Math.max(200, 90 + 44 * r.cohorts.length)), (w) => heatmapOption(r, w), points);
    body.append(note(t().retention.note));
  });
}

function loadRepurchase(card: Card, ctx: PageContext): Promise<void> {
  const m = t().retention;
  return loadCard(card, async (body) => {
    const r = await getJson<RepurchaseReport>('/v1/repurchase', ctx.signal);
    body.append(tiles([
      { label: m.buyers, value: formatInt(r.buyers), name: 'buyers' },
      { label: m.repeatBuyers, value: formatInt(r.repeatBuyers), name: 'repeat-buyers' },
      { label: m.rate, value: formatPct(r.repurchaseRate), name: 'repurchase-rate' },
      { label: m.gapMedian, value: formatDuration(r.timeBetweenOrders.p50Ms), name: 'gap-p50' },
      { label: m.gapP90, value: formatDuration(r.timeBetweenOrders.p90Ms), name: 'gap-p90' },
    ]));
  });
}

function loadLtv(card: Card, ctx: PageContext): Promise<void> {
  const m = t().retention;
  return loadCard(card, async (body) => {
    const r = await getJson<LtvReport>(withQuery('/v1/ltv', { period: state.period, limit: 0 }), ctx.signal);
    body.append(tiles([
      { label: m.net, value: formatYuan(r.net), name: 'ltv-net' },
      { label: m.perBuyer, value: formatYuan(r.netPerBuyer.mean), name: 'ltv-mean' },
      { label: m.perBuyerMedian, value: formatYuan(r.netPerBuyer.p50), name: 'ltv-p50' },
    ]));
    if (r.cohorts.length === 0) { body.append(emptyState()); return; }
    drawChart(chartBox(body, 'ltv-cohorts', 240), (w) => ltvOption(r, w), r.cohorts.length);
  });
}

/** Retention: the cohort heat map (first order or first visit, weekly or monthly), repurchase and lifetime value. */
export const retentionPage: Page = {
  name: 'retention',
  title: () => t().retention.title,
  async render(ctx) {
    const m = t();
    const controls = pageHeader(ctx.root, m.retention.title);
    const grid = cardGrid(ctx.root);
    const cards: Cards = {
      heatmap: createCard(grid, 'retention-heatmap', m.retention.heatmap, { wide: true }),
      repurchase: createCard(grid, 'repurchase', m.retention.repurchase),
      ltv: createCard(grid, 'ltv', m.retention.ltv),
    };
    const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
    const reload = (key: keyof typeof state) => (value: string) => {
      state[key] = value;
      ctx.track(Promise.all([loadHeatmap(cards.heatmap, ctx), ...(key === 'period' ? [loadLtv(cards.ltv, ctx)] : [])]));
    };
    controls.append(
      select(m.controls.cohort, 'retention-cohort', options(m.retention.cohorts), state.cohort, reload('cohort')),
      select(m.controls.period, 'retention-period', options(m.retention.periods), state.period, reload('period')),
      select(m.controls.mode, 'retention-mode', options(m.retention.modes), state.mode, reload('mode')),
    );
    await Promise.all([loadHeatmap(cards.heatmap, ctx), loadRepurchase(cards.repurchase, ctx), loadLtv(cards.ltv, ctx)]);
  },
};
