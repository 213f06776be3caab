/**
 * Deterministic ids for imported rows. The hash is a 64-bit cyrb53-style mix (two 32-bit lanes) over
 * the row's fields (two UTF-16 units per step; each field closed by a separator), written as 13 base-32
 * characters. It is computed field by field (no joined copy of the row) because it runs once per
 * imported row. The scheme is a contract: changing it changes the ids of re-imported files, which
 * would then no longer dedupe against earlier imports.
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const SEPARATOR = 0x1f;

function char(index: number): string {
  return ALPHABET[index] as string;
}

/** Hashes a row's fields (order and boundaries count) to 13 base-32 characters. */
export function hashRowFields(fields: readonly string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let f = 0; f < fields.length; f++) {
    const text = fields[f] as string;
    const n = text.length;
    let i = 0;
    // Two UTF-16 units per step halve the multiplications; the field's last step carries the separator.
    for (; i + 1 < n; i += 2) {
      const pair = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ pair, 2654435761);
      h2 = Math.imul(h2 ^ pair, 1597334677);
    }
    const last = (i < n ? text.charCodeAt(i) : 0) | (SEPARATOR << 16);
    h1 = Math.imul(h1 ^ last, 2654435761);
    h2 = Math.imul(h2 ^ last, 1597334677);
  }
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return char((a >>> 27) & 31) + char((a >>> 22) & 31) + char((a >>> 17) & 31) + char((a >>> 12) & 31)
    + char((a >>> 7) & 31) + char((a >>> 2) & 31) + char(((a & 3) << 3) | (b >>> 29)) + char((b >>> 24) & 31)
    + char((b >>> 19) & 31) + char((b >>> 14) & 31) + char((b >>> 9) & 31) + char((b >>> 4) & 31) + char(b & 15);
}

/**
 * A deterministic eventId for an imported row: `<prefix>_<line>_<hash of the row's fields>`.
 * Re-importing the same file gives the same ids, so the ingestion dedupe drops the repeats; identical
 * rows on different lines (real repeated clicks) stay distinct; the same line number in another file
 * gets another id because its content differs.
 * @example importEventId('rees46', 2, ['2019-10-01 00:00:00 UTC', 'view', …]) → "rees46_2_0k3…" (13 hash chars)
 */
export function importEventId(prefix: string, line: number, fields: readonly string[]): string {
  return `${prefix}_${line}_${hashRowFields(fields)}`;
}
