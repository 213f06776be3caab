import type { Order, OrdersService } from '../modules/orders/index.js';
import type { LedgerCheck, LedgerService, SplitRecord } from '../modules/settlement/index.js';
import { wholeRefundId, type OrderSettlement } from './settle-orders.flow.js';

/** One disagreement between orders and the ledger. */
export interface ReconcileIssue {
  readonly code: 'missing_split' | 'unexpected_split' | 'amount_mismatch' | 'refund_not_reversed' | 'delivery_not_recorded' | 'compensation_not_paid' | 'orphan_split';
  readonly orderId: string;
  readonly detail: string;
  /** Whether `--repair` fixed it (missing effects are replayed; conflicting amounts are left to a person). */
  readonly repaired: boolean;
}

export interface Reconciliation {
  readonly tenant: string;
  readonly ordersChecked: number;
  readonly paidOrders: number;
  readonly splits: number;
  readonly issues: readonly ReconcileIssue[];
  /** The ledger's own check: stored counters equal the replayed journal, each currency sums to zero. */
  readonly ledger: LedgerCheck;
  readonly ok: boolean;
}

const PAGE = 1_000;

/**
 * Every paid order has exactly one split of its amount, every refunded order its reversal, every
 * delivery its refund window, every compensation its payment — and no split without a paid order.
 * With `repair`, missing effects are carried out now (the ledger's commands are idempotent); amounts
 * that disagree are reported, never overwritten.
 */
export async function reconcileLedger(deps: { readonly orders: OrdersService; readonly ledger: LedgerService; readonly settlement: OrderSettlement }, tenant: string, repair: boolean): Promise<Reconciliation> {
  const { orders, ledger, settlement } = deps;
  await ledger.flush();
  const issues: ReconcileIssue[] = [];
  const seen = new Set<string>();
  let checked = 0;
  let paid = 0;
  for (let beforeId: string | undefined; ;) {
    const page = await orders.list(tenant, { limit: PAGE, ...(beforeId !== undefined ? { beforeId } : {}) });
    if (page.length === 0) break;
    beforeId = page[page.length - 1]!.id;
    const splits = new Map((await ledger.splitsOf(tenant, page.map((o) => o.id))).map((s) => [s.orderId, s]));
    for (const o of page) {
      checked++;
      seen.add(o.id);
      if (o.paidAt !== null) paid++;
      for (const issue of await checkOrder(o, splits.get(o.id) ?? null, repair ? (c) => fix(c, o) : null)) issues.push(issue);
    }
    if (page.length < PAGE) break;
  }
  let splitCount = 0;
  for (let after = ''; ;) {
    const page = await ledger.splits(tenant, after, PAGE);
    splitCount += page.length;
    for (const s of page) if (!seen.has(s.orderId)) issues.push({ code: 'orphan_split', orderId: s.orderId, detail: 'the ledger split an order that does not exist', repaired: false });
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.orderId;
  }
  const check = await ledger.check(tenant);
  return { tenant, ordersChecked: checked, paidOrders: paid, splits: splitCount, issues, ledger: check, ok: check.ok && issues.every((i) => i.repaired) };

  async function fix(code: ReconcileIssue['code'], o: Order): Promise<boolean> {
    const run = async (): Promise<{ ok: boolean }> => {
      switch (code) {
        case 'missing_split': return ledger.splitOrder(tenant, await settlement.factsOf(tenant, o), o.paidAt!);
        case 'refund_not_reversed': return ledger.submit({ kind: 'refund', tenant, orderId: o.id, refundId: wholeRefundId(o.id), amountFen: 'rest' });
        case 'delivery_not_recorded': return ledger.submit({ kind: 'deliver', tenant, orderId: o.id, deliveredAt: o.deliveredAt! });
        case 'compensation_not_paid': return ledger.submit({ kind: 'compensate', tenant, orderId: o.id, amountFen: o.compensation!.amountFen });
        default: return { ok: false };
      }
    };
    return (await run()).ok;
  }
}

/** The issues of one order against its split; `fix` (when repairing) carries out a missing effect, in order. */
async function checkOrder(o: Order, s: SplitRecord | null, fix: ((code: ReconcileIssue['code']) => Promise<boolean>) | null): Promise<ReconcileIssue[]> {
  const out: ReconcileIssue[] = [];
  const report = async (code: ReconcileIssue['code'], detail: string, repairable: boolean): Promise<void> => {
    out.push({ code, orderId: o.id, detail, repaired: repairable && fix !== null ? await fix(code) : false });
  };
  if (o.paidAt === null) {
    if (s) await report('unexpected_split', `order is ${o.state} and was never paid, yet the ledger split ${s.amountFen} fen`, false);
    return out;
  }
  if (!s) {
    await report('missing_split', `paid ${o.amountFen} fen, no split`, true);
    if (out[0]?.repaired !== true) return out;
  } else if (s.amountFen !== o.amountFen || s.currency !== o.currency) {
    await report('amount_mismatch', `order ${o.amountFen} ${o.currency}, split ${s.amountFen} ${s.currency}`, false);
    return out;
  }
  const refunded = s?.refundedFen ?? 0;
  if (o.state === 'refunded' && refunded !== o.amountFen) await report('refund_not_reversed', `order refunded, ledger reversed ${refunded} of ${o.amountFen} fen`, true);
  if (o.deliveredAt !== null && (s?.deliveredAt ?? null) === null) await report('delivery_not_recorded', 'delivered, refund window not started', true);
  if (o.compensation && !s?.compensation) await report('compensation_not_paid', `compensation of ${o.compensation.amountFen} fen recorded on the order, not paid`, true);
  return out;
}
