import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../../events/index.js';
import { mapTaobaoRow } from './taobao.js';

const ctx = { tenant: 't1', now: Date.UTC(2030, 0, 1), maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000, pseudonymise: (_k: string, v: string) => `h${v.length}` };

describe('Taobao UserBehavior mapper', () => {
  it('maps pv, fav and cart to funnel events with seconds turned into ms', () => {
    const names = ['pv', 'fav', 'cart'].map((b) => {
      const out = mapTaobaoRow(['1', '2268318', '2520377', b, '1511544070'], 1);
      expect(out.ok && validateEvent(out.event, ctx).ok).toBe(true);
      return out.ok ? out.event.name : undefined;
    });
    expect(names).toEqual(['detail_view', 'favorite', 'add_to_cart']);
    expect(mapTaobaoRow(['1', '2268318', '2520377', 'pv', '1511544070'], 1)).toEqual({
      ok: true,
      event: {
        eventId: expect.stringMatching(/^taobao_1_/), name: 'detail_view', platform: 'other', ts: 1_511_544_070_000,
        buyerId: '1', productId: '2268318', categoryId: '2520377', properties: {},
      },
    });
  });

  it('maps buy to order (no price in the data) with one order per user and second', () => {
    const a = mapTaobaoRow(['1001305', '11', '5', 'buy', '1512041875'], 10);
    const b = mapTaobaoRow(['1001305', '12', '5', 'buy', '1512041875'], 11);
    expect(a.ok && a.event).toMatchObject({ name: 'order', orderId: 'taobao-1001305-1512041875' });
    expect(a.ok && b.ok && a.event.orderId === b.event.orderId && a.event.eventId !== b.event.eventId).toBe(true);
    expect(a.ok && validateEvent(a.event, ctx).ok).toBe(true);
  });

  it('rejects short rows, unknown behaviours and bad timestamps', () => {
    expect(mapTaobaoRow(['100370', '1968385', '1875258', 'pv'], 84476)).toMatchObject({ ok: false, code: 'import_bad_row', reason: 'expected 5 fields, found 4' });
    expect(mapTaobaoRow(['1', '2', '3', 'like', '1511544070'], 1)).toMatchObject({ ok: false, reason: expect.stringContaining('behavior_type') });
    expect(mapTaobaoRow(['1', '2', '3', 'pv', '15115.5'], 1)).toMatchObject({ ok: false, reason: expect.stringContaining('timestamp') });
  });
});
