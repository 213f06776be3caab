import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../events/index.js';
import { createRees46Mapper, REES46_COLUMNS } from './rees46.js';

const ctx = { tenant: 't1', now: Date.UTC(2030, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k: string, v: string) => `h${v.length}` };
const binding = createRees46Mapper([...REES46_COLUMNS]);
if (!binding.ok) throw new Error(binding.reason);
const map = binding.map;
const row = (type: string, price = '130.76', extra: Partial<Record<'code' | 'brand' | 'session', string>> = {}): string[] => [
  '2019-10-01 00:02:14 UTC', type, '1004856', '2053013555631882655', extra.code ?? 'electronics.smartphone', extra.brand ?? 'samsung',
  price, '543272936', extra.session ?? '8187d148-3c41-46d4-b0c0-9c08cd9dc564',
];

describe('REES46 mapper', () => {
  it('maps a purchase to pay with cents, USD, a synthesised order and the session', () => {
    const out = map(row('purchase'), 7);
    expect(out).toEqual({
      ok: true,
      event: {
        eventId: expect.stringMatching(/^rees46_7_[0-9a-v]{13}$/), name: 'pay', platform: 'web', ts: Date.UTC(2019, 9, 1, 0, 2, 14),
        buyerId: '543272936', productId: '1004856', sessionId: '8187d148-3c41-46d4-b0c0-9c08cd9dc564', categoryId: '2053013555631882655',
        amount: 13076, currency: 'USD', orderId: `rees46-543272936-${Date.UTC(2019, 9, 1, 0, 2, 14) / 1000}`,
        properties: { categoryCode: 'electronics.smartphone', brand: 'samsung' },
      },
    });
    expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
  });

  it('maps view and cart, and leaves empty optional columns out', () => {
    const view = map(row('view', '35.79', { code: '', brand: '' }), 2);
    expect(view.ok && view.event).toMatchObject({ name: 'detail_view', amount: 3579, properties: {} });
    expect(view.ok && 'orderId' in view.event).toBe(false);
    const cart = map(row('cart', '', { session: '' }), 3);
    expect(cart.ok && cart.event).toMatchObject({ name: 'add_to_cart' });
    expect(cart.ok && ['amount', 'currency', 'sessionId'].some((k) => k in cart.event)).toBe(false);
    for (const out of [view, cart]) expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
  });

  it('gives the same eventId for the same row and line, another for another line', () => {
    const a = map(row('view'), 5);
    const b = map(row('view'), 5);
    const c = map(row('view'), 6);
    expect(a.ok && b.ok && a.event.eventId === b.event.eventId).toBe(true);
    expect(a.ok && c.ok && a.event.eventId !== c.event.eventId).toBe(true);
  });

  it('rejects remove_from_cart and other unmapped rows with a reason', () => {
    expect(map(row('remove_from_cart'), 2)).toEqual({ ok: false, code: 'import_unmapped_row', reason: expect.stringContaining('unmapped event_type remove_from_cart') });
    expect(map(row('wishlist'), 2)).toMatchObject({ ok: false, reason: expect.stringContaining('unknown event_type "wishlist"') });
    expect(map(row('purchase', ''), 2)).toMatchObject({ ok: false, reason: 'price is empty on a purchase' });
    expect(map(row('view', 'abc'), 2)).toMatchObject({ ok: false, reason: expect.stringContaining('price "abc"') });
    const bad = row('view');
    bad[0] = '2019-10-01';
    expect(map(bad, 2)).toMatchObject({ ok: false, reason: expect.stringContaining('event_time') });
  });

  it('binds columns by name and refuses a header without them', () => {
    const shuffled = createRees46Mapper([...REES46_COLUMNS].reverse());
    expect(shuffled.ok && shuffled.map([...row('view')].reverse(), 2)).toMatchObject({ ok: true, event: { name: 'detail_view', productId: '1004856' } });
    expect(createRees46Mapper(['user_id', 'item_id'])).toMatchObject({ ok: false, code: 'import_bad_header', reason: expect.stringContaining('event_time') });
  });
});
