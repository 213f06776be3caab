import type { LtvReport, RepurchaseReport, RetentionReport } from '../modules/retention/index.js';
import { formatMinorUnits } from '../shared/money.js';
import { formatDuration } from '../shared/time.js';
import { msg } from './messages.js';
import { count, percent, renderTable } from './report-table.js';

type Lang = 'zh' | 'en';
const money = (n: number | null): string => (n === null ? '—' : formatMinorUnits(n));
const duration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/** Renders a cohort retention table: one row per cohort, one column per period k, rates in %. */
export function renderRetention(r: RetentionReport, lang: Lang): string {
  const title = `■ ${msg(lang, 'retention_title', {
    cohort: msg(lang, r.cohort === 'first_event' ? 'retention_first_event' : 'retention_first_order'),
    period: msg(lang, r.period === 'week' ? 'retention_week' : 'retention_month'),
    mode: msg(lang, r.mode === 'on' ? 'retention_on' : 'retention_on_or_after'),
    end: r.end, persons: count(r.persons),
  })}`;
  const ks = Array.from({ length: r.periods + 1 }, (_, k) => `${r.period === 'week' ? 'W' : 'M'}${k}`);
  const rows = r.cohorts.map((c) => [c.cohort, count(c.size), ...c.rates.map(percent)]);
  rows.push([msg(lang, 'retention_overall'), count(r.overall.base[0] ?? 0), ...r.overall.rates.map(percent)]);
  return renderTable(title, [msg(lang, 'retention_cohort'), msg(lang, 'retention_size'), ...ks], rows);
}

/** Renders repurchase figures as a two-column table. */
export function renderRepurchase(r: RepurchaseReport, lang: Lang): string {
  const t = r.timeBetweenOrders;
  const rows: string[][] = [
    [msg(lang, 'retention_buyers'), count(r.buyers)],
    [msg(lang, 'retention_repeat_buyers'), count(r.repeatBuyers)],
    [msg(lang, 'retention_repurchase_rate'), percent(r.repurchaseRate)],
  ];
  if (r.within) rows.push([msg(lang, 'retention_within', { days: r.within.days, eligible: count(r.within.eligibleBuyers) }), percent(r.within.rate)]);
  rows.push([msg(lang, 'retention_gap_mean'), duration(t.meanMs)], [msg(lang, 'retention_gap_p50'), duration(t.p50Ms)], [msg(lang, 'retention_gap_p90'), duration(t.p90Ms)]);
  return renderTable(`■ ${msg(lang, 'retention_repurchase_title', { end: r.end })}`, ['', ''], rows);
}

/** Renders LTV: one row per cohort plus the total, then the page of top buyers. */
export function renderLtv(r: LtvReport, lang: Lang): string {
  const header = [msg(lang, 'retention_cohort'), msg(lang, 'retention_buyers'), msg(lang, 'retention_gross'), msg(lang, 'retention_refunded'), msg(lang, 'retention_net'), msg(lang, 'retention_net_per_buyer')];
  const rows = r.cohorts.map((c) => [c.cohort, count(c.buyers), money(c.gross), money(c.refunded), money(c.net), money(c.netPerBuyer)]);
  rows.push([msg(lang, 'retention_total'), count(r.buyers), money(r.gross), money(r.refunded), money(r.net), money(r.netPerBuyer.mean)]);
  const parts = [renderTable(`■ ${msg(lang, 'retention_ltv_title', { end: r.end })}`, header, rows)];
  if (r.perBuyer.items.length > 0) {
    parts.push(renderTable(`■ ${msg(lang, 'retention_top_buyers')}`,
      [msg(lang, 'retention_person'), msg(lang, 'retention_cohort'), msg(lang, 'retention_orders'), msg(lang, 'retention_net')],
      r.perBuyer.items.map((b) => [b.personId, b.cohort, count(b.orders), money(b.net)])));
  }
  return parts.join('\n\n');
}
