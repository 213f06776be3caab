import { ApiError } from './api.js';
import { disposeDetachedCharts } from './charts.js';
import { el } from './elements.js';
import { lang, t } from './i18n.js';

/** A dashboard card: a titled box with optional controls and a body that loads on its own. */
export interface Card {
  readonly root: HTMLElement;
  readonly title: HTMLElement;
  readonly tools: HTMLElement;
  readonly body: HTMLElement;
}

/** Creates a card in `parent`. `name` becomes `data-card` (tests and styles); `wide` spans the grid. */
export function createCard(parent: HTMLElement, name: string, title: string, options: { wide?: boolean } = {}): Card {
  const heading = el('h2', {}, title);
  const tools = el('div', { class: 'tools' });
  const body = el('div', { class: 'card-body' });
  const root = el('section', { class: options.wide ? 'card wide' : 'card', 'data-card': name }, el('header', {}, heading, tools), body);
  parent.append(root);
  return { root, title: heading, tools, body };
}

/**
 * Loads a card: shows a loading state, runs `draw`, and on failure shows the API's catalogued error in
 * place of the content. Never rejects, so one card's failure leaves the others loading.
 */
export async function loadCard(card: Card, draw: (body: HTMLElement) => Promise<void> | void): Promise<void> {
  card.root.setAttribute('aria-busy', 'true');
  card.root.removeAttribute('data-state');
  card.body.replaceChildren(el('div', { class: 'loading', role: 'status' }, el('span', { class: 'spinner' }), t().loading));
  disposeDetachedCharts();
  try {
    await draw(card.body);
    card.root.setAttribute('data-state', 'ready');
  } catch (err) {
    if (isAbort(err)) return;
    card.body.replaceChildren(errorBox(err));
    card.root.setAttribute('data-state', 'error');
  } finally {
    card.root.removeAttribute('aria-busy');
    card.body.querySelector(':scope > .loading')?.remove();
  }
}

/** The error box: the catalogued code, the message in the current language, and what to do. */
export function errorBox(err: unknown): HTMLElement {
  const box = el('div', { class: 'error', role: 'alert' });
  if (err instanceof ApiError && err.body) {
    const e = err.body;
    box.append(
      el('strong', {}, `${t().failed}: `, el('code', {}, e.code)),
      el('p', {}, lang() === 'zh' ? e.messageZh : e.message),
    );
    if (lang() === 'zh' && e.message !== e.messageZh) box.append(el('p', { class: 'muted' }, e.message));
    if (e.action) box.append(el('p', { class: 'action' }, e.action));
  } else {
    box.append(el('strong', {}, t().failed), el('p', {}, err instanceof Error ? err.message : String(err)));
  }
  return box;
}

/** An empty-state line for a card with nothing to draw. */
export function emptyState(): HTMLElement {
  return el('p', { class: 'empty' }, t().noData);
}

/** Whether an error is a fetch aborted because the page was left. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
