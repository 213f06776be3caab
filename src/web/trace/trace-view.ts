import { el } from './trace-dom.js';
import { bodyFields, fill, formatTime, kindLabel, toBase64, toHex, type TraceLang } from './trace-format.js';
import { NOT_FOUND, TRACE_EN, TRACE_ZH, type TraceMessages } from './trace-messages.js';
import { qrSvg } from './trace-qr.js';
import { decodeBase64, type EntryVerdict, type TraceDocument, type TraceVerdict } from './verify.js';

/** What the page shows; `data-verdict` on `<body>` names it for tests (`loaded` shows as verified/failed). */
export type PageState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'error' }
  | { readonly kind: 'loaded'; readonly doc: TraceDocument | null; readonly verdict: TraceVerdict };

/** The value of `<body data-verdict>`: `loading`, `verified`, `failed`, `not-found` or `error`. */
export function verdictAttr(state: PageState): string {
  if (state.kind !== 'loaded') return state.kind;
  return state.verdict.verified ? 'verified' : 'failed';
}

/** The strings of a language. */
export function messages(lang: TraceLang): TraceMessages {
  return lang === 'zh' ? TRACE_ZH : TRACE_EN;
}

/** Draws `state` into `root` in `lang`, replacing what was there; `retry` reloads after an error. */
export function renderState(root: HTMLElement, state: PageState, lang: TraceLang, retry: () => void): void {
  const m = messages(lang);
  switch (state.kind) {
    case 'loading':
      root.replaceChildren(el('div', { class: 'loading' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), m.loading));
      document.title = m.title;
      return;
    case 'not-found':
      root.replaceChildren(notFoundView());
      document.title = `${NOT_FOUND.zh.title} · ${NOT_FOUND.en.title}`;
      return;
    case 'error': {
      const button = el('button', { type: 'button', class: 'retry' }, m.retry);
      button.addEventListener('click', retry);
      root.replaceChildren(el('section', { class: 'panel notice', 'data-field': 'error' }, el('h1', {}, m.errorTitle), el('p', {}, m.errorText), button));
      document.title = m.title;
      return;
    }
    case 'loaded':
      root.replaceChildren(...loadedView(state.doc, state.verdict, m, lang));
      document.title = state.doc ? `${state.doc.batch.name} · ${m.title}` : m.title;
  }
}

/** Both languages at once: whoever scanned a damaged label reads one of them. */
function notFoundView(): HTMLElement {
  return el('section', { class: 'panel notice', 'data-field': 'not-found' },
    el('div', { lang: 'zh-CN' }, el('h1', {}, NOT_FOUND.zh.title), el('p', {}, NOT_FOUND.zh.text)),
    el('div', { lang: 'en' }, el('h2', {}, NOT_FOUND.en.title), el('p', {}, NOT_FOUND.en.text)));
}

function loadedView(doc: TraceDocument | null, verdict: TraceVerdict, m: TraceMessages, lang: TraceLang): HTMLElement[] {
  const badge = verdictBadge(verdict, m);
  if (!doc) return [badge];
  return [batchHead(doc, m, lang), badge, timeline(verdict.entries, doc, m, lang), sharePanel(m), howPanel(doc, verdict, m)];
}

function batchHead(doc: TraceDocument, m: TraceMessages, lang: TraceLang): HTMLElement {
  const facts: [string, string, string][] = [
    ...(doc.batch.productId !== null ? [['product', m.product, doc.batch.productId] as [string, string, string]] : []),
    ['code', m.batchCode, doc.code],
    ['created', m.created, formatTime(doc.batch.createdAt, lang)],
  ];
  return el('header', { class: 'batch' },
    el('p', { class: 'eyebrow' }, `${m.title} · ${m.batch}`),
    el('h1', { 'data-field': 'batch-name' }, doc.batch.name),
    el('dl', { class: 'facts' }, ...facts.flatMap(([name, label, value]) => [el('dt', {}, label), el('dd', { 'data-field': name }, value)])));
}

function verdictBadge(verdict: TraceVerdict, m: TraceMessages): HTMLElement {
  if (verdict.verified) {
    return el('section', { class: 'verdict ok', role: 'status', 'data-field': 'verdict', 'data-reason': 'ok' },
      el('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'),
      el('div', {}, el('strong', { class: 'verdict-title' }, m.verified), el('p', {}, fill(m.verifiedSummary, { n: verdict.entries.length }))));
  }
  const reason = verdict.reason === 'ok' ? 'malformed' : verdict.reason;
  return el('section', { class: 'verdict bad', role: 'alert', 'data-field': 'verdict', 'data-reason': reason },
    el('span', { class: 'mark', 'aria-hidden': 'true' }, '!'),
    el('div', {}, el('strong', { class: 'verdict-title' }, m.notVerified), el('p', { 'data-field': 'reason' }, m.reasons[reason]), el('p', { class: 'todo' }, m.whatToDo)));
}

/** The entries in time order (log order on ties), each with its own mark. */
function timeline(entries: readonly EntryVerdict[], doc: TraceDocument, m: TraceMessages, lang: TraceLang): HTMLElement {
  const rows = entries.map((e, i) => ({ e, raw: doc.entries[i]?.data ?? '' }))
    .sort((a, b) => (a.e.data?.at ?? 0) - (b.e.data?.at ?? 0) || a.e.index - b.e.index);
  return el('section', { class: 'panel' },
    el('h2', {}, m.records),
    el('ol', { class: 'timeline' }, ...rows.map(({ e, raw }) => entryItem(e, raw, m, lang))));
}

function entryItem(e: EntryVerdict, raw: string, m: TraceMessages, lang: TraceLang): HTMLElement {
  const kind = e.data?.kind ?? '';
  const chip = el('span', { class: `chip ${e.ok ? 'ok' : 'bad'}`, 'data-field': 'entry-verdict' }, `${e.ok ? '✓' : '✗'} ${e.ok ? m.entryVerified : m.entryFailed}`);
  const head = el('div', { class: 'entry-head' },
    el('strong', { 'data-field': 'kind' }, e.data ? kindLabel(kind, m) : m.unreadable),
    e.data ? el('time', { datetime: isoTime(e.data.at) }, formatTime(e.data.at, lang)) : null,
    chip);
  // What was hashed, shown as it was hashed: fields of the parsed `data`, or the raw text if it is not one.
  const details = e.data
    ? el('dl', { class: 'fields' }, ...bodyFields(e.data.body, m, lang, kind).flatMap((f) => [el('dt', {}, f.label), el('dd', { 'data-key': f.key }, f.value)]))
    : el('code', { class: 'raw' }, raw);
  return el('li', { class: e.ok ? 'ok' : 'bad', 'data-index': e.index, 'data-kind': kind, 'data-verified': String(e.ok) }, head, details);
}

function sharePanel(m: TraceMessages): HTMLElement {
  // The address without `?lang=`: whoever opens a shared link gets their own language.
  const url = `${location.origin}${location.pathname}`;
  return el('section', { class: 'panel share' },
    el('h2', {}, m.share),
    el('figure', { 'data-qr': '' }, qrSvg(url, m.qrLabel), el('figcaption', {}, el('span', {}, m.shareHint), el('span', { class: 'url', 'data-field': 'url' }, url))));
}

function howPanel(doc: TraceDocument, verdict: TraceVerdict, m: TraceMessages): HTMLElement {
  const cp = verdict.checkpoint;
  const keyId = decodeBase64(doc.key.keyId, 4);
  const rows: [string, string, string][] = [
    ['log', m.log, cp?.origin ?? doc.logOrigin],
    ['tree-size', m.treeSize, String(cp?.size ?? doc.checkpoint.size)],
    ['root', m.root, cp ? toBase64(cp.root) : doc.checkpoint.root],
    ['key', m.key, doc.key.name],
    ['key-id', m.keyId, keyId ? toHex(keyId) : doc.key.keyId],
  ];
  return el('details', { class: 'panel how', 'data-field': 'how' },
    el('summary', {}, m.howTitle),
    el('p', {}, m.howText),
    el('dl', { class: 'facts mono' }, ...rows.flatMap(([name, label, value]) => [el('dt', {}, label), el('dd', { 'data-field': name }, value)])));
}

/** The `datetime` of a `<time>`; undefined for an instant a Date cannot hold. */
function isoTime(ms: number): string | undefined {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}
