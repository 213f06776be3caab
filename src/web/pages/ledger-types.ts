/**
 * The ledger API's answers as the ledger view reads them (`/v1/ledger/*`, src/api/ledger.routes.ts). Kept
 * beside the ledger page rather than in api-types.ts, which holds the other pages' shapes, so that file
 * stays under the size guide; the rule is the same: wire shapes, no server imports. Money integer fen,
 * times epoch ms (the server's clock).
 */

/** The four counters of an account (TigerBeetle's model). */
export interface LedgerBalance { debitsPending: number; debitsPosted: number; creditsPending: number; creditsPosted: number }

/** The kinds of the chart of accounts; an id outside the chart is `custom`. */
export type AccountKind = 'payments' | 'clearing' | 'platform' | 'merchant' | 'creator' | 'mcn' | 'buyer_refunds' | 'compensation_pool' | 'receivable' | 'custom';

/** One account of `GET /v1/ledger/accounts`: `postedFen` = credits − debits posted, `pendingFen` likewise, `availableFen` = posted − pending debits. */
export interface LedgerAccount {
  id: string; kind: AccountKind; ref: string | null; currency: string; allowNegative: boolean;
  balance: LedgerBalance; postedFen: number; pendingFen: number; availableFen: number;
}

/** Why a journal entry was made. */
export type JournalMemo = 'payment' | 'split' | 'post' | 'void' | 'refund' | 'clawback' | 'receivable' | 'recover' | 'compensation' | 'fund' | 'manual';

/** One journal entry (`GET /v1/ledger/journal`, newest first). Posts and voids carry their pending transfer's debit, credit and amount. */
export interface JournalEntry {
  seq: number; id: string; op: 'transfer' | 'post' | 'void';
  debit: string; credit: string; amountFen: number; currency: string;
  /** `single` or `pending` for a transfer; null for a post or void. */
  kind: 'single' | 'pending' | null;
  pendingId: string | null; orderId: string | null; memo: JournalMemo; at: number;
  /** Where a pending transfer stands now; null for the others. */
  status: 'pending' | 'posted' | 'voided' | null;
}

/** `GET /v1/ledger/accounts/{id}/statement` (the server's last 30 days when no period is given). */
export interface LedgerStatement { account: string; from: number; to: number; opening: LedgerBalance; closing: LedgerBalance; entries: JournalEntry[]; truncated: boolean }

/** How one party's share of a refund after the window was covered. */
export interface Clawback { account: string; amountFen: number; fromPending: number; fromAvailable: number; receivable: number }

/** An order's settlement (`GET /v1/ledger/orders/{id}`). */
export interface OrderSplit {
  orderId: string; currency: string; amountFen: number; refundedFen: number;
  status: 'pending' | 'posted' | 'refunded';
  legs: { account: string; party: string; amountFen: number; transferId: string }[];
  paidAt: number; deliveredAt: number | null; closesAt: number | null;
  refunds: { id: string; amountFen: number; at: number; mode: 'void' | 'clawback'; clawbacks: Clawback[] }[];
  compensation: { amountFen: number; fromPool: number; fromMerchant: number; owed: number; at: number } | null;
  rules: string[];
}

/** `GET /v1/ledger/orders/{id}`: the split and the order's journal entries (newest first). */
export interface OrderSettlementView { split: OrderSplit; entries: JournalEntry[] }

/** `GET /v1/ledger/reconciliation`: orders against the ledger, and the journal replay check. */
export interface LedgerReconciliation {
  ok: boolean; ordersChecked: number; paidOrders: number; splits: number;
  issues: { code: string; orderId: string; detail: string; repaired: boolean }[];
  ledger: { ok: boolean; journalEntries: number; mismatches: { account: string }[]; sums: Record<string, number> };
}
