import { describe, expect, it } from 'vitest';
import { currencyExponent, decimalToMinorUnits } from './decimal-amount.js';

describe('decimalToMinorUnits', () => {
  it('converts by the ISO 4217 exponent of the currency', () => {
    expect(decimalToMinorUnits('25.71', 'USD')).toEqual({ ok: true, amount: 2571 });
    expect(decimalToMinorUnits('1.005', 'KWD')).toEqual({ ok: true, amount: 1005 });
    expect(decimalToMinorUnits('150000', 'VND')).toEqual({ ok: true, amount: 150000 });
    expect(decimalToMinorUnits('3980.00', 'JPY')).toEqual({ ok: true, amount: 3980 });
    expect(currencyExponent('CNY')).toBe(2);
  });

  it('refuses extra decimals, non-decimals and non-ISO currencies instead of rounding', () => {
    expect(decimalToMinorUnits('12.345', 'USD')).toEqual({ ok: false, reason: '12.345 has more decimals than USD allows (2)' });
    expect(decimalToMinorUnits('1.5', 'JPY').ok).toBe(false);
    expect(decimalToMinorUnits('$12', 'USD').ok).toBe(false);
    expect(decimalToMinorUnits('12', 'usd').ok).toBe(false);
  });
});
