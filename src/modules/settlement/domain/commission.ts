/**
 * Commission rules and the split of a paid order (issue 8): the most specific rule that matches the
 * order (campaign over creator over product over the tenant default, then the higher priority, then the
 * lower id) says who earns what; the order amount is split by the largest-remainder rule with the
 * merchant as the residual party; the split becomes one linked set of pending transfers from payment
 * clearing to each party (held until the refund window closes, then posted; a refund voids them). Pure.
 */
import { splitByLargestRemainder, type SplitLeg } from './split.js';
import type { LedgerOp } from './ledger.js';

/** Who can earn from an order. The merchant takes what the rule leaves. */
export type Party = 'platform' | 'creator' | 'mcn' | 'merchant';

export interface CommissionRule {
  readonly id: string;
  /** Empty scope: the tenant default. */
  readonly scope: { readonly productId?: string; readonly creatorId?: string; readonly campaignId?: string };
  readonly legs: ReadonlyArray<{ readonly party: Exclude<Party, 'merchant'>; readonly basisPoints?: number; readonly fixedFen?: number }>;
  readonly priority: number;
}

/** What an order says about itself for commissions. */
export interface OrderFacts {
  readonly orderId: string;
  readonly amountFen: number;
  readonly currency: string;
  readonly productId?: string;
  readonly creatorId?: string;
  readonly campaignId?: string;
}

const specificity = (r: CommissionRule): number => (r.scope.campaignId !== undefined ? 4 : 0) + (r.scope.creatorId !== undefined ? 2 : 0) + (r.scope.productId !== undefined ? 1 : 0);

/** The rule for an order: every scope field it sets must match; the most specific, then highest priority, then lowest id wins. */
export function selectRule(rules: readonly CommissionRule[], o: OrderFacts): CommissionRule | undefined {
  const matching = rules.filter((r) => (r.scope.productId === undefined || r.scope.productId === o.productId)
    && (r.scope.creatorId === undefined || r.scope.creatorId === o.creatorId)
    && (r.scope.campaignId === undefined || r.scope.campaignId === o.campaignId));
  return matching.sort((a, b) => specificity(b) - specificity(a) || b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** The ledger account of a party for an order (creator and MCN accounts are per creator). */
export function accountOf(party: Party, o: OrderFacts, merchant: string): string {
  switch (party) {
    case 'platform': return 'platform';
    case 'merchant': return `merchant:${merchant}`;
    case 'creator': return `creator:${o.creatorId ?? 'none'}`;
    case 'mcn': return `mcn:${o.creatorId ?? 'none'}`;
  }
}

export type SplitPlan =
  | { readonly ok: true; readonly rule: string | null; readonly legs: readonly SplitLeg[]; readonly ops: readonly LedgerOp[] }
  | { readonly ok: false; readonly code: 'settlement_invalid_split'; readonly reason: string };

/**
 * The linked pending transfers that split a paid order: one per party with a non-zero leg, from
 * `clearing:<currency>` to the party's account, ids `<orderId>:split:<party>` (so a replayed payment
 * splits once). Without a rule the merchant takes everything.
 */
export function planOrderSplit(rules: readonly CommissionRule[], o: OrderFacts, merchant: string): SplitPlan {
  const rule = selectRule(rules, o);
  const split = splitByLargestRemainder(o.amountFen, (rule?.legs ?? []).map((l) => ({ key: l.party, ...(l.basisPoints !== undefined ? { basisPoints: l.basisPoints } : {}), ...(l.fixedFen !== undefined ? { fixedFen: l.fixedFen } : {}) })), 'merchant');
  if (!split.ok) return split;
  const ops: LedgerOp[] = split.legs.filter((l) => l.amountFen > 0).map((l) => ({
    op: 'transfer', kind: 'pending', id: `${o.orderId}:split:${l.key}`, debit: `clearing:${o.currency}`, credit: accountOf(l.key as Party, o, merchant), amountFen: l.amountFen, currency: o.currency,
  }));
  return { ok: true, rule: rule?.id ?? null, legs: split.legs, ops };
}
