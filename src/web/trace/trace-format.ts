import type { TraceMessages } from './trace-messages.js';

/** The buyer page's two languages. */
export type TraceLang = 'zh' | 'en';

/**
 * The language to start in: `?lang=zh|en`, else the reader's last choice on this page, else Chinese when
 * the browser's language starts with zh or is unknown, else English (merchants and most buyers read
 * Chinese first). `saved` is what localStorage holds, if anything.
 */
export function pickLang(param: string | null, saved: string | null, browser: string | undefined): TraceLang {
  for (const choice of [param, saved]) if (choice === 'zh' || choice === 'en') return choice;
  const tag = (browser ?? '').trim().toLowerCase();
  return tag === '' || tag.startsWith('zh') ? 'zh' : 'en';
}

/** The locale Intl formats dates in for a language. */
export function localeOf(lang: TraceLang): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

/** A UTC epoch-ms instant (or an ISO-8601 text) as a date and time in the reader's time zone (`2026/11/23 10:00`). */
export function formatTime(time: number | string, lang: TraceLang): string {
  const ms = typeof time === 'string' ? Date.parse(time) : time;
  if (typeof time === 'string' && Number.isNaN(ms)) return time;
  // Beyond ±8.64e15 ms a Date is invalid and Intl would throw: show the number as it was signed.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** Fills `{name}` placeholders: `fill('共 {n} 条', { n: 3 })` → `共 3 条`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** An entry kind in words (`inspection` → 质检报告 / Inspection report); unknown kinds as they are. */
export function kindLabel(kind: string, m: TraceMessages): string {
  return Object.hasOwn(m.kinds, kind) ? m.kinds[kind]! : kind;
}

/** Epoch ms from 2001 to 2100: a number in a field named `…At`/`…Until` within it is shown as a date. */
const PLAUSIBLE_TIME = [978_307_200_000, 4_102_444_800_000] as const;

/** The fields each kind is about, shown first and in this order (the rest follow in the body's order). */
const KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  origin: ['place', 'producer'],
  inspection: ['result', 'lab', 'reportNo'],
  certification: ['name', 'issuer', 'number'],
  logistics: ['event', 'location'],
  consent_receipt: ['decision', 'purpose', 'receiptId'],
  allocation_policy: ['version', 'digest'],
};

/**
 * An entry body's fields as label/value pairs, every field shown (the page displays what was hashed;
 * nothing is dropped): the kind's key fields first, then the others in the body's order; known names and
 * values translated, others as they are; booleans as yes/no, times as dates, lists joined, nested
 * objects as compact JSON.
 */
export function bodyFields(body: Readonly<Record<string, unknown>>, m: TraceMessages, lang: TraceLang, kind = ''): { key: string; label: string; value: string }[] {
  const first = (Object.hasOwn(KEY_FIELDS, kind) ? KEY_FIELDS[kind]! : []).filter((k) => Object.hasOwn(body, k));
  const keys = [...first, ...Object.keys(body).filter((k) => !first.includes(k))];
  return keys.map((key) => ({
    key,
    label: Object.hasOwn(m.fields, key) ? m.fields[key]! : key,
    value: formatValue(key, body[key], m, lang),
  }));
}

function formatValue(key: string, value: unknown, m: TraceMessages, lang: TraceLang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'number' && /(At|Until)$/.test(key) && value >= PLAUSIBLE_TIME[0] && value < PLAUSIBLE_TIME[1]) return formatTime(value, lang);
  if (typeof value === 'string' && Object.hasOwn(m.values, `${key}.${value}`)) return m.values[`${key}.${value}`]!;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return value.join(lang === 'zh' ? '、' : ', ');
  return JSON.stringify(value);
}

/** Bytes as lower-case hex (key ids: `a1b2c3d4`). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes as standard base64 (the signed root, as the note states it). */
export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The trace code in a page path (`/trace/<code>`, a trailing slash allowed), percent-decoded; null for
 * any other path or a broken escape.
 */
export function codeFromPath(pathname: string): string | null {
  const m = /^\/trace\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    const code = decodeURIComponent(m[1]!);
    return code.trim() === '' ? null : code;
  } catch {
    return null;
  }
}

/** The quiet zone around a QR symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE = 4;

/**
 * The SVG path of a QR symbol's dark modules, one `M x y h w v1 h-w z` per horizontal run (a few hundred
 * runs rather than a rect per module), offset by the quiet zone. Pure: the symbol in, the `d` out.
 */
export function qrPath(size: number, dark: (row: number, col: number) => boolean): string {
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; ) {
      if (!dark(row, col)) { col++; continue; }
      const start = col;
      while (col < size && dark(row, col)) col++;
      parts.push(`M${start + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}
