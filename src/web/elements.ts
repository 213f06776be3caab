/**
 * Small DOM builders. Text always goes in through textContent (never innerHTML), so API strings such as
 * creator ids or error messages cannot inject markup.
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element: `el('p', { class: 'muted' }, 'text', child)`. `false`/undefined attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** A table cell: text, or `{ text, className }` for a styled cell, `{ text, badge }` for a badge inside it. */
export type Cell = string | { text: string; className?: string; title?: string; badge?: string };

/**
 * A table inside a horizontally scrollable wrapper (wide tables scroll on a phone instead of widening the
 * page). The first column is left-aligned, the others right-aligned (numbers) unless `textColumns` says so.
 */
export function table(headers: string[], rows: Cell[][], options: { textColumns?: number[]; name?: string } = {}): HTMLElement {
  const textCols = new Set([0, ...(options.textColumns ?? [])]);
  const head = el('tr', {}, ...headers.map((h, i) => el('th', { class: textCols.has(i) ? 'text' : undefined }, h)));
  const body = rows.map((row) => el('tr', {}, ...row.map((cell, i) => {
    const c = typeof cell === 'string' ? { text: cell } : cell;
    const cls = [textCols.has(i) ? 'text' : '', c.className ?? ''].join(' ').trim();
    return el('td', { class: cls || undefined, title: c.title }, c.badge ? el('span', { class: c.badge }, c.text) : c.text);
  })));
  return el('div', { class: 'table-wrap' }, el('table', { 'data-table': options.name }, el('thead', {}, head), el('tbody', {}, ...body)));
}

/** A row of headline numbers: [{ label, value, tone? }]. */
export function tiles(items: { label: string; value: string; tone?: string; name?: string }[]): HTMLElement {
  return el('div', { class: 'tiles' }, ...items.map((i) => el('div', { class: `tile ${i.tone ?? ''}`.trim(), 'data-tile': i.name },
    el('span', { class: 'tile-label' }, i.label), el('strong', { class: 'tile-value' }, i.value))));
}

/** A labelled `<select>`; calls `onChange` with the chosen value. */
export function select(label: string, id: string, options: { value: string; label: string }[], value: string, onChange: (value: string) => void): HTMLElement {
  const control = el('select', { id }, ...options.map((o) => el('option', { value: o.value, selected: o.value === value }, o.label)));
  control.value = value;
  control.addEventListener('change', () => onChange(control.value));
  return el('label', { class: 'control' }, el('span', {}, label), control);
}

/** A paragraph of secondary text. */
export function note(text: string): HTMLElement {
  return el('p', { class: 'muted' }, text);
}

/**
 * A button that asks once more before an action that cannot be undone: the first click relabels it
 * `confirmLabel` and marks it `data-confirm`, the second calls `onConfirm`; moving focus away restores it.
 */
export function confirmButton(label: string, confirmLabel: string, attrs: Attrs, onConfirm: () => void): HTMLButtonElement {
  const button = el('button', { type: 'button', ...attrs }, label);
  button.addEventListener('click', () => {
    if (!button.hasAttribute('data-confirm')) {
      button.setAttribute('data-confirm', '');
      button.textContent = confirmLabel;
      return;
    }
    button.disabled = true;
    onConfirm();
  });
  button.addEventListener('blur', () => {
    if (button.disabled) return;
    button.removeAttribute('data-confirm');
    button.textContent = label;
  });
  return button;
}
