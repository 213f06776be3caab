/**
 * What happens to an order's money after its split (ADR 0015), as plans of linked ledger operations
 * over a read-only view of balances. Pure.
 *
 * - **Refund inside the refund window** (legs still pending): the legs are voided and, for a partial
 *   refund, split again at their reduced amounts; the refund leaves clearing for `buyer_refunds`.
 * - **Refund after the window** (legs posted): each party gives back its share of the refund (the
 *   refund apportioned over the legs by the largest-remainder rule). A clawback takes from the party's
 *   pending earnings first, then its available balance, and records the rest as a receivable. Pending
 *   earnings cannot be spent before they post, so the part taken from them is booked against the
 *   party's receivable and recovered first when those earnings post — the ledger moves the same money
 *   as for the rest of the receivable, the record says which part was covered by pending earnings.
 * - **Window closes**: the legs are posted; a party that owes a receivable repays it from what posts.
 * - **Compensation** for a missed promise: from the compensation pool, then the merchant's available
 *   balance, then as the merchant's receivable — the buyer is always paid.
 */
import { accountId, receivableOf } from './accounts.js';
import type { OrderLeg } from './commission.js';
import { computeAvailable, ZERO_BALANCE, type AccountBalance, type LedgerOp } from './ledger.js';
import { apportionByWeights } from './split.js';

/** How one party's share of a refund after the window was covered. */
export interface Clawback {
  readonly account: string;
  readonly amountFen: number;
  readonly fromPending: number;
  readonly fromAvailable: number;
  readonly receivable: number;
}

export interface RefundRecord {
  readonly id: string;
  readonly amountFen: number;
  readonly at: number;
  /** `void` (inside the window) or `clawback` (after it). */
  readonly mode: 'void' | 'clawback';
  readonly clawbacks: readonly Clawback[];
}

export interface CompensationRecord {
  readonly amountFen: number;
  readonly fromPool: number;
  readonly fromMerchant: number;
  readonly owed: number;
  readonly at: number;
}

/** The settlement of one paid order: its split, its refund window, refunds and compensation. */
export interface SplitRecord {
  readonly tenant: string;
  readonly orderId: string;
  readonly currency: string;
  readonly amountFen: number;
  readonly refundedFen: number;
  /** `pending` until the window closes, then `posted`; `refunded` once nothing is left to pay out. */
  readonly status: 'pending' | 'posted' | 'refunded';
  /** The current legs (amounts net of refunds) and the transfers carrying them. */
  readonly legs: readonly OrderLeg[];
  /** Bumped each time the legs are split again (a partial refund inside the window). */
  readonly generation: number;
  readonly rules: readonly string[];
  readonly paidAt: number;
  readonly deliveredAt: number | null;
  /** When the refund window closes (delivery + window); null until delivered. */
  readonly closesAt: number | null;
  readonly refunds: readonly RefundRecord[];
  readonly compensation: CompensationRecord | null;
}

/** Current balances by account (absent: zero). */
export type BalanceView = (account: string) => AccountBalance;

export type Plan<T> =
  | { readonly ok: true; readonly replay: boolean; readonly ops: readonly LedgerOp[]; readonly next: T }
  | { readonly ok: false; readonly code: 'settlement_refund_exceeds_paid' | 'settlement_invalid_amount' | 'settlement_duplicate_transfer'; readonly reason: string };

const owedBy = (b: AccountBalance): number => b.debitsPosted + b.debitsPending - b.creditsPosted - b.creditsPending;

/** A refund of `amountFen` of the order (`id` is the refund's idempotency key). */
export function planRefund(rec: SplitRecord, refund: { readonly id: string; readonly amountFen: number; readonly at: number }, view: BalanceView): Plan<SplitRecord> {
  const earlier = rec.refunds.find((r) => r.id === refund.id);
  if (earlier) {
    return earlier.amountFen === refund.amountFen
      ? { ok: true, replay: true, ops: [], next: rec }
      : { ok: false, code: 'settlement_duplicate_transfer', reason: `refund ${refund.id} was ${earlier.amountFen} fen, not ${refund.amountFen}` };
  }
  const left = rec.amountFen - rec.refundedFen;
  if (!Number.isSafeInteger(refund.amountFen) || refund.amountFen <= 0) return { ok: false, code: 'settlement_invalid_amount', reason: `a refund is a positive whole number of fen, got ${refund.amountFen}` };
  if (refund.amountFen > left) return { ok: false, code: 'settlement_refund_exceeds_paid', reason: `order ${rec.orderId} has ${left} fen left to refund (paid ${rec.amountFen}, refunded ${rec.refundedFen}); asked ${refund.amountFen}` };
  const shares = apportionByWeights(refund.amountFen, rec.legs.map((l) => l.amountFen));
  const clearing = accountId('clearing', rec.currency);
  const refundOp: LedgerOp = { op: 'transfer', kind: 'single', id: `${refund.id}:refund`, debit: clearing, credit: accountId('buyer_refunds', rec.currency), amountFen: refund.amountFen, currency: rec.currency };
  const reduced = rec.legs.map((l, i) => ({ ...l, amountFen: l.amountFen - (shares[i] ?? 0) }));
  const refundedFen = rec.refundedFen + refund.amountFen;
  const base = { ...rec, refundedFen, status: refundedFen === rec.amountFen ? 'refunded' as const : rec.status };

  if (rec.status === 'pending') {
    const generation = rec.generation + 1;
    const legs = reduced.filter((l) => l.amountFen > 0).map((l) => ({ ...l, transferId: `${rec.orderId}:leg${generation}:${l.account}` }));
    const ops: LedgerOp[] = [
      ...rec.legs.map((l): LedgerOp => ({ op: 'void', id: `${l.transferId}:void`, pendingId: l.transferId })),
      ...legs.map((l): LedgerOp => ({ op: 'transfer', kind: 'pending', id: l.transferId, debit: clearing, credit: l.account, amountFen: l.amountFen, currency: rec.currency })),
      refundOp,
    ];
    return { ok: true, replay: false, ops, next: { ...base, legs, generation, refunds: [...rec.refunds, { id: refund.id, amountFen: refund.amountFen, at: refund.at, mode: 'void', clawbacks: [] }] } };
  }

  const ops: LedgerOp[] = [];
  const clawbacks: Clawback[] = [];
  rec.legs.forEach((l, i) => {
    const share = shares[i] ?? 0;
    if (share === 0) return;
    const b = view(l.account);
    const fromPending = Math.min(share, b.creditsPending);
    const fromAvailable = Math.min(share - fromPending, Math.max(0, computeAvailable(b)));
    const receivable = share - fromPending - fromAvailable;
    clawbacks.push({ account: l.account, amountFen: share, fromPending, fromAvailable, receivable });
    if (fromAvailable > 0) ops.push({ op: 'transfer', kind: 'single', id: `${refund.id}:claw:${l.account}`, debit: l.account, credit: clearing, amountFen: fromAvailable, currency: rec.currency });
    if (fromPending + receivable > 0) ops.push({ op: 'transfer', kind: 'single', id: `${refund.id}:owe:${l.account}`, debit: receivableOf(l.account), credit: clearing, amountFen: fromPending + receivable, currency: rec.currency });
  });
  ops.push(refundOp);
  return { ok: true, replay: false, ops, next: { ...base, legs: reduced, refunds: [...rec.refunds, { id: refund.id, amountFen: refund.amountFen, at: refund.at, mode: 'clawback', clawbacks }] } };
}

/**
 * Closing the refund window: every pending leg posted (`<leg>:post`), then each party that owes a
 * receivable repays it from its available balance, what just posted included (`<order>:recover:<account>`).
 * A record that is not pending is a replay.
 */
export function planSettle(rec: SplitRecord, view: BalanceView): Plan<SplitRecord> {
  if (rec.status !== 'pending') return { ok: true, replay: true, ops: [], next: rec };
  const ops: LedgerOp[] = rec.legs.map((l) => ({ op: 'post', id: `${l.transferId}:post`, pendingId: l.transferId }));
  for (const l of rec.legs) {
    const owed = owedBy(view(receivableOf(l.account)));
    const recover = Math.min(owed, Math.max(0, computeAvailable(view(l.account)) + l.amountFen));
    if (recover > 0) ops.push({ op: 'transfer', kind: 'single', id: `${rec.orderId}:recover:${l.account}`, debit: l.account, credit: receivableOf(l.account), amountFen: recover, currency: rec.currency });
  }
  return { ok: true, replay: false, ops, next: { ...rec, status: 'posted' } };
}

/** Pays a missed promise's compensation to the buyer (pool, then merchant, then merchant receivable); once per order. */
export function planCompensation(rec: SplitRecord, c: { readonly amountFen: number; readonly at: number }, view: BalanceView): Plan<SplitRecord> {
  if (rec.compensation) {
    return rec.compensation.amountFen === c.amountFen
      ? { ok: true, replay: true, ops: [], next: rec }
      : { ok: false, code: 'settlement_duplicate_transfer', reason: `order ${rec.orderId} was compensated ${rec.compensation.amountFen} fen, not ${c.amountFen}` };
  }
  if (!Number.isSafeInteger(c.amountFen) || c.amountFen <= 0) return { ok: false, code: 'settlement_invalid_amount', reason: `compensation is a positive whole number of fen, got ${c.amountFen}` };
  const cur = rec.currency;
  const pool = accountId('compensation_pool', cur);
  const merchant = accountId('merchant', cur, rec.tenant);
  const buyer = accountId('buyer_refunds', cur);
  const fromPool = Math.min(c.amountFen, Math.max(0, computeAvailable(view(pool))));
  const fromMerchant = Math.min(c.amountFen - fromPool, Math.max(0, computeAvailable(view(merchant))));
  const owed = c.amountFen - fromPool - fromMerchant;
  const ops: LedgerOp[] = [];
  const pay = (suffix: string, debit: string, amountFen: number): void => {
    if (amountFen > 0) ops.push({ op: 'transfer', kind: 'single', id: `${rec.orderId}:comp:${suffix}`, debit, credit: buyer, amountFen, currency: cur });
  };
  pay('pool', pool, fromPool);
  pay('merchant', merchant, fromMerchant);
  pay('owed', receivableOf(merchant), owed);
  return { ok: true, replay: false, ops, next: { ...rec, compensation: { amountFen: c.amountFen, fromPool, fromMerchant, owed, at: c.at } } };
}

/** The balance view of a map of balances (absent accounts are zero). */
export function viewOf(balances: ReadonlyMap<string, AccountBalance>): BalanceView {
  return (account) => balances.get(account) ?? ZERO_BALANCE;
}
