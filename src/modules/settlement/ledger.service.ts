import { AppError } from '../../shared/errors/index.js';
import { GroupCommit } from '../../shared/group-commit.js';
import type { Clock } from '../../shared/time.js';
import { parseAccountId } from './domain/accounts.js';
import type { CommissionRule, OrderFacts } from './domain/commission.js';
import { computeAvailable, replayJournal, sumOfBalances, type AccountBalance, type LedgerOp } from './domain/ledger.js';
import type { SplitRecord } from './domain/order-settlement.js';
import { ruleProblems } from './domain/rules.js';
import { LedgerBook, type CommandResult, type LedgerCommand } from './ledger-book.js';
import type { JournalFilter, LedgerStore, StoredTransfer } from './ledger.store.js';

export interface LedgerOptions {
  /** How long after delivery a refund is still possible (legs stay pending until then), ms. */
  readonly refundWindowMs: number;
  /** Most commands written in one transaction. */
  readonly maxBatch: number;
}

/** An account as the ledger view shows it: counters plus what they mean. */
export interface AccountView {
  readonly id: string;
  readonly kind: string;
  readonly ref: string | null;
  readonly currency: string;
  readonly allowNegative: boolean;
  readonly balance: AccountBalance;
  /** Posted credits − posted debits (what the party holds). */
  readonly postedFen: number;
  /** Pending credits − pending debits (held until refund windows close). */
  readonly pendingFen: number;
  /** What may be spent now: posted − pending debits. */
  readonly availableFen: number;
}

/** A party's movements in a period with its opening and closing balances. */
export interface Statement {
  readonly account: string;
  readonly from: number;
  readonly to: number;
  readonly opening: AccountBalance;
  readonly closing: AccountBalance;
  readonly entries: readonly StoredTransfer[];
  /** True when the period had more entries than were listed. */
  readonly truncated: boolean;
}

/** Whether the stored counters are what the journal says, and every currency sums to zero. */
export interface LedgerCheck {
  readonly ok: boolean;
  readonly journalEntries: number;
  readonly mismatches: ReadonlyArray<{ readonly account: string; readonly stored: AccountBalance; readonly replayed: AccountBalance | null }>;
  readonly sums: Readonly<Record<string, number>>;
}

const STATEMENT_LIMIT = 5_000;

/**
 * The double-entry commission ledger (issue 8, ADR 0015): order splits on payment, refunds (void inside
 * the refund window, clawback after it), postings when windows close, compensation from the pool, manual
 * transfers; balances, journal, statements, and a self-check that replays the journal.
 */
export class LedgerService {
  private readonly book: LedgerBook;
  private readonly commit: GroupCommit<LedgerCommand, CommandResult>;

  constructor(private readonly store: LedgerStore, private readonly clock: Clock, options: LedgerOptions) {
    this.book = new LedgerBook(store, () => clock.now(), options.refundWindowMs);
    this.commit = new GroupCommit((cmds) => this.book.apply(cmds), options.maxBatch);
  }

  /** Applies one command (batched with concurrent ones); refusals are values. */
  submit(command: LedgerCommand): Promise<CommandResult> {
    return this.commit.submit(command);
  }

  /** Like `submit`, but a refusal throws its AppError (code, reason; details name the order, or the failing index of a linked set). */
  async require(command: LedgerCommand): Promise<Extract<CommandResult, { ok: true }>> {
    const r = await this.submit(command);
    if (!r.ok) {
      const orderId = command.kind === 'split' ? command.facts.orderId : command.kind === 'transfers' ? undefined : command.orderId;
      throw new AppError(r.code, r.reason, { details: { ...(orderId !== undefined ? { orderId } : {}), ...(r.index !== undefined ? { index: r.index } : {}) } });
    }
    return r;
  }

  /** Splits a paid order (idempotent by order id). */
  splitOrder(tenant: string, facts: OrderFacts, paidAt: number): Promise<CommandResult> {
    return this.submit({ kind: 'split', tenant, facts, paidAt });
  }

  /** Linked manual transfers (all or none), e.g. funding the compensation pool or a payout. */
  transfer(tenant: string, ops: readonly LedgerOp[], memo: 'manual' | 'fund' = 'manual'): Promise<CommandResult> {
    return this.submit({ kind: 'transfers', tenant, ops, memo });
  }

  /** Posts every split whose refund window closed by now; answers how many were posted. */
  async settleDue(limit = 500): Promise<number> {
    let posted = 0;
    for (;;) {
      const due = await this.store.dueSplits(this.clock.now(), limit);
      const results = await Promise.all(due.map((d) => this.submit({ kind: 'settle', tenant: d.tenant, orderId: d.orderId })));
      const applied = results.filter((r) => r.ok && !r.replay).length;
      posted += applied;
      if (due.length < limit || applied === 0) return posted;
    }
  }

  /** Writes whatever is queued. */
  flush(): Promise<void> {
    return this.commit.idle();
  }

  async accounts(tenant: string): Promise<AccountView[]> {
    return (await this.store.accounts(tenant)).map(({ account, balance: b }) => {
      const parsed = parseAccountId(account.id);
      return {
        id: account.id, kind: parsed?.kind ?? 'custom', ref: parsed?.ref ?? null, currency: account.currency, allowNegative: account.allowNegative, balance: b,
        postedFen: b.creditsPosted - b.debitsPosted, pendingFen: b.creditsPending - b.debitsPending, availableFen: computeAvailable(b),
      };
    });
  }

  journal(tenant: string, filter: JournalFilter): Promise<StoredTransfer[]> {
    return this.store.journal(tenant, filter);
  }

  /** The order's split record (null when the order was never split). */
  async split(tenant: string, orderId: string): Promise<SplitRecord | null> {
    return (await this.store.splits(tenant, [orderId]))[0] ?? null;
  }

  /** The split records of these orders (those that have one), in one read. */
  splitsOf(tenant: string, orderIds: readonly string[]): Promise<SplitRecord[]> {
    return this.store.splits(tenant, orderIds);
  }

  /** Splits by order id ascending, after `afterOrderId` (reconciliation pages through them). */
  splits(tenant: string, afterOrderId: string, limit: number): Promise<SplitRecord[]> {
    return this.store.listSplits(tenant, afterOrderId, limit);
  }

  /** An account's statement for [from, to). */
  async statement(tenant: string, account: string, from: number, to: number): Promise<Statement> {
    const [opening, closing, entries] = await Promise.all([
      this.store.balanceAt(tenant, account, from), this.store.balanceAt(tenant, account, to),
      this.store.journal(tenant, { account, from, to, limit: STATEMENT_LIMIT + 1 }),
    ]);
    return { account, from, to, opening, closing, entries: entries.slice(0, STATEMENT_LIMIT), truncated: entries.length > STATEMENT_LIMIT };
  }

  /** The journal amounts crediting and debiting `account`, by memo (e.g. how much of buyer refunds was compensation). */
  async totalsByMemo(tenant: string, account: string): Promise<{ credits: Partial<Record<string, number>>; debits: Partial<Record<string, number>> }> {
    await this.flush();
    return this.store.totalsByMemo(tenant, account);
  }

  rules(tenant: string): Promise<CommissionRule[]> {
    return this.book.rules(tenant);
  }

  /** Replaces the tenant's commission rules (all validated first; none stored when one is invalid). */
  async setRules(tenant: string, rules: readonly CommissionRule[]): Promise<void> {
    const problems = rules.flatMap((r, i) => ruleProblems(r).map((p) => `rules[${i}]: ${p}`));
    const ids = rules.map((r) => r.id);
    if (new Set(ids).size !== ids.length) problems.push('rules: each id once');
    if (problems.length > 0) throw new AppError('settlement_invalid_rule', `${problems.length} problem(s) in the commission rules`, { details: { problems } });
    await this.flush();
    await this.store.setRules(tenant, rules, this.clock.now());
    await this.book.setRules(tenant, rules);
  }

  /** Replays the tenant's whole journal through the pure ledger and compares it with the stored counters. */
  async check(tenant: string): Promise<LedgerCheck> {
    await this.flush();
    const stored = await this.store.accounts(tenant);
    const rows: StoredTransfer[] = [];
    for (let after = 0; ;) {
      const page = await this.store.journal(tenant, { afterSeq: after, limit: 10_000 });
      rows.push(...page);
      if (page.length < 10_000) break;
      after = page[page.length - 1]!.seq;
    }
    const ops: LedgerOp[] = rows.map((r) => (r.op === 'transfer'
      ? { op: 'transfer', id: r.id, debit: r.debit, credit: r.credit, amountFen: r.amountFen, currency: r.currency, kind: r.kind ?? 'single' }
      : { op: r.op, id: r.id, pendingId: r.pendingId ?? '' }));
    const replayed = replayJournal(stored.map((s) => s.account), ops);
    const mismatches: Array<LedgerCheck['mismatches'][number]> = [];
    const sums: Record<string, number> = {};
    if (!replayed.ok) {
      mismatches.push({ account: `journal[${replayed.index}]: ${replayed.code}`, stored: { debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 0 }, replayed: null });
    } else {
      for (const s of stored) {
        const r = replayed.state.balances.get(s.account.id) ?? null;
        if (!r || JSON.stringify(r) !== JSON.stringify(s.balance)) mismatches.push({ account: s.account.id, stored: s.balance, replayed: r });
      }
      for (const c of new Set(stored.map((s) => s.account.currency))) sums[c] = sumOfBalances(replayed.state, c);
    }
    return { ok: mismatches.length === 0 && Object.values(sums).every((v) => v === 0), journalEntries: rows.length, mismatches, sums };
  }
}
