import { describe, expect, it } from 'vitest';
import { collectBuyerHistories, type OrderRow } from './buyer-orders.js';

const row = (identityKey: string, name: string, ts: number, amount: number | null, orderId: string | null, productId: string | null = 'p'): OrderRow =>
  ({ identityKey, name, ts, amount, orderId, productId });
const person = (key: string): string => (key === 'buyer:web:2' ? 'per_1' : key);
const none = { includeGuests: false, excludeProducts: new Set<string>() };

describe('collectBuyerHistories', () => {
  const rows: OrderRow[] = [
    row('buyer:web:1', 'pay', 2_000, 500, 'o1'), row('buyer:web:1', 'pay', 1_000, 300, 'o1'), // one order of two lines
    row('buyer:web:1', 'pay', 5_000, 0, 'o2'), // zero-priced: not an order
    row('buyer:web:1', 'refund', 6_000, 200, 'c1'),
    row('buyer:web:1', 'play', 7_000, null, null),
    row('buyer:web:2', 'pay', 3_000, 1_000, 'o3'), row('anon:x', 'pay', 1_500, 50, null), row('anon:x', 'pay', 1_600, 50, null),
    row('anon:guest-9', 'pay', 4_000, 900, '9'),
    row('buyer:web:3', 'refund', 4_000, 900, 'c2'), // refund only: not a buyer
    row('buyer:web:4', 'pay', 4_000, 100, '10', 'POST'), row('buyer:web:4', 'pay', 4_000, 400, '10', 'A1'),
  ];

  it('groups lines into orders, nets refunds, drops zero orders, guests and refund-only persons', () => {
    const out = collectBuyerHistories(rows, person, none);
    expect(out.map((b) => b.personId)).toEqual(['buyer:web:1', 'buyer:web:4', 'per_1']);
    expect(out[0]).toEqual({ personId: 'buyer:web:1', orders: [{ orderId: 'o1', ts: 1_000, gross: 800 }], gross: 800, refunded: 200, net: 600 });
    expect(out[1]?.orders).toEqual([{ orderId: '10', ts: 4_000, gross: 500 }]);
  });

  it('merges identity keys of one person; each pay without orderId is an order of its own', () => {
    const merged = (key: string): string => (key === 'anon:x' ? 'per_1' : person(key));
    const b = collectBuyerHistories(rows, merged, none).find((x) => x.personId === 'per_1');
    expect(b?.orders.map((o) => [o.ts, o.gross])).toEqual([[1_500, 50], [1_600, 50], [3_000, 1_000]]);
    expect(b?.net).toBe(1_100);
  });

  it('keeps guests when asked and ignores excluded products', () => {
    const out = collectBuyerHistories(rows, person, { includeGuests: true, excludeProducts: new Set(['POST']) });
    expect(out.map((b) => b.personId)).toEqual(['anon:guest-9', 'anon:x', 'buyer:web:1', 'buyer:web:4', 'per_1']);
    expect(out.find((b) => b.personId === 'buyer:web:4')?.gross).toBe(400);
  });
});
