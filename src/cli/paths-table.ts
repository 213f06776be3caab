import type { DecisionTimeResult, PathLengthRange, PathLengthResult, PathsResult } from '../modules/paths/index.js';
import { formatDuration, toIso } from '../shared/time.js';
import { msg, NODE_NAMES_ZH, PLATFORM_NAMES_ZH, type MessageId } from './messages.js';
import { renderTable } from './report-table.js';

type Lang = 'zh' | 'en';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const num = (x: number): string => x.toLocaleString('en-US');
const ms = (x: number | null): string => (x === null ? '—' : formatDuration(x));
const fixed = (x: number | null, digits = 1): string => (x === null ? '—' : x.toFixed(digits));

const heads = (lang: Lang, ids: readonly MessageId[]): string[] => ids.map((id) => msg(lang, id));
const eventName = (lang: Lang, name: string): string => (lang === 'zh' && NODE_NAMES_ZH[name] ? NODE_NAMES_ZH[name] : name);

/** Renders top paths: one row per complete path, then the merged rest. */
export function renderPaths(r: PathsResult, lang: Lang): string {
  const title = msg(lang, r.anchor === 'start' ? 'paths_title_start' : 'paths_title_end', { event: r.event, persons: num(r.persons) });
  const rows = r.paths.map((p) => [p.steps.map((s) => eventName(lang, s)).join(' → '), num(p.persons), pct(p.share)]);
  if (r.other.persons > 0) rows.push([msg(lang, 'paths_other', { paths: num(r.other.paths) }), num(r.other.persons), pct(r.persons === 0 ? 0 : r.other.persons / r.persons)]);
  return `■ ${title}\n${renderTable(null, heads(lang, ['paths_path', 'paths_persons', 'paths_share']), rows)}`;
}

/** Renders decision time: one row per group, then the histogram of all persons. */
export function renderDecisionTime(r: DecisionTimeResult, lang: Lang): string {
  const label = (g: string): string => (g === 'all' ? msg(lang, 'funnel_all') : lang === 'zh' && r.by === 'platform' && PLATFORM_NAMES_ZH[g] ? `${PLATFORM_NAMES_ZH[g]} ${g}` : g);
  const rows = [r.overall, ...r.groups].map((g) => [label(g.group), num(g.started), num(g.converted), pct(g.conversionRate), ms(g.p50Ms), ms(g.p90Ms), ms(g.meanMs)]);
  const table = renderTable(null, heads(lang, ['decision_group', 'decision_started', 'decision_converted', 'decision_rate', 'decision_p50', 'decision_p90', 'decision_mean']), rows);
  const max = Math.max(1, ...r.overall.histogram.map((b) => b.persons));
  const hist = renderTable(null, heads(lang, ['decision_bucket', 'paths_persons']), r.overall.histogram.map((b) => [b.label, num(b.persons)]))
    .split('\n').map((line, i) => (i === 0 ? line : `${line}  ${'█'.repeat(Math.round((20 * (r.overall.histogram[i - 1]?.persons ?? 0)) / max))}`)).join('\n');
  return `■ ${msg(lang, 'decision_title', { start: r.start, end: r.end })}\n${table}\n\n■ ${msg(lang, 'decision_histogram')}\n${hist}`;
}

/** Renders steps to purchase: a summary row per range, the difference, and the distribution side by side. */
export function renderPathLength(r: PathLengthResult, lang: Lang): string {
  const span = (x: PathLengthRange): string => `${x.from === null ? '…' : toIso(x.from)} – ${x.to === null ? '…' : toIso(x.to)}`;
  const ranges: [string, PathLengthRange][] = [[msg(lang, 'length_current'), r.current]];
  if (r.baseline) ranges.push([msg(lang, 'length_baseline'), r.baseline]);
  const summary = ranges.map(([name, x]) => [name, span(x), num(x.buyers), fixed(x.medianSteps), fixed(x.meanSteps, 2)]);
  if (r.difference) summary.push([msg(lang, 'length_difference'), '', num(r.difference.buyers), fixed(r.difference.medianSteps), fixed(r.difference.meanSteps, 2)]);
  const longest = Math.max(0, ...ranges.map(([, x]) => x.distribution.length));
  const dist = Array.from({ length: longest }, (_, i) => [String(i + 1), ...ranges.map(([, x]) => num(x.distribution[i]?.persons ?? 0))]);
  return [
    `■ ${msg(lang, 'length_title', { end: r.end })}`,
    renderTable(null, ['', ...heads(lang, ['length_range', 'length_buyers', 'length_median', 'length_mean'])], summary),
    '',
    renderTable(null, [msg(lang, 'length_steps'), ...ranges.map(([name]) => name)], dist),
  ].join('\n');
}
