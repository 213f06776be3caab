import type { Experiment, ExperimentDesign, ExperimentStatus, MetricDef, MetricKind } from '../api-types.js';
import { el } from '../elements.js';
import { formatNumber, formatPct, formatYuan } from '../format.js';
import { fill, lang, nodeName, t } from '../i18n.js';

/** Metric kinds whose per-unit value is a share (0…1): means show as percentages, absolute effects in points. */
const SHARE_KINDS: ReadonlySet<MetricKind> = new Set(['conversion', 'retention', 'refund_rate', 'complaint_rate']);

/** An experiment's status as a coloured badge (`data-status` for tests and styles). */
export function statusBadge(status: ExperimentStatus): HTMLElement {
  return el('span', { class: `badge badge-exp-${status}`, 'data-status': status }, t().experiments.statuses[status]);
}

/** The randomisation unit in words: 按人 / Person, 按达人聚类 / Creator (cluster), switchback with its slots. */
export function designName(d: ExperimentDesign): string {
  const m = t().experiments.designs;
  if (d.kind === 'person') return m.person;
  if (d.kind === 'cluster') return m[d.by];
  return fill(m.switchback, { slot: d.slotMinutes, burnIn: d.burnInMinutes });
}

/** A metric definition's name in the current language (支付转化率 / Conversion to Pay, 第 7 天留存), or its own label. */
export function metricName(def: Pick<MetricDef, 'kind' | 'event' | 'day' | 'label'>): string {
  if (def.label) return def.label;
  const template = t().experiments.metricNames[def.kind];
  return fill(template, { event: def.event ? nodeName(def.event) : '?', day: def.day ?? '?' });
}

/** The server's bilingual text in the current language. */
export function inLang(text: { zh: string; en: string }): string {
  return lang() === 'zh' ? text.zh : text.en;
}

/** A variation's display name: its name, with the key when they differ (`商品特写 (closeup)`). */
export function variationLabel(e: Experiment, key: string): string {
  const v = e.variations.find((x) => x.key === key);
  return !v || v.name === '' || v.name === key ? key : `${v.name} (${key})`;
}

/** A per-unit mean: shares as percentages, GMV (fen) as yuan, decision time in hours, counts as numbers. */
export function formatMean(x: number | null, kind: MetricKind): string {
  if (x === null) return '—';
  if (SHARE_KINDS.has(kind)) return formatPct(x);
  if (kind === 'gmv') return formatYuan(x);
  if (kind === 'decision_time') return fill(t().units.h, { n: formatNumber(x, 2) });
  return formatNumber(x, 3);
}

const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '');

/**
 * An effect (or interval end) in the report's difference: relative as a signed percentage; absolute in
 * the metric's unit (points for shares, yuan for GMV). Null is an unbounded end: `−∞` low, `+∞` high.
 */
export function formatEffect(x: number | null, difference: 'relative' | 'absolute', kind: MetricKind, end: 'low' | 'high' = 'high'): string {
  if (x === null || !Number.isFinite(x)) return end === 'low' ? '−∞' : '+∞';
  const a = Math.abs(x);
  if (difference === 'relative') return `${sign(x)}${formatPct(a)}`;
  if (SHARE_KINDS.has(kind)) return `${sign(x)}${fill(t().experiments.pp, { n: formatNumber(a * 100, 2) })}`;
  if (kind === 'gmv') return `${sign(x)}${formatYuan(a)}`;
  if (kind === 'decision_time') return `${sign(x)}${fill(t().units.h, { n: formatNumber(a, 2) })}`;
  return `${sign(x)}${formatNumber(a, 4)}`;
}

/** An interval `[lo, hi]` with unbounded ends as ∞. */
export function formatInterval(ci: [number | null, number | null], difference: 'relative' | 'absolute', kind: MetricKind): string {
  return `[${formatEffect(ci[0], difference, kind, 'low')}, ${formatEffect(ci[1], difference, kind, 'high')}]`;
}

/** A p-value with four decimals; tiny ones as `< 0.0001`. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}
