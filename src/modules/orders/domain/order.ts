/**
 * An order as stored, the sale it may belong to, and the pure rules around them: checking a placement
 * request, the ship-by promise and its compensation. Money in integer fen, time in epoch ms.
 */
import { hash53 } from '../../../shared/hashing.js';
import type { LogisticsEvent, OrderState } from './order-state.js';

export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceFen: number;
}

/** Units of a plain SKU taken from one warehouse (a bundle line becomes its parts). */
export interface OrderAllocation {
  readonly sku: string;
  readonly warehouse: string;
  readonly quantity: number;
}

export interface Destination {
  readonly region?: string;
  readonly lat?: number;
  readonly lon?: number;
}

export interface LogisticsRecord {
  readonly status: LogisticsEvent;
  readonly at: number;
  readonly carrier?: string;
  readonly trackingNo?: string;
  /** `api` or the platform adapter that reported it. */
  readonly source: string;
}

/** How a missed ship-by promise is made good: a share of the paid amount, clamped. */
export interface CompensationRule {
  readonly kind: 'coupon' | 'credit';
  /** Percent of the order amount. */
  readonly percent: number;
  readonly minFen: number;
  readonly maxFen: number;
}

export interface Compensation {
  readonly kind: 'coupon' | 'credit';
  readonly amountFen: number;
  readonly reason: 'ship_by_breach';
  /** When the promise was due, and when the breach was recorded. */
  readonly promiseDue: number;
  readonly at: number;
}

export interface Order {
  readonly id: string;
  readonly tenant: string;
  readonly clientKey: string;
  /** What the placement asked for (lines, destination, sale): a replay with another body is refused. */
  readonly fingerprint: string;
  readonly buyer: string;
  readonly saleId: string | null;
  readonly state: OrderState;
  /** Bumped on every write; writes are compare-and-set on it. */
  readonly version: number;
  readonly lines: readonly OrderLine[];
  readonly allocations: readonly OrderAllocation[];
  readonly amountFen: number;
  readonly currency: string;
  readonly destination: Destination | null;
  readonly paymentDeadline: number;
  readonly shipWithinMs: number;
  readonly compensationRule: CompensationRule;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly paidAt: number | null;
  /** Ship-by time, set when paid; the promise is kept when `shipped` comes before it. */
  readonly promiseDue: number | null;
  readonly shippedAt: number | null;
  readonly deliveredAt: number | null;
  readonly logistics: readonly LogisticsRecord[];
  readonly compensation: Compensation | null;
  /** Where the buyer came from, for commissions (absent on orders placed without it). */
  readonly attribution?: OrderAttribution;
}

/** The creator (达人) and campaign an order is credited to: the commission rules that apply follow them. */
export interface OrderAttribution {
  readonly creatorId?: string;
  readonly campaignId?: string;
}

/** A live sale: its SKUs take the flash-sale path with these rules. */
export interface Sale {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  readonly skus: readonly string[];
  /** Most units one buyer may hold across the sale's orders (null: no limit). */
  readonly perBuyerLimit: number | null;
  readonly paymentTimeoutMs: number;
  readonly shipWithinHours: number;
  readonly compensation: CompensationRule;
  readonly opensAt: number;
  readonly closesAt: number | null;
  readonly createdAt: number;
}

/** Our default when a sale sets none: a coupon of 5 % of the order, at least ¥3, at most ¥100. */
export const DEFAULT_COMPENSATION: CompensationRule = { kind: 'coupon', percent: 5, minFen: 300, maxFen: 10_000 };

/** The amount a breach of `order`'s promise earns, by its rule (never more than the order's amount). */
export function compensationFor(order: Pick<Order, 'amountFen' | 'compensationRule'>): number {
  const r = order.compensationRule;
  const share = Math.round((order.amountFen * r.percent) / 100);
  return Math.min(order.amountFen, Math.max(r.minFen, Math.min(r.maxFen, share)));
}

/** Problems of a compensation rule (empty when valid). */
export function compensationProblems(r: CompensationRule): string[] {
  const p: string[] = [];
  if (r.kind !== 'coupon' && r.kind !== 'credit') p.push('compensation.kind: coupon or credit');
  if (!(r.percent >= 0 && r.percent <= 100)) p.push('compensation.percent: 0–100');
  if (!Number.isSafeInteger(r.minFen) || r.minFen < 0) p.push('compensation.minFen: a non-negative integer');
  if (!Number.isSafeInteger(r.maxFen) || r.maxFen < r.minFen) p.push('compensation.maxFen: an integer ≥ minFen');
  return p;
}

/** Problems of a sale definition (empty when valid). `knownSku` answers whether a SKU exists. */
export function saleProblems(s: Omit<Sale, 'tenant' | 'createdAt'>, knownSku: (sku: string) => boolean): string[] {
  const p: string[] = [];
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(s.id)) p.push('id: 1–64 letters, digits or _ . : -');
  if (!s.name) p.push('name: required');
  if (s.skus.length === 0 || s.skus.length > 200) p.push('skus: 1–200 SKUs');
  for (const sku of s.skus) if (!knownSku(sku)) p.push(`skus: unknown SKU ${sku}`);
  if (s.perBuyerLimit !== null && (!Number.isSafeInteger(s.perBuyerLimit) || s.perBuyerLimit < 1)) p.push('perBuyerLimit: an integer ≥ 1, or null for none');
  if (!Number.isSafeInteger(s.paymentTimeoutMs) || s.paymentTimeoutMs < 60_000 || s.paymentTimeoutMs > 86_400_000) p.push('paymentTimeoutMs: 60000–86400000 (1 min–24 h)');
  if (!(s.shipWithinHours >= 1 && s.shipWithinHours <= 720)) p.push('shipWithinHours: 1–720');
  if (!Number.isSafeInteger(s.opensAt)) p.push('opensAt: epoch ms');
  if (s.closesAt !== null && (!Number.isSafeInteger(s.closesAt) || s.closesAt <= s.opensAt)) p.push('closesAt: epoch ms after opensAt, or null');
  p.push(...compensationProblems(s.compensation));
  return p;
}

/** Whether `sale` takes orders at `now`. */
export function isSaleOpen(sale: Sale, now: number): boolean {
  return now >= sale.opensAt && (sale.closesAt === null || now < sale.closesAt);
}

/** A placement as the client sends it (already parsed from JSON). */
export interface PlacementInput {
  readonly clientKey: string;
  readonly buyer: string;
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  readonly saleId?: string;
  readonly destination?: Destination;
  readonly allowSplit?: boolean;
  readonly attribution?: OrderAttribution;
}

export const MAX_LINES = 50;
const ATTRIBUTION_ID = /^[\w.-]{1,128}$/;

/** Problems of a placement (empty when valid): the key, the buyer, 1–50 lines of positive whole units. */
export function placementProblems(p: PlacementInput): { problems: string[]; badQuantity: boolean } {
  const problems: string[] = [];
  let badQuantity = false;
  if (typeof p.clientKey !== 'string' || !/^[\x21-\x7e]{8,128}$/.test(p.clientKey)) problems.push('clientKey: 8–128 printable ASCII characters, unique per order (a retry sends the same key)');
  if (typeof p.buyer !== 'string' || p.buyer.length === 0 || p.buyer.length > 128) problems.push('buyer: 1–128 characters');
  if (!Array.isArray(p.lines) || p.lines.length === 0 || p.lines.length > MAX_LINES) problems.push(`lines: 1–${MAX_LINES} lines`);
  else p.lines.forEach((l, i) => {
    if (typeof l?.sku !== 'string' || l.sku.length === 0) problems.push(`lines[${i}].sku: required`);
    if (!Number.isSafeInteger(l?.quantity) || l.quantity <= 0) { problems.push(`lines[${i}].quantity: a positive integer`); badQuantity = true; }
  });
  for (const key of ['creatorId', 'campaignId'] as const) {
    const v = p.attribution?.[key];
    if (v !== undefined && (typeof v !== 'string' || !ATTRIBUTION_ID.test(v))) problems.push(`attribution.${key}: 1–128 letters, digits, _ . -`);
  }
  return { problems, badQuantity };
}

/**
 * What makes two placements with one client key the same order (buyer, lines, sale, destination, split),
 * as a 53-bit hash in hex: stored with the order to refuse a key reused for something else.
 */
export function fingerprintOf(p: PlacementInput): string {
  const lines = [...p.lines].map((l) => `${l.sku}*${l.quantity}`).sort().join(',');
  const d = p.destination;
  // Attribution joined the fingerprint later: only when present, so older orders keep their fingerprints.
  const a = p.attribution && (p.attribution.creatorId !== undefined || p.attribution.campaignId !== undefined) ? `|a:${p.attribution.creatorId ?? ''}:${p.attribution.campaignId ?? ''}` : '';
  return hash53(`${lines}|${p.saleId ?? ''}|${d?.region ?? ''}:${d?.lat ?? ''}:${d?.lon ?? ''}|${p.allowSplit === true ? 1 : 0}|${p.buyer}${a}`).toString(16);
}

/** States whose units still count against a sale's per-buyer limit. */
export const COUNTING_STATES: readonly OrderState[] = ['reserved', 'paid', 'picked', 'shipped', 'in_transit', 'delivered'];

/**
 * The order after an applied transition to `next` at `now`: version bumped; payment starts the ship-by
 * promise; logistics recorded with their time; shipping and delivery stamped.
 */
export function evolveOrder(order: Order, next: OrderState, now: number, startsPromise: boolean, logistics?: LogisticsRecord): Order {
  const paid = startsPromise ? { paidAt: now, promiseDue: now + order.shipWithinMs } : {};
  return {
    ...order, ...paid, state: next, version: order.version + 1, updatedAt: now,
    shippedAt: next === 'shipped' && order.shippedAt === null ? (logistics?.at ?? now) : order.shippedAt,
    deliveredAt: next === 'delivered' ? (logistics?.at ?? now) : order.deliveredAt,
    logistics: logistics ? [...order.logistics, logistics] : order.logistics,
  };
}

/** Whether the promise of `order` is breached at `now` and not yet made good. */
export function isBreached(order: Order, now: number): boolean {
  return (order.state === 'paid' || order.state === 'picked') && order.promiseDue !== null && order.promiseDue <= now && order.compensation === null;
}
