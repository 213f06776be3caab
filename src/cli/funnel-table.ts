import type { FunnelGroupReport, FunnelResult } from '../modules/funnels/index.js';
import { formatDuration } from '../shared/time.js';
import { formatMinorUnits } from '../shared/money.js';
import { msg, NODE_NAMES_ZH, PLATFORM_NAMES_ZH } from './messages.js';
import { displayWidth, padTo, percent } from './report-table.js';

const yuan = (fen: number): string => `¥${formatMinorUnits(fen)}`;

function groupTable(g: FunnelGroupReport, lang: 'zh' | 'en', title: string): string {
  const header = [msg(lang, 'funnel_header'), msg(lang, 'funnel_persons'), msg(lang, 'funnel_from_prev'), msg(lang, 'funnel_from_first'), msg(lang, 'funnel_median')];
  const rows = g.steps.map((s) => [
    lang === 'zh' && NODE_NAMES_ZH[s.name] ? `${NODE_NAMES_ZH[s.name]} ${s.name}` : s.name,
    s.count.toLocaleString('en-US'), percent(s.conversionFromPrevious), percent(s.conversionFromFirst),
    s.timeFromPrevious === null ? '—' : formatDuration(s.timeFromPrevious.p50Ms),
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] as string))));
  const max = Math.max(1, g.steps[0]?.count ?? 0);
  const line = (cells: string[], bar = ''): string => cells.map((c, i) => padTo(c, widths[i] as number, i > 0)).join('  ') + (bar ? `  ${bar}` : '');
  return [
    `■ ${title}`,
    line(header),
    ...rows.map((r, i) => line(r, '█'.repeat(Math.max(1, Math.round((20 * (g.steps[i]?.count ?? 0)) / max))))),
  ].join('\n');
}

/** Renders a funnel result as terminal tables with bars: overall, then each breakdown group. */
export function renderFunnel(result: FunnelResult, lang: 'zh' | 'en'): string {
  const parts = [groupTable(result.overall, lang, msg(lang, 'funnel_all'))];
  if (result.overall.value) {
    const v = result.overall.value;
    parts.push(`${msg(lang, 'funnel_value')}: ${yuan(v.gross)} − ${yuan(v.refunds)} = ${yuan(v.net)}`);
  }
  const title = (group: string): string => (lang === 'zh' && result.by.length === 1 && result.by[0] === 'platform' && PLATFORM_NAMES_ZH[group] ? `${PLATFORM_NAMES_ZH[group]} ${group}` : group);
  for (const g of result.groups) parts.push(groupTable(g, lang, title(g.group)));
  return parts.join('\n\n');
}
