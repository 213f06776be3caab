/**
 * The ledger's single writer (ADR 0015): commands are applied in batches to an in-memory book of every
 * account's counters, each command as one linked set checked by the pure ledger (all or none), and each
 * batch is written in one transaction. One process owns a tenant's ledger; the book is loaded from the
 * store on first use and dropped (reloaded) when a write fails, so it never runs ahead of the store.
 */
import { chartAccount } from './domain/accounts.js';
import { planOrderSplit, type CommissionRule, type OrderFacts } from './domain/commission.js';
import { applyLinked, type Account, type AccountBalance, type LedgerOp, type LedgerState, type PendingStatus, type Transfer } from './domain/ledger.js';
import { planCompensation, planRefund, planSettle, viewOf, type Plan, type SplitRecord } from './domain/order-settlement.js';
import type { JournalMemo, JournalRow, LedgerStore, LedgerWrite, StoredTransfer } from './ledger.store.js';
import type { ErrorCode } from '../../shared/errors/index.js';

/** What the ledger is asked to do; every command applies as one linked set of transfers or not at all. */
export type LedgerCommand =
  | { readonly kind: 'transfers'; readonly tenant: string; readonly ops: readonly LedgerOp[]; readonly memo?: JournalMemo }
  | { readonly kind: 'split'; readonly tenant: string; readonly facts: OrderFacts; readonly paidAt: number }
  | { readonly kind: 'deliver'; readonly tenant: string; readonly orderId: string; readonly deliveredAt: number }
  | { readonly kind: 'refund'; readonly tenant: string; readonly orderId: string; readonly refundId: string; readonly amountFen: number | 'rest' }
  | { readonly kind: 'settle'; readonly tenant: string; readonly orderId: string }
  | { readonly kind: 'compensate'; readonly tenant: string; readonly orderId: string; readonly amountFen: number };

/** A command's outcome: the transfer ids it applied (none on a replay) and the order's record, or a refusal. */
export type CommandResult =
  | { readonly ok: true; readonly replay: boolean; readonly transfers: readonly string[]; readonly split: SplitRecord | null }
  | { readonly ok: false; readonly code: ErrorCode; readonly reason: string; readonly index?: number };

interface Book {
  readonly accounts: Map<string, Account>;
  readonly balances: Map<string, AccountBalance>;
  seq: number;
  rules: CommissionRule[];
}

interface TenantBatch {
  readonly splits: Map<string, SplitRecord | null>;
  readonly known: Map<string, StoredTransfer>;
  readonly write: { accounts: Set<string>; journal: JournalRow[]; resolved: Array<{ id: string; status: 'posted' | 'voided' }>; splits: Map<string, SplitRecord> };
}

const ORDER_COMMANDS = new Set(['split', 'deliver', 'refund', 'settle', 'compensate']);
const orderIdOf = (c: LedgerCommand): string | null => (c.kind === 'split' ? c.facts.orderId : c.kind === 'transfers' ? null : c.orderId);

/** Why an operation was made, from its command and id (ids are deterministic per command kind). */
function memoOf(op: LedgerOp, command: LedgerCommand): JournalMemo {
  if (op.op !== 'transfer') return op.op;
  if (command.kind === 'transfers') return command.memo ?? 'manual';
  if (op.id.endsWith(':pay')) return 'payment';
  if (op.kind === 'pending') return 'split';
  for (const [part, memo] of [[':refund', 'refund'], [':claw:', 'clawback'], [':owe:', 'receivable'], [':recover:', 'recover'], [':comp:', 'compensation']] as const) if (op.id.includes(part)) return memo;
  return 'manual';
}

export class LedgerBook {
  private readonly books = new Map<string, Book>();

  constructor(private readonly store: LedgerStore, private readonly now: () => number, private readonly refundWindowMs: number) {}

  /** Applies a batch of commands in order and writes it; answers one result per command. */
  async apply(commands: readonly LedgerCommand[]): Promise<CommandResult[]> {
    const tenants = new Map<string, TenantBatch>();
    try {
      for (const c of commands) if (!tenants.has(c.tenant)) tenants.set(c.tenant, await this.prepare(c.tenant, commands.filter((d) => d.tenant === c.tenant)));
      const at = this.now();
      const results = commands.map((c) => this.run(c, tenants.get(c.tenant)!, at));
      const writes: LedgerWrite[] = [...tenants].map(([tenant, t]) => {
        const book = this.books.get(tenant)!;
        return {
          tenant, journal: t.write.journal, resolved: t.write.resolved, splits: [...t.write.splits.values()],
          accounts: [...t.write.accounts].map((id) => ({ account: book.accounts.get(id)!, balance: book.balances.get(id)! })),
        };
      });
      await this.store.commit(writes);
      return results;
    } catch (err) {
      // The in-memory counters may now be ahead of the store: reload them on next use.
      for (const tenant of tenants.keys()) this.books.delete(tenant);
      throw err;
    }
  }

  /** The tenant's rules as the book holds them (loaded with the book). */
  async rules(tenant: string): Promise<CommissionRule[]> {
    return (await this.book(tenant)).rules;
  }

  /** Replaces the tenant's rules in the book (the caller has stored them). */
  async setRules(tenant: string, rules: readonly CommissionRule[]): Promise<void> {
    (await this.book(tenant)).rules = [...rules];
  }

  private async book(tenant: string): Promise<Book> {
    let b = this.books.get(tenant);
    if (!b) {
      const [accounts, seq, rules] = await Promise.all([this.store.accounts(tenant), this.store.lastSeq(tenant), this.store.rules(tenant)]);
      b = { accounts: new Map(accounts.map((a) => [a.account.id, a.account])), balances: new Map(accounts.map((a) => [a.account.id, a.balance])), seq, rules };
      this.books.set(tenant, b);
    }
    return b;
  }

  private async prepare(tenant: string, commands: readonly LedgerCommand[]): Promise<TenantBatch> {
    await this.book(tenant);
    const orderIds = [...new Set(commands.map(orderIdOf).filter((id): id is string => id !== null))];
    const ids = commands.flatMap((c) => (c.kind === 'transfers' ? c.ops.flatMap((op) => (op.op === 'transfer' ? [op.id] : [op.id, op.pendingId])) : []));
    const [splits, known] = await Promise.all([this.store.splits(tenant, orderIds), this.store.transfers(tenant, [...new Set(ids)])]);
    const byOrder = new Map<string, SplitRecord | null>(orderIds.map((id) => [id, null]));
    for (const s of splits) byOrder.set(s.orderId, s);
    return { splits: byOrder, known: new Map(known.map((t) => [t.id, t])), write: { accounts: new Set(), journal: [], resolved: [], splits: new Map() } };
  }

  private run(c: LedgerCommand, t: TenantBatch, at: number): CommandResult {
    const book = this.books.get(c.tenant)!;
    const orderId = orderIdOf(c);
    const rec = orderId === null ? null : t.splits.get(orderId) ?? null;
    const planned = this.plan(c, rec, book, at);
    if (!planned.ok) return planned;
    if (planned.replay) return { ok: true, replay: true, transfers: [], split: planned.next };
    if (planned.ops.length > 0) {
      const applied = this.applyOps(c, planned.ops, rec, book, t, at);
      if (!applied.ok) return applied;
    }
    if (planned.next && orderId !== null) { t.splits.set(orderId, planned.next); t.write.splits.set(orderId, planned.next); }
    return { ok: true, replay: false, transfers: planned.ops.map((op) => op.id), split: planned.next };
  }

  private plan(c: LedgerCommand, rec: SplitRecord | null, book: Book, at: number): Plan<SplitRecord | null> | Extract<CommandResult, { ok: false }> {
    const view = viewOf(book.balances);
    if (ORDER_COMMANDS.has(c.kind) && c.kind !== 'split' && !rec) return { ok: false, code: 'settlement_order_not_split', reason: `order ${orderIdOf(c)} has no split in the ledger` };
    switch (c.kind) {
      case 'transfers': return { ok: true, replay: false, ops: c.ops, next: null };
      case 'split': {
        if (rec) {
          return rec.amountFen === c.facts.amountFen && rec.currency === c.facts.currency
            ? { ok: true, replay: true, ops: [], next: rec }
            : { ok: false, code: 'settlement_duplicate_transfer', reason: `order ${rec.orderId} was split for ${rec.amountFen} ${rec.currency}` };
        }
        const plan = planOrderSplit(book.rules, c.facts, c.tenant);
        if (!plan.ok) return plan;
        const next: SplitRecord = { tenant: c.tenant, orderId: c.facts.orderId, currency: c.facts.currency, amountFen: c.facts.amountFen, refundedFen: 0, status: 'pending', legs: plan.legs, generation: 1,
          rules: plan.rules, paidAt: c.paidAt, deliveredAt: null, closesAt: null, refunds: [], compensation: null };
        return { ok: true, replay: false, ops: plan.ops, next };
      }
      case 'deliver': {
        const r = rec!;
        if (r.deliveredAt !== null) return { ok: true, replay: true, ops: [], next: r };
        return { ok: true, replay: false, ops: [], next: { ...r, deliveredAt: c.deliveredAt, closesAt: c.deliveredAt + this.refundWindowMs } };
      }
      case 'refund': {
        const r = rec!;
        const amountFen = c.amountFen === 'rest' ? r.amountFen - r.refundedFen : c.amountFen;
        if (amountFen === 0 && c.amountFen === 'rest') return { ok: true, replay: true, ops: [], next: r };
        return planRefund(r, { id: c.refundId, amountFen, at }, view);
      }
      case 'settle': return planSettle(rec!, view);
      case 'compensate': return planCompensation(rec!, { amountFen: c.amountFen, at }, view);
    }
  }

  /** Runs `ops` through the pure ledger on the accounts they touch; on success folds the result into the book and the batch's write. */
  private applyOps(c: LedgerCommand, ops: readonly LedgerOp[], rec: SplitRecord | null, book: Book, t: TenantBatch, at: number): Extract<CommandResult, { ok: false }> | { ok: true } {
    const pending = new Map<string, { transfer: Transfer; status: PendingStatus }>();
    for (const l of rec?.legs ?? []) pending.set(l.transferId, { transfer: { id: l.transferId, debit: `clearing:${rec!.currency}`, credit: l.account, amountFen: l.amountFen, currency: rec!.currency, kind: 'pending' }, status: rec!.status === 'pending' ? 'pending' : 'posted' });
    const priorOps = new Map<string, LedgerOp>();
    for (const op of ops) {
      for (const id of op.op === 'transfer' ? [op.id] : [op.id, op.pendingId]) {
        const k = t.known.get(id);
        if (!k) continue;
        const asOp: LedgerOp = k.op === 'transfer' ? { op: 'transfer', id: k.id, debit: k.debit, credit: k.credit, amountFen: k.amountFen, currency: k.currency, kind: k.kind ?? 'single' } : { op: k.op, id: k.id, pendingId: k.pendingId ?? '' };
        priorOps.set(k.id, asOp);
        if (k.op === 'transfer' && k.kind === 'pending') pending.set(k.id, { transfer: { id: k.id, debit: k.debit, credit: k.credit, amountFen: k.amountFen, currency: k.currency, kind: 'pending' }, status: k.status ?? 'pending' });
      }
    }
    const touched = new Set<string>();
    for (const op of ops) {
      if (op.op === 'transfer') { touched.add(op.debit); touched.add(op.credit); } else {
        const p = pending.get(op.pendingId);
        if (p) { touched.add(p.transfer.debit); touched.add(p.transfer.credit); }
      }
    }
    const accounts = new Map<string, Account>();
    const balances = new Map<string, AccountBalance>();
    const opened: string[] = [];
    for (const id of touched) {
      const known = book.accounts.get(id);
      const account = known ?? chartAccount(id);
      if (!account) continue; // unknown: the ledger refuses it by name
      if (!known) opened.push(id);
      accounts.set(id, account);
      balances.set(id, book.balances.get(id) ?? { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 });
    }
    const state: LedgerState = { accounts, balances, ops: priorOps, pending, journal: [] };
    const out = applyLinked(state, ops);
    if (!out.ok) return { ok: false, code: out.code, reason: out.reason, index: out.index };
    if (out.replay) return { ok: true };
    for (const id of opened) book.accounts.set(id, accounts.get(id)!);
    for (const [id, balance] of out.state.balances) { book.balances.set(id, balance); t.write.accounts.add(id); }
    for (const op of out.state.journal) {
      const p = op.op === 'transfer' ? null : out.state.pending.get(op.pendingId)?.transfer;
      book.seq += 1;
      const row: JournalRow = op.op === 'transfer'
        ? { seq: book.seq, id: op.id, op: 'transfer', debit: op.debit, credit: op.credit, amountFen: op.amountFen, currency: op.currency, kind: op.kind, pendingId: null, orderId: orderIdOf(c), memo: memoOf(op, c), at }
        : { seq: book.seq, id: op.id, op: op.op, debit: p!.debit, credit: p!.credit, amountFen: p!.amountFen, currency: p!.currency, kind: null, pendingId: op.pendingId, orderId: orderIdOf(c), memo: memoOf(op, c), at };
      t.write.journal.push(row);
      t.known.set(row.id, { ...row, status: row.kind === 'pending' ? 'pending' : null });
      if (op.op !== 'transfer') {
        t.write.resolved.push({ id: op.pendingId, status: op.op === 'post' ? 'posted' : 'voided' });
        const k = t.known.get(op.pendingId);
        if (k) t.known.set(op.pendingId, { ...k, status: op.op === 'post' ? 'posted' : 'voided' });
      }
    }
    return { ok: true };
  }
}
