import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMovement, totalUnits, type StockLevel, type StockMovement } from '../../inventory/index.js';
import { ORDER_EVENTS, ORDER_STATES, transition, type OrderEffect, type OrderEvent, type OrderState } from './order-state.js';

describe('order state machine: every state × event', () => {
  const OOO = 'refused:orders_logistics_out_of_order';
  const table: Record<string, string> = {
    'reserved:pay': 'paid confirm_stock,start_promise', 'reserved:cancel': 'cancelled release_stock', 'reserved:timeout': 'expired release_stock', 'reserved:refund': 'refused',
    'reserved:pick': OOO, 'reserved:ship': OOO, 'reserved:in_transit': OOO, 'reserved:deliver': OOO,
    'paid:pay': 'replay', 'paid:cancel': 'refused', 'paid:timeout': 'refused', 'paid:refund': 'refunded restock,refund_payment,stop_promise',
    'paid:pick': 'picked ', 'paid:ship': 'shipped stop_promise', 'paid:in_transit': OOO, 'paid:deliver': OOO,
    'picked:pay': 'replay', 'picked:cancel': 'refused', 'picked:timeout': 'refused', 'picked:refund': 'refunded restock,refund_payment,stop_promise',
    'picked:pick': 'replay', 'picked:ship': 'shipped stop_promise', 'picked:in_transit': OOO, 'picked:deliver': OOO,
    'shipped:pay': 'replay', 'shipped:cancel': 'refused', 'shipped:timeout': 'refused', 'shipped:refund': 'refunded refund_payment',
    'shipped:pick': OOO, 'shipped:ship': 'replay', 'shipped:in_transit': 'in_transit ', 'shipped:deliver': 'delivered ',
    'in_transit:pay': 'replay', 'in_transit:cancel': 'refused', 'in_transit:timeout': 'refused', 'in_transit:refund': 'refunded refund_payment',
    'in_transit:pick': OOO, 'in_transit:ship': OOO, 'in_transit:in_transit': 'replay', 'in_transit:deliver': 'delivered ',
    'delivered:pay': 'replay', 'delivered:cancel': 'refused', 'delivered:timeout': 'refused', 'delivered:refund': 'refunded refund_payment',
    'delivered:pick': OOO, 'delivered:ship': OOO, 'delivered:in_transit': OOO, 'delivered:deliver': 'replay',
    'cancelled:pay': 'refunded refund_payment', 'cancelled:cancel': 'replay', 'cancelled:timeout': 'refused', 'cancelled:refund': 'refused',
    'cancelled:pick': 'refused', 'cancelled:ship': 'refused', 'cancelled:in_transit': 'refused', 'cancelled:deliver': 'refused',
    'expired:pay': 'refunded refund_payment', 'expired:cancel': 'refused', 'expired:timeout': 'replay', 'expired:refund': 'refused',
    'expired:pick': 'refused', 'expired:ship': 'refused', 'expired:in_transit': 'refused', 'expired:deliver': 'refused',
    'refunded:pay': 'replay', 'refunded:cancel': 'refused', 'refunded:timeout': 'refused', 'refunded:refund': 'replay',
    'refunded:pick': 'refused', 'refunded:ship': 'refused', 'refunded:in_transit': 'refused', 'refunded:deliver': 'refused',
  };

  it('covers all 72 pairs as written (a late payment is refunded when the stock is gone)', () => {
    for (const s of ORDER_STATES) {
      for (const e of ORDER_EVENTS) {
        const t = transition(s, e);
        const got = t.outcome === 'applied' ? `${t.next} ${t.effects.join(',')}` : t.outcome === 'refused' ? (t.code === 'orders_invalid_transition' ? 'refused' : `refused:${t.code}`) : 'replay';
        expect(got, `${s}:${e}`).toBe(table[`${s}:${e}`]);
        if (t.outcome !== 'applied') expect(t.next, `${s}:${e} keeps its state`).toBe(s);
      }
    }
  });

  it('re-reserves for a payment after the timeout when the stock is still there', () => {
    expect(transition('expired', 'pay', () => true)).toEqual({ outcome: 'applied', next: 'paid', effects: ['reserve_and_confirm_stock', 'start_promise'] });
  });
});

describe('stock invariant under random interleavings of orders and callbacks (fast-check)', () => {
  const movementsOf = (effects: readonly OrderEffect[], q: number): StockMovement[] => effects.flatMap((e): StockMovement[] => {
    switch (e) {
      case 'confirm_stock': return [{ kind: 'confirm', quantity: q }];
      case 'release_stock': return [{ kind: 'release', quantity: q }];
      case 'reserve_and_confirm_stock': return [{ kind: 'reserve', quantity: q }, { kind: 'confirm', quantity: q }];
      case 'restock': return [{ kind: 'restock', quantity: q }];
      default: return [];
    }
  });

  it('never oversells, never goes negative, and conserves every unit', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('place' as const), quantity: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ op: fc.constantFrom<OrderEvent>(...ORDER_EVENTS), order: fc.nat(40) }),
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.array(step, { maxLength: 200 }), (initial, steps) => {
      let stock: StockLevel = { available: initial, reserved: 0, sold: 0 };
      const orders: { state: OrderState; quantity: number; leftWarehouse: boolean }[] = [];
      for (const s of steps) {
        if (s.op === 'place') {
          const r = applyMovement(stock, { kind: 'reserve', quantity: s.quantity });
          if (r.ok) { stock = r.level; orders.push({ state: 'reserved', quantity: s.quantity, leftWarehouse: false }); }
          continue;
        }
        const o = orders[s.order % Math.max(1, orders.length)];
        if (!o) continue;
        const canReserveAgain = () => stock.available >= o.quantity;
        const t = transition(o.state, s.op, canReserveAgain);
        if (t.outcome !== 'applied') continue;
        for (const m of movementsOf(t.effects, o.quantity)) {
          const r = applyMovement(stock, m);
          expect(r.ok, `${o.state} -${s.op}-> ${t.next}: ${m.kind} ${m.quantity} on ${JSON.stringify(stock)}`).toBe(true);
          if (r.ok) stock = r.level;
        }
        if (t.next === 'shipped') o.leftWarehouse = true;
        o.state = t.next;
      }
      expect(totalUnits(stock)).toBe(initial);
      expect(Math.min(stock.available, stock.reserved, stock.sold)).toBeGreaterThanOrEqual(0);
      const units = (states: OrderState[]) => orders.filter((o) => states.includes(o.state)).reduce((n, o) => n + o.quantity, 0);
      expect(stock.reserved).toBe(units(['reserved']));
      // A refund after shipping does not put units back on the shelf: they left the warehouse.
      const refundedAfterShipping = orders.filter((o) => o.state === 'refunded' && o.leftWarehouse).reduce((n, o) => n + o.quantity, 0);
      expect(stock.sold).toBe(units(['paid', 'picked', 'shipped', 'in_transit', 'delivered']) + refundedAfterShipping);
    }), { numRuns: 500 });
  });
});

