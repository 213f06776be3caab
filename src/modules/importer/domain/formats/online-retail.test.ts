import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../events/index.js';
import { createOnlineRetailMapper, ONLINE_RETAIL_COLUMNS } from './online-retail.js';

const ctx = { tenant: 't1', now: Date.UTC(2030, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k: string, v: string) => `h${v.length}` };
const binding = createOnlineRetailMapper([...ONLINE_RETAIL_COLUMNS]);
if (!binding.ok) throw new Error(binding.reason);
const map = binding.map;

describe('UCI Online Retail mapper', () => {
  it('maps an invoice line to pay in pence with the customer as buyer', () => {
    const out = map(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6', '2010-12-01 08:26:00', '2.55', '17850.0', 'United Kingdom'], 2);
    expect(out).toEqual({
      ok: true,
      event: {
        eventId: expect.stringMatching(/^uci_2_/), name: 'pay', platform: 'web', ts: Date.UTC(2010, 11, 1, 8, 26), buyerId: '17850',
        orderId: '536365', productId: '85123A', quantity: 6, amount: 1530, currency: 'GBP',
        properties: { unitPrice: '2.55', description: 'WHITE HANGING HEART T-LIGHT HOLDER', country: 'United Kingdom' },
      },
    });
    expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
  });

  it('maps a C invoice to a refund with positive quantity and amount', () => {
    const out = map(['C536379', 'D', 'Discount', '-1', '2010-12-01 09:41:00', '27.5', '14527.0', 'United Kingdom'], 3);
    expect(out.ok && out.event).toMatchObject({ name: 'refund', orderId: 'C536379', quantity: 1, amount: 2750, buyerId: '14527' });
    expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
  });

  it('rounds sub-penny totals half away from zero, exactly', () => {
    const at = (qty: string, price: string): unknown => { const o = map(['1', 'X', '', qty, '2011-01-01 00:00:00', price, '1.0', 'UK'], 2); return o.ok ? o.event.amount : o.reason; };
    expect(at('1', '0.001')).toBe(0);
    expect(at('5', '0.001')).toBe(1);
    expect(at('3', '1.005')).toBe(302); // 3.015 GBP
    expect(at('-7', '0.29')).toBe('unmapped stock adjustment: negative Quantity -7 on invoice 1, which is not a cancellation');
  });

  it('imports a line without CustomerID as a guest of that invoice', () => {
    const out = map(['536414', '22139', '', '56', '2010-12-01 11:52:00', '0', '', 'United Kingdom'], 4);
    expect(out.ok && out.event).toMatchObject({ anonymousId: 'guest-536414', amount: 0, properties: { guest: true } });
    expect(out.ok && 'buyerId' in out.event).toBe(false);
    expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
  });

  it('rejects bad-debt adjustments and unreadable lines', () => {
    expect(map(['A563186', 'B', 'Adjust bad debt', '1', '2011-08-12 14:51:00', '-11062.06', '', 'United Kingdom'], 5))
      .toMatchObject({ ok: false, code: 'import_unmapped_row', reason: expect.stringContaining('bad-debt') });
    expect(map(['1', 'X', '', '0', '2011-01-01 00:00:00', '1', '', 'UK'], 2)).toMatchObject({ ok: false, reason: expect.stringContaining('Quantity') });
    expect(map(['1', 'X', '', '1', '01/12/2010 08:26', '1', '', 'UK'], 2)).toMatchObject({ ok: false, reason: expect.stringContaining('InvoiceDate') });
    expect(createOnlineRetailMapper(['InvoiceNo'])).toMatchObject({ ok: false, code: 'import_bad_header' });
  });
});
