import { fill, lang, t } from './i18n.js';

/** Number formatting in the current language; every function answers '—' for null. */

const locale = (): string => (lang() === 'zh' ? 'zh-CN' : 'en-US');

/** A whole count with grouping: 12,345. */
export function formatInt(n: number | null | undefined): string {
  return n == null ? '—' : Math.round(n).toLocaleString(locale());
}

/** A decimal with at most `digits` fraction digits. */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  return n == null ? '—' : n.toLocaleString(locale(), { maximumFractionDigits: digits });
}

/** A ratio as a percentage: 0.1234 → 12.3%; small shares keep two decimals (0.0176 → 1.76%). */
export function formatPct(ratio: number | null | undefined): string {
  if (ratio == null) return '—';
  const p = ratio * 100;
  return `${p.toLocaleString(locale(), { maximumFractionDigits: Math.abs(p) < 10 ? 2 : 1 })}%`;
}

/** Integer fen as yuan: 599989 → ¥5,999.89. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen == null) return '—';
  return `¥${(fen / 100).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A duration in ms in the largest sensible unit: 950 → 1 s, 190464 → 3.2 min, 7200000 → 2 h. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  const u = t().units;
  const n = (x: number, digits: number) => x.toLocaleString(locale(), { maximumFractionDigits: digits });
  if (ms < 60_000) return fill(u.s, { n: n(ms / 1000, ms < 10_000 ? 1 : 0) });
  if (ms < 3_600_000) return fill(u.min, { n: n(ms / 60_000, 1) });
  if (ms < 86_400_000) return fill(u.h, { n: n(ms / 3_600_000, 1) });
  return fill(u.d, { n: n(ms / 86_400_000, 1) });
}

/** Local wall-clock time of an epoch ms: 14:05. */
export function formatClock(ms: number | null | undefined): string {
  if (ms == null) return '—';
  return new Date(ms).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Local date and time of an epoch ms: Nov 22, 2026, 14:05; '—' for null or 0 (e.g. the built-in policy). */
export function formatDateTime(ms: number | null | undefined): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short', hour12: false });
}

/** A compact axis number: 12,000 → 12K / 1.2万. */
export function formatCompact(n: number): string {
  return n.toLocaleString(locale(), { notation: 'compact', maximumFractionDigits: 1 });
}
