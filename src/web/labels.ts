import { lang } from './i18n.js';

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Breaks a chart label into lines of about `max` characters so long names do not run into each other:
 * English at spaces (a long word stays whole), Chinese (no spaces) every `max` characters.
 */
export function wrapLabel(text: string, max: number): string {
  if (text.length <= max) return text;
  if (CJK.test(text) && !text.includes(' ')) {
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += max) parts.push(text.slice(i, i + max));
    return parts.join('\n');
  }
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** Shortens a label to `max` characters with an ellipsis (ids on narrow axes). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): { n: number; unit: 'm' | 'h' | 'd' } {
  if (ms >= DAY && ms % DAY === 0) return { n: ms / DAY, unit: 'd' };
  if (ms >= HOUR && ms % HOUR === 0) return { n: ms / HOUR, unit: 'h' };
  return { n: ms / MINUTE, unit: 'm' };
}

/**
 * A histogram bucket's label from its bounds in ms: `<1m`, `1–5m`, `15m–1h`, `≥7d` in English;
 * `<1分钟`, `1–5分钟`, `15分钟–1小时`, `≥7天` in Chinese.
 */
export function durationBucketLabel(fromMs: number, toMs: number | null): string {
  const names = lang() === 'zh' ? { m: '分钟', h: '小时', d: '天' } : { m: 'm', h: 'h', d: 'd' };
  const text = (ms: number) => { const s = span(ms); return `${s.n}${names[s.unit]}`; };
  if (toMs === null) return `≥${text(fromMs)}`;
  if (fromMs === 0) return `<${text(toMs)}`;
  const a = span(fromMs);
  const b = span(toMs);
  return a.unit === b.unit ? `${a.n}–${b.n}${names[b.unit]}` : `${text(fromMs)}–${text(toMs)}`;
}

/** Escapes text for the HTML of chart tooltips (API strings such as creator ids go into them). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
