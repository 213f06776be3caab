import { EN } from './messages-en.js';
import { ZH, type Messages } from './messages-zh.js';

/** The dashboard's two languages. */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'rp-lang';
let current: Lang = 'en';

/**
 * The language to start in: `?lang=zh|en` in the address, else the last choice (localStorage), else
 * Chinese when the browser's language starts with zh, else English.
 */
export function detectLang(): Lang {
  const param = new URLSearchParams(location.search).get('lang');
  if (param === 'zh' || param === 'en') return param;
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The current language. */
export function lang(): Lang {
  return current;
}

/**
 * Switches the language. `remember` stores the choice and drops `?lang=` from the address, so the
 * visible switch wins over a link's parameter from then on.
 */
export function setLang(next: Lang, remember: boolean): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  if (!remember) return;
  localStorage.setItem(STORAGE_KEY, next);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.delete('lang');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
}

/** The strings of the current language. */
export function t(): Messages {
  return current === 'zh' ? ZH : EN;
}

/** Fills `{name}` placeholders: `fill('第 {k} 周', { k: 2 })` → `第 2 周`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** An event name in the current language (`product_click` → 商品点击 / Product click); unknown names as they are. */
export function nodeName(name: string): string {
  return t().nodes[name] ?? name;
}

/** A platform id in the current language (`douyin` → 抖音 / Douyin). */
export function platformName(id: string): string {
  return t().platforms[id] ?? id;
}

/** A breakdown dimension's name, capitalised in English when it starts a label. */
export function dimensionName(dim: string, capitalise = false): string {
  const name = (t().dimensions as Record<string, string>)[dim] ?? dim;
  return capitalise && current === 'en' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** A breakdown group's value for display: platforms and RFM layers translated, empty values as (none). */
export function groupName(dim: string | undefined, value: string): string {
  if (value === '' || value === 'null' || value === '(none)') return t().noneGroup;
  if (dim === 'platform') return platformName(value);
  if (dim === 'segment') return t().layers[value] ?? value;
  return value;
}

/** A live-board scope: `all` 全店, `platform:x` the platform, `live:x` 直播间 x, `creator:x` 达人 x. */
export function scopeName(scope: string): string {
  const m = t().live;
  if (scope === 'all') return m.scopeAll;
  const [kind, ...rest] = scope.split(':');
  const x = rest.join(':');
  if (kind === 'platform') return platformName(x);
  if (kind === 'live') return fill(m.scopeLive, { x });
  if (kind === 'creator') return fill(m.scopeCreator, { x });
  return scope;
}
