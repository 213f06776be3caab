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
