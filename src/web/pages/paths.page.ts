import { getJson, withQuery } from '../api.js';
import type { DecisionTimeReport, PathLengthReport, PathReport } from '../api-types.js';
import { createCard, emptyState, loadCard, type Card } from '../card.js';
import { chartBox, drawChart } from '../charts.js';
import { select, table, tiles } from '../elements.js';
import { formatDuration, formatInt, formatNumber, formatPct } from '../format.js';
import { fill, nodeName, t } from '../i18n.js';
import { cardGrid, pageHeader, shared, type Page, type PageContext } from '../page.js';
import { decisionOption, pathLengthOption, sankeyOption } from './paths-charts.js';

const DAY = 86_400_000;
const STARTS = ['impression', 'play', 'product_click', 'detail_view', 'add_to_cart'];
const state = { start: 'product_click' };

async function drawPaths(sankey: Card, top: Card, ctx: PageContext): Promise<void> {
  const m = t().paths;
  sankey.title.textContent = fill(m.sankey, { event: nodeName(state.start) });
  const report = shared(getJson<PathReport>(withQuery('/v1/paths', { start: state.start, depth: 4, top: 6 }), ctx.signal));
  await Promise.all([
    loadCard(sankey, async (body) => {
      const r = await report;
      if (r.sankey.nodes.length === 0) { body.append(emptyState()); return; }
      // A phone draws the flow top to bottom and needs more height for it.
      const box = chartBox(body, 'paths-sankey', body.clientWidth < 600 ? 520 : 400);
      drawChart(box, (w) => sankeyOption(r, w), r.sankey.nodes.length);
    }),
    loadCard(top, async (body) => {
      const r = await report;
      if (r.paths.length === 0) { body.append(emptyState()); return; }
      const arrow = ' → ';
      const rows = r.paths.map((p) => [{ text: p.steps.map(nodeName).join(arrow), className: 'text' }, formatInt(p.persons), formatPct(p.share)]);
      if (r.other.paths > 0) rows.push([{ text: fill(m.other, { n: formatInt(r.other.paths) }), className: 'text muted' }, formatInt(r.other.persons), formatPct(r.persons > 0 ? r.other.persons / r.persons : null)]);
      body.append(table([m.path, m.persons, m.share], rows, { name: 'paths-top' }));
    }),
  ]);
}

function drawDecision(card: Card, ctx: PageContext): Promise<void> {
  const m = t().paths;
  return loadCard(card, async (body) => {
    const r = await getJson<DecisionTimeReport>(withQuery('/v1/decision-time', { start: 'product_click', end: 'pay' }), ctx.signal);
    const o = r.overall;
    body.append(tiles([
      { label: m.started, value: formatInt(o.started), name: 'started' },
      { label: m.converted, value: formatInt(o.converted), name: 'converted' },
      { label: m.rate, value: formatPct(o.conversionRate), name: 'rate' },
      { label: m.median, value: formatDuration(o.p50Ms), name: 'p50' },
      { label: m.p90, value: formatDuration(o.p90Ms), name: 'p90' },
    ]));
    drawChart(chartBox(body, 'decision-time', 260), (w) => decisionOption(r, w), o.histogram.length);
  });
}

function drawPathLength(card: Card, ctx: PageContext): Promise<void> {
  const m = t().paths;
  return loadCard(card, async (body) => {
    // Whole minutes, so the two ranges meet exactly.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const r = await getJson<PathLengthReport>(withQuery('/v1/path-length', {
      from: now - 7 * DAY, to: now, compareFrom: now - 14 * DAY, compareTo: now - 7 * DAY,
    }), ctx.signal);
    const diff = r.difference?.medianSteps;
    body.append(tiles([
      { label: `${m.medianSteps} · ${m.current}`, value: formatNumber(r.current.medianSteps), name: 'median-current' },
      { label: `${m.medianSteps} · ${m.baseline}`, value: formatNumber(r.baseline?.medianSteps), name: 'median-baseline' },
      { label: m.change, value: diff == null ? '—' : `${diff > 0 ? '+' : ''}${formatNumber(diff)}`, name: 'median-change' },
      { label: `${m.buyers} · ${m.current}`, value: formatInt(r.current.buyers), name: 'buyers' },
    ]));
    if (r.current.buyers === 0 && (r.baseline?.buyers ?? 0) === 0) { body.append(emptyState()); return; }
    const points = r.current.distribution.length + (r.baseline?.distribution.length ?? 0);
    drawChart(chartBox(body, 'path-length', 260), () => pathLengthOption(r), points);
  });
}

/** Paths: the Sankey after a start event, the most common paths, decision time and steps to payment. */
export const pathsPage: Page = {
  name: 'paths',
  title: () => t().paths.title,
  async render(ctx) {
    const m = t();
    const controls = pageHeader(ctx.root, m.paths.title);
    const grid = cardGrid(ctx.root);
    const sankey = createCard(grid, 'paths-sankey', fill(m.paths.sankey, { event: nodeName(state.start) }), { wide: true });
    const decision = createCard(grid, 'decision-time', fill(m.paths.decision, { start: nodeName('product_click'), end: nodeName('pay') }));
    const length = createCard(grid, 'path-length', m.paths.length);
    const top = createCard(grid, 'paths-top', m.paths.top, { wide: true });
    controls.append(select(m.controls.start, 'paths-start', STARTS.map((s) => ({ value: s, label: nodeName(s) })), state.start, (value) => {
      state.start = value;
      ctx.track(drawPaths(sankey, top, ctx));
    }));
    await Promise.all([drawPaths(sankey, top, ctx), drawDecision(decision, ctx), drawPathLength(length, ctx)]);
  },
};
