import type { OrdersService } from '../modules/orders/index.js';
import { accountId, type LedgerService } from '../modules/settlement/index.js';
import { reconcileLedger } from './reconcile-ledger.flow.js';
import type { OrderEvents } from './order-events.flow.js';
import type { OrderSettlement } from './settle-orders.flow.js';

/** What the demo's money did, for the terminal and the tests. */
export interface DemoLedger {
  readonly splits: number;
  /** Fen held pending refund windows, and posted to the parties. */
  readonly pendingFen: number;
  readonly postedFen: number;
  readonly creatorFen: number;
  readonly mcnFen: number;
  readonly platformFen: number;
  readonly merchantFen: number;
  readonly refunds: number;
  readonly voided: number;
  readonly clawedBack: number;
  readonly refundedFen: number;
  readonly compensationFen: number;
  readonly fromPoolFen: number;
  readonly reconciled: boolean;
}

/** The demo shop's commission rules: the platform's 5 %, a creator with her MCN, and the Double 11 live campaign. */
export const DEMO_RULES = [
  { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform' as const, basisPoints: 500 }] },
  { id: 'chen_tea', scope: { creatorId: 'c_chen' }, mcnId: 'mcn_xingguang', priority: 0, legs: [{ party: 'platform' as const, basisPoints: 500 }, { party: 'creator' as const, basisPoints: 1_500 }, { party: 'mcn' as const, basisPoints: 300 }] },
  { id: 'double11_lin', scope: { campaignId: 'double11', creatorId: 'c_lin' }, mcnId: 'mcn_xingguang', priority: 0, legs: [{ party: 'platform' as const, basisPoints: 300 }, { party: 'creator' as const, basisPoints: 2_000, fixedFen: 100 }, { party: 'mcn' as const, basisPoints: 500 }] },
];

/** Before any order is paid: the rules, and ¥20 in the compensation pool (the rest of a compensation comes from the merchant). */
export async function setUpDemoLedger(app: { readonly ledger: LedgerService }, tenant: string): Promise<void> {
  await app.ledger.setRules(tenant, DEMO_RULES);
  await app.ledger.transfer(tenant, [{ op: 'transfer', kind: 'single', id: 'fund:demo-pool-1', debit: accountId('payments', 'CNY'), credit: accountId('compensation_pool', 'CNY'), amountFen: 2_000, currency: 'CNY' }], 'fund');
}

/**
 * After the sale: the refund windows that closed are posted; one delivered order is refunded after its
 * window (clawed back from the parties), one inside it (voided), one partly after sale; then orders and
 * ledger are reconciled. `refundAfter` / `refundInside` / `partial` are earlier orders in those states.
 */
export async function finishDemoLedger(app: { readonly ledger: LedgerService; readonly settlement: OrderSettlement; readonly orderEvents: OrderEvents; readonly orders: OrdersService },
  tenant: string, picks: { readonly refundAfter: string; readonly refundInside: string; readonly partial: string }): Promise<DemoLedger> {
  const { ledger } = app;
  await app.settlement.settleDue();
  await app.orderEvents.apply(tenant, picks.refundAfter, 'refund');
  await app.orderEvents.apply(tenant, picks.refundInside, 'refund');
  const partial = await app.orders.require(tenant, picks.partial);
  await ledger.submit({ kind: 'refund', tenant, orderId: partial.id, refundId: `${partial.id}:aftersale-1`, amountFen: Math.round(partial.amountFen * 0.3) });
  await ledger.flush();
  const accounts = await ledger.accounts(tenant);
  const parties = accounts.filter((a) => ['platform', 'merchant', 'creator', 'mcn'].includes(a.kind));
  const of = (kind: string): number => parties.filter((a) => a.kind === kind).reduce((n, a) => n + a.pendingFen + a.postedFen, 0);
  let splits = 0;
  let refunds = 0;
  let voided = 0;
  let clawedBack = 0;
  let refundedFen = 0;
  let compensationFen = 0;
  let fromPoolFen = 0;
  for (let after = ''; ;) {
    const page = await ledger.splits(tenant, after, 1_000);
    for (const s of page) {
      splits++;
      refundedFen += s.refundedFen;
      for (const r of s.refunds) { refunds++; if (r.mode === 'void') voided++; else clawedBack++; }
      compensationFen += s.compensation?.amountFen ?? 0;
      fromPoolFen += s.compensation?.fromPool ?? 0;
    }
    if (page.length < 1_000) break;
    after = page[page.length - 1]!.orderId;
  }
  const reconciliation = await reconcileLedger({ orders: app.orders, ledger, settlement: app.settlement }, tenant, false);
  return {
    splits, pendingFen: parties.reduce((n, a) => n + a.pendingFen, 0), postedFen: parties.reduce((n, a) => n + a.postedFen, 0),
    creatorFen: of('creator'), mcnFen: of('mcn'), platformFen: of('platform'), merchantFen: of('merchant'),
    refunds, voided, clawedBack, refundedFen, compensationFen, fromPoolFen, reconciled: reconciliation.ok,
  };
}
