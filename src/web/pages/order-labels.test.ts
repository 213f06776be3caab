import { describe, expect, it } from 'vitest';
import type { Order, SaleStock } from '../api-types.js';
import { byUrgency, compensationText, overdueText, skuTotals, timeLeftText, warehousesOf } from './order-labels.js';

const HOUR = 3_600_000;

function order(id: string, promiseDue: number | null, warehouses: string[] = []): Order {
  return {
    id, buyer: 'b', saleId: null, state: 'paid', amountFen: 100, currency: 'CNY', createdAt: 0, paidAt: 0, promiseDue, shippedAt: null, compensation: null,
    allocations: warehouses.map((warehouse, i) => ({ sku: `s${i}`, warehouse, quantity: 1 })),
  };
}

describe('order labels (English, the default language outside a browser)', () => {
  it('sums a sale\'s stock over warehouses per SKU: the sale\'s SKUs in its order, then bundle parts as listed', () => {
    const detail: SaleStock = {
      sale: { id: 's', name: 'S', skus: ['cup', 'gift', 'tea'], perBuyerLimit: null, paymentTimeoutMs: 900_000, shipWithinHours: 48, compensation: { kind: 'coupon', percent: 5, minFen: 300, maxFen: 10_000 }, opensAt: 0, closesAt: null, createdAt: 0 },
      stock: [
        { sku: 'lid', warehouse: 'a', available: 1, reserved: 0, sold: 0 },
        { sku: 'tea', warehouse: 'a', available: 6, reserved: 1, sold: 2 },
        { sku: 'tea', warehouse: 'b', available: 4, reserved: 0, sold: 1 },
        { sku: 'cup', warehouse: 'a', available: 0, reserved: 0, sold: 2 },
      ],
    };
    expect(skuTotals(detail)).toEqual([
      { sku: 'cup', sold: 2, reserved: 0, available: 0 },
      { sku: 'tea', sold: 3, reserved: 1, available: 10 },
      { sku: 'lid', sold: 0, reserved: 0, available: 1 },
    ]);
  });

  it('orders by ship-by time, most urgent first, without changing the input', () => {
    const input = [order('c', null), order('b', 5), order('a', 2)];
    expect(byUrgency(input).map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(input.map((o) => o.id)).toEqual(['c', 'b', 'a']);
  });

  it('says how late, how long is left and what was compensated, by the given now', () => {
    expect(overdueText(10 * HOUR, 13 * HOUR)).toBe('3 h overdue');
    expect(timeLeftText(13 * HOUR, 10 * HOUR)).toBe('3 h left');
    expect(compensationText({ kind: 'coupon', amountFen: 690, reason: 'ship_by_breach', promiseDue: 0, at: 0 })).toBe('Compensated ¥6.90 coupon');
    expect(compensationText({ kind: 'credit', amountFen: 10_000, reason: 'ship_by_breach', promiseDue: 0, at: 0 })).toBe('Compensated ¥100.00 credit');
  });

  it('lists each warehouse of an order once', () => {
    expect(warehousesOf(order('x', 0, ['wh_hz', 'wh_nb', 'wh_hz']))).toEqual(['wh_hz', 'wh_nb']);
  });
});
