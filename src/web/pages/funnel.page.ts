import { getJson, withQuery } from '../api.js';
import type { FunnelReport } from '../api-types.js';
import { createCard, emptyState, loadCard, type Card } from '../card.js';
import { chartBox, drawChart } from '../charts.js';
import { el, note, select, table, tiles } from '../elements.js';
import { formatInt, formatPct, formatYuan } from '../format.js';
import { dimensionName, groupName, nodeName, t } from '../i18n.js';
import { cardGrid, pageHeader, shared, type Page, type PageContext } from '../page.js';
import { breakdownOption, breakdownTitle, stepsOption, timingOption, topGroups } from './funnel-charts.js';

const DIMENSIONS = ['platform', 'creatorId', 'videoId', 'liveId', 'productId', 'categoryId', 'priceBand', 'segment', 'variantId'];
const GROUPS_SHOWN = 6;

/** The funnel's options, kept while the dashboard is open (switching language or page keeps them). */
const state = { window: '24h', count: 'persons', by: 'platform' };

interface Cards { steps: Card; gmv: Card; timing: Card; breakdown: Card; dropOff: Card }

function drawSteps(body: HTMLElement, r: FunnelReport): void {
  const m = t().funnel;
  const steps = r.overall.steps;
  const split = el('div', { class: 'split' });
  body.append(split);
  drawChart(chartBox(split, 'funnel-steps', 330), (w) => stepsOption(steps, w), steps.length);
  split.append(table([m.step, m.count, m.fromPrevious, m.fromFirst, m.dropped], steps.map((s) => [
    nodeName(s.name), formatInt(s.count), formatPct(s.conversionFromPrevious), formatPct(s.conversionFromFirst), formatInt(s.dropped),
  ]), { name: 'funnel-steps' }));
  body.append(note(m.note));
}

function drawGmv(body: HTMLElement, r: FunnelReport): void {
  const m = t().funnel;
  const v = r.overall.value;
  const last = r.overall.steps[r.overall.steps.length - 1];
  body.append(tiles([
    { label: m.gross, value: formatYuan(v?.gross), name: 'gross' },
    { label: m.refunds, value: formatYuan(v?.refunds), tone: 'bad', name: 'refunds' },
    { label: m.net, value: formatYuan(v?.net), tone: 'good', name: 'net' },
    { label: m.perConversion, value: formatYuan(v?.perConversion), name: 'per-conversion' },
    { label: `${m.paid} (${last ? nodeName(last.name) : ''})`, value: formatInt(last?.count), name: 'paid' },
    { label: m.conversion, value: formatPct(last?.conversionFromFirst), name: 'conversion' },
  ]));
}

function drawTiming(body: HTMLElement, r: FunnelReport): void {
  const steps = r.overall.steps;
  const timed = steps.filter((s) => s.timeFromPrevious !== null).length;
  if (timed === 0) { body.append(emptyState()); return; }
  drawChart(chartBox(body, 'funnel-timing', 300), (w) => timingOption(steps, w), timed * 2);
}

function drawBreakdown(card: Card, body: HTMLElement, r: FunnelReport): void {
  const m = t().funnel;
  card.title.textContent = breakdownTitle(state.by, dimensionName(state.by));
  if (state.by === '') { body.append(el('p', { class: 'empty' }, m.breakdownNone)); return; }
  const groups = topGroups(r.groups, GROUPS_SHOWN);
  if (groups.length === 0) { body.append(emptyState()); return; }
  drawChart(chartBox(body, 'funnel-breakdown', 320), (w) => breakdownOption(state.by, groups, w), groups.length * Math.max(0, (groups[0]?.steps.length ?? 1) - 1));
  body.append(table([dimensionName(state.by, true), m.entered, m.paid, m.conversion, t().funnel.net], groups.map((g) => {
    const first = g.steps[0];
    const last = g.steps[g.steps.length - 1];
    return [groupName(state.by, g.group), formatInt(first?.count), formatInt(last?.count), formatPct(last?.conversionFromFirst), formatYuan(g.value?.net)];
  }), { name: 'funnel-groups' }));
}

function drawDropOff(body: HTMLElement, r: FunnelReport): void {
  const m = t().funnel;
  const rows = r.overall.steps.filter((s) => s.dropped > 0);
  if (rows.length === 0) { body.append(emptyState()); return; }
  body.append(table([m.step, m.dropped, m.wentNext], rows.map((s) => [
    nodeName(s.name), formatInt(s.dropped),
    { text: s.dropOffNext.map((d) => `${nodeName(d.event)} ${formatInt(d.count)}`).join(' · ') || '—', className: 'text wrap' },
  ]), { textColumns: [2], name: 'funnel-dropoff' }));
}

function load(ctx: PageContext, cards: Cards): Promise<unknown> {
  const report = shared(getJson<FunnelReport>(withQuery('/v1/funnel', {
    window: state.window, count: state.count, by: state.by, value: true, nextEvents: 3,
  }), ctx.signal));
  return Promise.all([
    loadCard(cards.steps, async (body) => drawSteps(body, await report)),
    loadCard(cards.gmv, async (body) => drawGmv(body, await report)),
    loadCard(cards.timing, async (body) => drawTiming(body, await report)),
    loadCard(cards.breakdown, async (body) => drawBreakdown(cards.breakdown, body, await report)),
    loadCard(cards.dropOff, async (body) => drawDropOff(body, await report)),
  ]);
}

/** Funnel: the eight steps with conversion, GMV net of refunds, time to convert, a breakdown and drop-offs. */
export const funnelPage: Page = {
  name: 'funnel',
  title: () => t().funnel.title,
  async render(ctx) {
    const m = t();
    const controls = pageHeader(ctx.root, m.funnel.title);
    const grid = cardGrid(ctx.root);
    const cards: Cards = {
      steps: createCard(grid, 'funnel-steps', m.funnel.steps, { wide: true }),
      gmv: createCard(grid, 'funnel-gmv', m.funnel.gmv),
      timing: createCard(grid, 'funnel-timing', m.funnel.timing),
      breakdown: createCard(grid, 'funnel-breakdown', breakdownTitle(state.by, dimensionName(state.by)), { wide: true }),
      dropOff: createCard(grid, 'funnel-dropoff', m.funnel.dropOff, { wide: true }),
    };
    const reload = (key: keyof typeof state) => (value: string) => { state[key] = value; ctx.track(load(ctx, cards)); };
    controls.append(
      select(m.controls.window, 'funnel-window', Object.entries(m.windows).map(([value, label]) => ({ value, label })), state.window, reload('window')),
      select(m.controls.count, 'funnel-count', Object.entries(m.counts).map(([value, label]) => ({ value, label })), state.count, reload('count')),
      select(m.controls.breakdown, 'funnel-by', [{ value: '', label: m.controls.none }, ...DIMENSIONS.map((d) => ({ value: d, label: dimensionName(d, true) }))], state.by, reload('by')),
    );
    await load(ctx, cards);
  },
};
