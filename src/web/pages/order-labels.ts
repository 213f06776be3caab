import type { Order, OrderCompensation, OrderState, SaleStock } from '../api-types.js';
import { el } from '../elements.js';
import { formatDuration, formatYuan } from '../format.js';
import { fill, t } from '../i18n.js';

/** An order state in the current language (paid → 已支付 / Paid). */
export function orderStateName(state: OrderState): string {
  return t().orders.states[state] ?? state;
}

/** A state badge, marked `data-state` (coloured by state in styles.css). */
export function orderStateBadge(state: OrderState): HTMLElement {
  return el('span', { class: `badge order-state order-state-${state}`, 'data-state': state }, orderStateName(state));
}

/** The compensation line: 已补偿 ¥6.90 优惠券 / Compensated ¥6.90 coupon. */
export function compensationText(c: OrderCompensation): string {
  const m = t().orders;
  return fill(m.compensation, { amount: formatYuan(c.amountFen), kind: m.compensationKinds[c.kind] ?? c.kind });
}

/** How long past its ship-by time an order is at the server's `now`: 超时 3 小时 / 3 h overdue. */
export function overdueText(promiseDue: number, now: number): string {
  return fill(t().orders.overdueFor, { t: formatDuration(Math.max(0, now - promiseDue)) });
}

/** How long until an order's ship-by time at the server's `now`: 剩余 3 小时 / 3 h left. */
export function timeLeftText(promiseDue: number, now: number): string {
  return fill(t().orders.timeLeft, { t: formatDuration(Math.max(0, promiseDue - now)) });
}

/** Orders by ship-by time, earliest (most urgent) first; orders without a promise last. A copy. */
export function byUrgency(orders: readonly Order[]): Order[] {
  return [...orders].sort((a, b) => (a.promiseDue ?? Infinity) - (b.promiseDue ?? Infinity));
}

/** The warehouses an order's units come from, each once, in allocation order. */
export function warehousesOf(order: Order): string[] {
  return [...new Set(order.allocations.map((a) => a.warehouse))];
}

/** One SKU's units over all warehouses. */
export interface SkuTotal { sku: string; sold: number; reserved: number; available: number }

/**
 * A sale's stock summed over warehouses, one row per SKU: the sale's own SKUs in its order, then any
 * other SKU the API listed (the parts of a bundle) in the order it listed them.
 */
export function skuTotals(detail: SaleStock): SkuTotal[] {
  const totals = new Map<string, SkuTotal>();
  const order = [...detail.sale.skus, ...detail.stock.map((s) => s.sku)];
  const seen = new Set(detail.stock.map((s) => s.sku));
  for (const sku of order) if (seen.has(sku) && !totals.has(sku)) totals.set(sku, { sku, sold: 0, reserved: 0, available: 0 });
  for (const s of detail.stock) {
    const x = totals.get(s.sku) as SkuTotal;
    x.sold += s.sold;
    x.reserved += s.reserved;
    x.available += s.available;
  }
  return [...totals.values()];
}
