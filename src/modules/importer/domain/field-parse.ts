/**
 * Fast, exact parsers for the text fields of import files: integers, fixed-point decimals and UTC
 * date-times. Pure; hand-written because they run once per field on millions of rows.
 */

const ZERO = 48;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses a plain base-10 integer (`-12`, `17850`; no sign `+`, no spaces, no exponent).
 * Returns undefined when the text is not such an integer or is beyond the safe-integer range.
 * @example parsePlainInt('-6') === -6
 */
export function parsePlainInt(text: string): number | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return undefined;
  let value = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  if (!Number.isSafeInteger(value)) return undefined;
  return text.charCodeAt(0) === 45 ? -value : value;
}

/**
 * Parses a decimal such as `25.71`, `-0.5` or `3` into an integer scaled by 10^scale, exactly (no
 * float arithmetic). Digits beyond `scale` are rounded half away from zero.
 * Returns undefined for anything that is not a plain decimal number.
 * @example parseScaledDecimal('25.71', 2) === 2571; parseScaledDecimal('1.005', 2) === 101
 */
export function parseScaledDecimal(text: string, scale: number): number | undefined {
  const n = text.length;
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  let value = 0;
  let digits = 0;
  let fraction = -1;
  let roundUp = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (fraction >= 0) return undefined;
      fraction = 0;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9) return undefined;
    digits++;
    if (fraction < 0) value = value * 10 + d;
    else if (fraction < scale) { value = value * 10 + d; fraction++; }
    else if (fraction === scale) { roundUp = d >= 5; fraction++; }
  }
  if (digits === 0) return undefined;
  for (let f = Math.max(fraction, 0); f < scale; f++) value *= 10;
  if (roundUp) value += 1;
  if (!Number.isSafeInteger(value)) return undefined;
  return negative && value !== 0 ? -value : value;
}

function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - ZERO;
  const b = text.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Parses `YYYY-MM-DD HH:MM:SS` (or with `T`), optionally followed by ` UTC` or `Z`, as UTC epoch ms.
 * Text without a zone is UTC by Reelpath convention. Returns undefined for any other shape or an
 * impossible date (e.g. 2019-02-30).
 * @example parseUtcDateTime('2019-10-01 00:00:00 UTC') === 1569888000000
 */
export function parseUtcDateTime(text: string): number | undefined {
  const n = text.length;
  if (n < 19) return undefined;
  if (n !== 19 && !(n === 23 && text.endsWith(' UTC')) && !(n === 20 && text.charCodeAt(19) === 90)) return undefined;
  const sep = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (sep !== 32 && sep !== 84)) return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const hi = twoDigits(text, 0);
  const lo = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const year = hi * 100 + lo;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > maxDay) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * Wraps `parseUtcDateTime` with a one-entry cache: exports are sorted by time, so consecutive rows
 * often repeat the same timestamp text. Each mapper instance owns its own cache.
 */
export function createUtcDateTimeParser(): (text: string) => number | undefined {
  let lastText = '';
  let lastValue: number | undefined;
  return (text: string): number | undefined => {
    if (text !== lastText) {
      lastText = text;
      lastValue = parseUtcDateTime(text);
    }
    return lastValue;
  };
}
