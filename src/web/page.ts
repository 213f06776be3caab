import { el } from './elements.js';

/** What a page gets to draw itself: its root, a signal aborted when it is left, and readiness tracking. */
export interface PageContext {
  readonly root: HTMLElement;
  /** Aborted when the user leaves the page (or it is redrawn): stop fetches, close streams. */
  readonly signal: AbortSignal;
  /** Makes `window.reelpathReady` wait for work started after the first render (a control changed). */
  track(work: Promise<unknown>): void;
}

/** A page of the dashboard: `render` resolves when all its cards have loaded or failed. */
export interface Page {
  readonly name: string;
  title(): string;
  render(ctx: PageContext): Promise<void>;
}

/** A page heading with a row for the page's controls; returns the controls row. */
export function pageHeader(root: HTMLElement, title: string): HTMLElement {
  const controls = el('div', { class: 'page-controls' });
  root.append(el('div', { class: 'page-head' }, el('h1', {}, title), controls));
  return controls;
}

/** The grid the cards sit in (two columns on a laptop, one on a phone). */
export function cardGrid(root: HTMLElement): HTMLElement {
  const grid = el('div', { class: 'grid' });
  root.append(grid);
  return grid;
}

/**
 * Marks a promise several cards await as handled, so a failure is reported by those cards and not also
 * as an unhandled rejection; returns the same promise.
 */
export function shared<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
