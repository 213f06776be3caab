/**
 * The buyer page's DOM builder: the dashboard's `el()` (src/web/elements.ts) in a dozen lines, kept here
 * so the trace page shares no module with the dashboard bundle (one small request on a phone, and a
 * dashboard change never invalidates the buyer page's cache). Text enters through `append` (never
 * innerHTML): an entry's fields are merchant-written strings.
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element: `el('p', { class: 'muted' }, 'text', child)`; `false`/undefined attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
