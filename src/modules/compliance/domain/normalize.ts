/**
 * Normalisation before matching, so that look-alike spellings of a banned term still match and every hit
 * still points at the merchant's own characters: traditional → simplified (injected: the module keeps npm
 * packages out of domain code), full-width → half-width, lower case, Chinese numerals → digits, and
 * separators dropped (spaces, punctuation, symbols and emoji, zero-width and variation characters) —
 * `最*佳`, `最 佳`, `最🔥佳`, `ＮＯ．１` and `No.1` all become `最佳` / `no1`; `#`, `@` and line breaks stay
 * as boundaries no match crosses. Pure.
 */

/** Converts traditional Chinese to simplified; must keep the length (one UTF-16 unit per unit). */
export type ToSimplified = (text: string) => string;

/** A normalised text and, for each of its UTF-16 units, the index of the original unit it came from. */
export interface Normalized {
  readonly text: string;
  readonly source: readonly number[];
}

const NUMERALS: Readonly<Record<string, string>> = {
  零: '0', 〇: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9', 两: '2',
};
/**
 * Hard boundaries: kept (as one U+0000 each, which no term contains) so no match crosses them — a new
 * hashtag or mention, or a new line, starts a new phrase (`#美女 #写真` is not `美女写真`).
 */
const BOUNDARY = /[#@\n\r\uFF03\uFF20]/;
export const BOUNDARY_MARK = '\u0000';
/** Dropped between characters: separators, punctuation, symbols (emoji included), format and combining marks. */
const SEPARATOR = /[\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}\p{Mn}\p{Me}\uFE00-\uFE0F]/u;

/** Normalises one character (a code point); '' when it is a separator. */
export function normalizeChar(ch: string): string {
  let c = ch;
  if (BOUNDARY.test(c)) return BOUNDARY_MARK;
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
  else if (code === 0x3000) return '';
  if (SEPARATOR.test(c)) return '';
  c = c.toLowerCase();
  return NUMERALS[c] ?? c;
}

/**
 * Normalises `text` (see the module comment). `toSimplified` runs first when it keeps the length (it
 * always does for the character tables; a phrase rewrite that would not is skipped, so offsets stay exact).
 */
export function normalizeText(text: string, toSimplified: ToSimplified = (s) => s): Normalized {
  const simplified = toSimplified(text);
  const input = simplified.length === text.length ? simplified : text;
  let out = '';
  const source: number[] = [];
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const n = normalizeChar(input.slice(i, i + width));
    for (let k = 0; k < n.length; k++) source.push(i);
    out += n;
    i += width;
  }
  return { text: out, source };
}
