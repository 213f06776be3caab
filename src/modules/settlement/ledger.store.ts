import type { CommissionRule } from './domain/commission.js';
import type { Account, AccountBalance, PendingStatus } from './domain/ledger.js';
import type { SplitRecord } from './domain/order-settlement.js';

/** Why a journal entry was made: what the ledger view and statements show. */
export type JournalMemo = 'payment' | 'split' | 'post' | 'void' | 'refund' | 'clawback' | 'receivable' | 'recover' | 'compensation' | 'fund' | 'manual';

/**
 * One applied operation, in order (`seq` per tenant). Posts and voids carry the debit, credit and amount
 * of the pending transfer they resolve, so a statement reads every movement of an account from its rows.
 */
export interface JournalRow {
  readonly seq: number;
  readonly id: string;
  readonly op: 'transfer' | 'post' | 'void';
  readonly debit: string;
  readonly credit: string;
  readonly amountFen: number;
  readonly currency: string;
  /** `single` or `pending` for a transfer; null for a post or void. */
  readonly kind: 'single' | 'pending' | null;
  readonly pendingId: string | null;
  readonly orderId: string | null;
  readonly memo: JournalMemo;
  readonly at: number;
}

/** A journal row as read back: a pending transfer also says where it stands now. */
export interface StoredTransfer extends JournalRow {
  readonly status: PendingStatus | null;
}

export interface StoredAccount {
  readonly account: Account;
  readonly balance: AccountBalance;
}

/** Everything one tenant's batch changes, written in one transaction with the other tenants' batches. */
export interface LedgerWrite {
  readonly tenant: string;
  /** Accounts whose counters changed (or that were opened): their new counters. */
  readonly accounts: readonly StoredAccount[];
  readonly journal: readonly JournalRow[];
  /** Pending transfers posted or voided in this batch. */
  readonly resolved: ReadonlyArray<{ readonly id: string; readonly status: 'posted' | 'voided' }>;
  readonly splits: readonly SplitRecord[];
}

export interface JournalFilter {
  readonly account?: string;
  readonly orderId?: string;
  /** Only rows with seq < this (paging newest first). */
  readonly beforeSeq?: number;
  /** Only rows with seq > this, oldest first (replaying the journal). */
  readonly afterSeq?: number;
  /** Only rows at or after / before these times (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  readonly limit: number;
}

/** The ledger's tables (SQLite or PostgreSQL; contract in store/ledger.store.contract.test.ts). */
export interface LedgerStore {
  init(): Promise<void>;
  accounts(tenant: string): Promise<StoredAccount[]>;
  /** The highest journal seq of the tenant (0 when empty). */
  lastSeq(tenant: string): Promise<number>;
  /** The journal rows with these ids (those that exist). */
  transfers(tenant: string, ids: readonly string[]): Promise<StoredTransfer[]>;
  splits(tenant: string, orderIds: readonly string[]): Promise<SplitRecord[]>;
  /** Writes every batch in one transaction: all or nothing. */
  commit(writes: readonly LedgerWrite[]): Promise<void>;
  /** Pending splits whose refund window closed by `now`, across tenants, oldest first. */
  dueSplits(now: number, limit: number): Promise<Array<{ readonly tenant: string; readonly orderId: string }>>;
  /** A tenant's splits by order id, ascending, after `afterOrderId`. */
  listSplits(tenant: string, afterOrderId: string, limit: number): Promise<SplitRecord[]>;
  /** Journal rows, newest first (oldest first when `afterSeq` is set). */
  journal(tenant: string, filter: JournalFilter): Promise<StoredTransfer[]>;
  /** An account's four counters from its journal rows before `before` (epoch ms): the opening of a statement. */
  balanceAt(tenant: string, account: string, before: number): Promise<AccountBalance>;
  /** Sums of the transfers crediting and debiting `account`, by memo (fen; posts and voids are not counted again: a pending transfer counts once, whatever became of it). */
  totalsByMemo(tenant: string, account: string): Promise<{ credits: Partial<Record<JournalMemo, number>>; debits: Partial<Record<JournalMemo, number>> }>;
  rules(tenant: string): Promise<CommissionRule[]>;
  /** Replaces the tenant's rules. */
  setRules(tenant: string, rules: readonly CommissionRule[], at: number): Promise<void>;
}
