/**
 * Commission rules and the split of a paid order (issue 8). Each order line is split by the most
 * specific rule that matches it (campaign over creator over product over the tenant default, then the
 * higher priority, then the lower id) with the largest-remainder rule, the merchant taking what the rule
 * leaves; the legs of all lines are summed per account. The payment and the split are one linked set:
 * the paid amount enters clearing from the payment provider, and one pending transfer per party moves
 * it on (held until the refund window closes, then posted; a refund voids or claws back). Pure.
 */
import { splitByLargestRemainder } from './split.js';
import type { LedgerOp } from './ledger.js';
import { accountId, type Party } from './accounts.js';

export interface CommissionRule {
  readonly id: string;
  /** Empty scope: the tenant default. */
  readonly scope: { readonly productId?: string; readonly creatorId?: string; readonly campaignId?: string };
  /** Shares of the line amount (basis points) and fixed fees per line (fen); the merchant takes the rest. */
  readonly legs: ReadonlyArray<{ readonly party: Exclude<Party, 'merchant'>; readonly basisPoints?: number; readonly fixedFen?: number }>;
  /** The MCN agency that signed the creator, paid the `mcn` leg (required when there is one). */
  readonly mcnId?: string;
  readonly priority: number;
}

/** One line of a paid order, as commissions see it. */
export interface LineFacts {
  readonly productId?: string;
  readonly amountFen: number;
}

/** What an order says about itself for commissions. Lines absent: one line of the whole amount. */
export interface OrderFacts {
  readonly orderId: string;
  readonly amountFen: number;
  readonly currency: string;
  readonly creatorId?: string;
  readonly campaignId?: string;
  readonly lines?: readonly LineFacts[];
}

/** One party's part of an order: the account and the pending transfer that carries it. */
export interface OrderLeg {
  readonly account: string;
  readonly party: Party;
  readonly amountFen: number;
  readonly transferId: string;
}

export type SplitPlan =
  | { readonly ok: true; readonly rules: readonly string[]; readonly legs: readonly OrderLeg[]; readonly ops: readonly LedgerOp[] }
  | { readonly ok: false; readonly code: 'settlement_invalid_split'; readonly reason: string };

const specificity = (r: CommissionRule): number => (r.scope.campaignId !== undefined ? 4 : 0) + (r.scope.creatorId !== undefined ? 2 : 0) + (r.scope.productId !== undefined ? 1 : 0);

/** The rule of an order line: every scope field it sets must match; the most specific, then highest priority, then lowest id wins. */
export function selectRule(rules: readonly CommissionRule[], o: { readonly productId?: string; readonly creatorId?: string; readonly campaignId?: string }): CommissionRule | undefined {
  const matching = rules.filter((r) => (r.scope.productId === undefined || r.scope.productId === o.productId)
    && (r.scope.creatorId === undefined || r.scope.creatorId === o.creatorId)
    && (r.scope.campaignId === undefined || r.scope.campaignId === o.campaignId));
  return matching.sort((a, b) => specificity(b) - specificity(a) || b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** The ledger account of a party for an order of `merchant` (the tenant). */
export function partyAccount(party: Party, o: Pick<OrderFacts, 'currency' | 'creatorId'>, merchant: string, rule?: CommissionRule): string {
  switch (party) {
    case 'platform': return accountId('platform', o.currency);
    case 'merchant': return accountId('merchant', o.currency, merchant);
    case 'creator': return accountId('creator', o.currency, o.creatorId ?? 'unattributed');
    case 'mcn': return accountId('mcn', o.currency, rule?.mcnId ?? 'unassigned');
  }
}

/** The id of the transfer that brings an order's payment into clearing. */
export const paymentTransferId = (orderId: string): string => `${orderId}:pay`;

/**
 * The linked transfers of a paid order: `payments → clearing` for the whole amount (single), then one
 * pending `clearing → party` transfer per account with a non-zero leg, ids `<order>:leg1:<account>`
 * (deterministic, so a replayed payment splits once). Lines must sum to the amount.
 */
export function planOrderSplit(rules: readonly CommissionRule[], o: OrderFacts, merchant: string): SplitPlan {
  const lines = o.lines && o.lines.length > 0 ? o.lines : [{ amountFen: o.amountFen }];
  if (lines.reduce((n, l) => n + l.amountFen, 0) !== o.amountFen) return { ok: false, code: 'settlement_invalid_split', reason: `order lines sum to ${lines.reduce((n, l) => n + l.amountFen, 0)} fen, the order is ${o.amountFen}` };
  const byAccount = new Map<string, { party: Party; amountFen: number }>();
  const used = new Set<string>();
  for (const line of lines) {
    const rule = selectRule(rules, { ...(line.productId !== undefined ? { productId: line.productId } : {}), ...(o.creatorId !== undefined ? { creatorId: o.creatorId } : {}), ...(o.campaignId !== undefined ? { campaignId: o.campaignId } : {}) });
    if (rule) used.add(rule.id);
    const weights = (rule?.legs ?? []).map((l) => ({ key: l.party, ...(l.basisPoints !== undefined ? { basisPoints: l.basisPoints } : {}), ...(l.fixedFen !== undefined ? { fixedFen: l.fixedFen } : {}) }));
    const split = splitByLargestRemainder(line.amountFen, weights, 'merchant');
    if (!split.ok) return split;
    for (const leg of split.legs) {
      const party = leg.key as Party;
      const account = partyAccount(party, o, merchant, rule);
      const prior = byAccount.get(account);
      byAccount.set(account, { party, amountFen: (prior?.amountFen ?? 0) + leg.amountFen });
    }
  }
  const legs: OrderLeg[] = [...byAccount].filter(([, l]) => l.amountFen > 0)
    .map(([account, l]) => ({ account, party: l.party, amountFen: l.amountFen, transferId: `${o.orderId}:leg1:${account}` }));
  const clearing = accountId('clearing', o.currency);
  const ops: LedgerOp[] = o.amountFen === 0 ? [] : [
    { op: 'transfer', kind: 'single', id: paymentTransferId(o.orderId), debit: accountId('payments', o.currency), credit: clearing, amountFen: o.amountFen, currency: o.currency },
    ...legs.map((l): LedgerOp => ({ op: 'transfer', kind: 'pending', id: l.transferId, debit: clearing, credit: l.account, amountFen: l.amountFen, currency: o.currency })),
  ];
  return { ok: true, rules: [...used].sort(), legs, ops };
}
