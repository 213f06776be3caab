import { isCurrencyCode, toMinorUnits } from '../../../shared/money.js';

// ISO 4217 minor-unit exponents that differ from 2 (the default) among currencies TikTok Shop and
// neighbouring markets use. Source: ISO 4217 list of currency codes (minor unit column).
const EXPONENT: Readonly<Record<string, number>> = {
  JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, PYG: 0, UGX: 0, XAF: 0, XOF: 0,
  BHD: 3, JOD: 3, KWD: 3, OMR: 3, TND: 3,
};

/** The ISO 4217 minor-unit exponent of a currency (2 unless listed as 0 or 3). */
export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/** Result of converting a decimal major-unit string. */
export type MinorUnitsOutcome = { readonly ok: true; readonly amount: number } | { readonly ok: false; readonly reason: string };

const DECIMAL_RE = /^-?\d+(?:\.(\d+))?$/;

/**
 * Converts a decimal amount string as TikTok Shop sends it ("25.71", with `currency`) to integer minor
 * units of that currency, refusing values with more significant decimals than the currency has (which
 * would otherwise be rounded silently).
 * @example decimalToMinorUnits('25.71', 'USD') // { ok: true, amount: 2571 }
 * @example decimalToMinorUnits('150000', 'VND') // { ok: true, amount: 150000 }
 */
export function decimalToMinorUnits(value: string, currency: string): MinorUnitsOutcome {
  if (!isCurrencyCode(currency)) return { ok: false, reason: `currency ${JSON.stringify(currency)} is not an ISO 4217 code` };
  const match = DECIMAL_RE.exec(value.trim());
  if (match === null) return { ok: false, reason: `${JSON.stringify(value)} is not a decimal amount` };
  const exponent = currencyExponent(currency);
  const decimals = (match[1] ?? '').replace(/0+$/, '');
  if (decimals.length > exponent) return { ok: false, reason: `${value} has more decimals than ${currency} allows (${exponent})` };
  const amount = toMinorUnits(value, exponent);
  return amount === undefined ? { ok: false, reason: `${value} is out of range` } : { ok: true, amount };
}
