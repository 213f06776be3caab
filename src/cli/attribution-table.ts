import type { AttributionResult } from '../modules/attribution/index.js';
import { formatMinorUnits } from '../shared/money.js';
import { msg, PLATFORM_NAMES_ZH } from './messages.js';
import { displayWidth, padTo } from './report-table.js';

const num = (x: number): string => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/**
 * Renders an attribution result as a terminal table: channel, conversions, share, value (yuan from the
 * largest-remainder fen when the input is the event store), removal effect (Markov), then the totals.
 */
export function renderAttribution(r: AttributionResult, lang: 'zh' | 'en'): string {
  const hasValue = r.channels.some((c) => c.value !== undefined);
  const markov = r.model === 'markov';
  const header = [msg(lang, 'attribution_channel'), msg(lang, 'attribution_conversions'), msg(lang, 'attribution_share')];
  if (hasValue) header.push(msg(lang, r.source === 'events' ? 'attribution_value' : 'attribution_path_value'));
  if (markov) header.push(msg(lang, 'attribution_removal'));
  const total = r.totals.attributedConversions;
  const rows = r.channels.map((c) => {
    const name = lang === 'zh' && r.by === 'platform' && PLATFORM_NAMES_ZH[c.channel] ? `${PLATFORM_NAMES_ZH[c.channel]} ${c.channel}` : c.channel;
    const cells = [name, num(Number(c.conversions.toFixed(2))), `${(total > 0 ? (100 * c.conversions) / total : 0).toFixed(1)}%`];
    if (hasValue) cells.push(c.valueFen !== undefined && r.source === 'events' ? formatMinorUnits(c.valueFen) : num(Number((c.value ?? 0).toFixed(2))));
    if (markov) cells.push((c.removalEffect ?? 0).toFixed(4));
    return cells;
  });
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i] as string))));
  const line = (cells: string[]): string => cells.map((c, i) => padTo(c, widths[i] as number, i > 0)).join('  ');
  const source = r.source === 'events' ? (r.by ?? '') : msg(lang, 'attribution_source_paths');
  return [
    `■ ${msg(lang, 'attribution_title', { model: r.model, source })}`,
    r.definition,
    line(header),
    ...rows.map(line),
    msg(lang, 'attribution_totals', {
      journeys: r.totals.journeys.toLocaleString('en-US'), conversions: num(r.totals.conversions), nulls: num(r.totals.nulls), unattributed: num(r.totals.unattributedConversions),
    }),
  ].join('\n');
}
