/** Plain terminal tables that line up Chinese (double-width) and Latin text. */

// East Asian wide characters (CJK, Hangul, full-width forms) take two terminal columns; arrows, dashes
// and block elements one.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

/** Display width of a string: East Asian wide characters count two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Pads to a display width, on the right (default) or the left (`alignRight`). */
export function padTo(s: string, width: number, alignRight = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return alignRight ? fill + s : s + fill;
}

/**
 * Renders a table, titled unless `title` is null: the first column left-aligned, the others
 * right-aligned, two spaces apart.
 * @example renderTable('■ Buyers', ['Layer', 'Size'], [['loyal', '12']])
 */
export function renderTable(title: string | null, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => padTo(c, widths[i] as number, i > 0)).join('  ').trimEnd();
  return [...(title === null ? [] : [title]), line(header), ...rows.map(line)].join('\n');
}

/** A share as a percentage with one decimal; `—` for null. */
export const percent = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** An integer with thousands separators; `—` for null. */
export const count = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US'));
