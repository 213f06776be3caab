/**
 * Money is an integer count of minor units (fen for CNY) plus an ISO-4217 currency code.
 * No floats cross a module boundary.
 */
export interface Money {
  /** Integer minor units, e.g. 1999 = ¥19.99. */
  readonly amount: number;
  /** ISO-4217 alphabetic code, upper case. */
  readonly currency: string;
}

const CURRENCY_RE = /^[A-Z]{3}$/;

/** True when `code` looks like an ISO-4217 alphabetic code. */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_RE.test(code);
}

/** True when `value` is a safe integer count of minor units. */
export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Converts a decimal major-unit amount (as written in exports: "25.71") to integer minor units,
 * rounding half away from zero at the minor unit. Returns undefined for non-numeric input.
 * @example toMinorUnits('25.71') === 2571
 */
export function toMinorUnits(major: string | number, exponent = 2): number | undefined {
  const n = typeof major === 'number' ? major : Number(major.trim());
  if (!Number.isFinite(n) || (typeof major === 'string' && major.trim() === '')) return undefined;
  const scaled = n * 10 ** exponent;
  // Add a tiny epsilon in the rounding direction so 1.005 → 101 (binary floats store it just below).
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

/** Formats minor units as a major-unit string, e.g. 2571 → "25.71". */
export function formatMinorUnits(amount: number, exponent = 2): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const base = 10 ** exponent;
  const major = Math.floor(abs / base);
  const minor = String(abs % base).padStart(exponent, '0');
  return exponent === 0 ? `${sign}${major}` : `${sign}${major}.${minor}`;
}

/**
 * Rounds to an integer, halves away from zero (2.5 → 3, −2.5 → −3): how averages of integer fen are
 * reported. Null stays null.
 */
export function roundHalfAwayFromZero(x: number | null): number | null {
  if (x === null) return null;
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * Splits an integer `total` (e.g. fen) in proportion to `shares` by the largest-remainder rule:
 * each part gets the floor of its exact quota, then the units left go one each to the parts with
 * the largest fractional remainders (ties: the earlier part). The parts always sum to `total`.
 * All shares zero → all parts zero except that `total` must then be 0 (else every unit goes to part 0).
 * @example splitLargestRemainder(100, [1, 1, 1]) → [34, 33, 33]
 */
export function splitLargestRemainder(total: number, shares: readonly number[]): number[] {
  if (shares.length === 0) return [];
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= 0) return shares.map((_, i) => (i === 0 ? total : 0));
  // A tolerance so a quota of 2.9999999999996 (float noise) floors to 3, not 2.
  const quotas = shares.map((s) => (s / sum) * total);
  const parts = quotas.map((q) => Math.floor(q + 1e-9));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q + 1e-9) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[(order[k] as { i: number }).i] = (parts[(order[k] as { i: number }).i] as number) + 1;
  for (let k = order.length - 1; left < 0; k = (k - 1 + order.length) % order.length) {
    const i = (order[k] as { i: number }).i;
    if ((parts[i] as number) > 0) { parts[i] = (parts[i] as number) - 1; left++; }
  }
  return parts;
}
