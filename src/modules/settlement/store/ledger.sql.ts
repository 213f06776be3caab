import { insertManyIgnore, migrate, selectIn, upsertMany, type SqlDb, type SqlValue } from '../../../storage/sql-db.js';
import type { CommissionRule } from '../domain/commission.js';
import type { AccountBalance, PendingStatus } from '../domain/ledger.js';
import type { SplitRecord } from '../domain/order-settlement.js';
import type { JournalFilter, JournalMemo, JournalRow, LedgerStore, LedgerWrite, StoredAccount, StoredTransfer } from '../ledger.store.js';

const MIGRATIONS = [{
  id: 'settlement_0001',
  sql: `CREATE TABLE settlement_accounts (tenant TEXT NOT NULL, id TEXT NOT NULL, currency TEXT NOT NULL, allow_negative INTEGER NOT NULL,
          debits_pending BIGINT NOT NULL, debits_posted BIGINT NOT NULL, credits_pending BIGINT NOT NULL, credits_posted BIGINT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE settlement_journal (tenant TEXT NOT NULL, seq BIGINT NOT NULL, id TEXT NOT NULL, op TEXT NOT NULL, debit TEXT NOT NULL, credit TEXT NOT NULL,
          amount BIGINT NOT NULL, currency TEXT NOT NULL, kind TEXT, pending_id TEXT, status TEXT, order_id TEXT, memo TEXT NOT NULL, at BIGINT NOT NULL,
          PRIMARY KEY (tenant, id));
        CREATE UNIQUE INDEX settlement_journal_seq ON settlement_journal (tenant, seq);
        CREATE INDEX settlement_journal_debit ON settlement_journal (tenant, debit, seq);
        CREATE INDEX settlement_journal_credit ON settlement_journal (tenant, credit, seq);
        CREATE INDEX settlement_journal_order ON settlement_journal (tenant, order_id);
        CREATE TABLE settlement_orders (tenant TEXT NOT NULL, order_id TEXT NOT NULL, status TEXT NOT NULL, closes_at BIGINT, body TEXT NOT NULL, PRIMARY KEY (tenant, order_id));
        CREATE INDEX settlement_orders_due ON settlement_orders (status, closes_at);
        CREATE TABLE settlement_rules (tenant TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, id));`,
}];

type Row = Record<string, string | number | null>;
const JOURNAL_COLUMNS = ['tenant', 'seq', 'id', 'op', 'debit', 'credit', 'amount', 'currency', 'kind', 'pending_id', 'status', 'order_id', 'memo', 'at'];
const ACCOUNT_COLUMNS = ['tenant', 'id', 'currency', 'allow_negative', 'debits_pending', 'debits_posted', 'credits_pending', 'credits_posted'];
const COUNTERS = ['debits_pending', 'debits_posted', 'credits_pending', 'credits_posted'];
const IN_CHUNK = 500;

const journalRow = (tenant: string, j: JournalRow): SqlValue[] => [tenant, j.seq, j.id, j.op, j.debit, j.credit, j.amountFen, j.currency, j.kind, j.pendingId,
  j.op === 'transfer' && j.kind === 'pending' ? 'pending' : null, j.orderId, j.memo, j.at];

const transferOf = (r: Row): StoredTransfer => ({
  seq: Number(r.seq), id: String(r.id), op: String(r.op) as JournalRow['op'], debit: String(r.debit), credit: String(r.credit), amountFen: Number(r.amount),
  currency: String(r.currency), kind: r.kind === null ? null : (String(r.kind) as 'single' | 'pending'), pendingId: r.pending_id === null ? null : String(r.pending_id),
  orderId: r.order_id === null ? null : String(r.order_id), memo: String(r.memo) as JournalRow['memo'], at: Number(r.at), status: r.status === null ? null : (String(r.status) as PendingStatus),
});

const splitOf = (r: Row): SplitRecord => JSON.parse(String(r.body)) as SplitRecord;

/** LedgerStore on SQLite or PostgreSQL: counters per account, the journal, splits as JSON bodies beside the columns queries filter on. */
export class SqlLedgerStore implements LedgerStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async accounts(tenant: string): Promise<StoredAccount[]> {
    const rows = await this.db.query<Row>(`SELECT ${ACCOUNT_COLUMNS.join(', ')} FROM settlement_accounts WHERE tenant = ? ORDER BY id`, [tenant]);
    return rows.map((r) => ({
      account: { id: String(r.id), currency: String(r.currency), allowNegative: Number(r.allow_negative) === 1 },
      balance: { debitsPending: Number(r.debits_pending), debitsPosted: Number(r.debits_posted), creditsPending: Number(r.credits_pending), creditsPosted: Number(r.credits_posted) },
    }));
  }

  async lastSeq(tenant: string): Promise<number> {
    const rows = await this.db.query<Row>('SELECT MAX(seq) AS seq FROM settlement_journal WHERE tenant = ?', [tenant]);
    return Number(rows[0]?.seq ?? 0);
  }

  async transfers(tenant: string, ids: readonly string[]): Promise<StoredTransfer[]> {
    if (ids.length === 0) return [];
    return (await selectIn<Row>(this.db, `SELECT ${JOURNAL_COLUMNS.slice(1).join(', ')} FROM settlement_journal WHERE tenant = ?`, [tenant], 'id', ids)).map(transferOf);
  }

  async splits(tenant: string, orderIds: readonly string[]): Promise<SplitRecord[]> {
    if (orderIds.length === 0) return [];
    return (await selectIn<Row>(this.db, 'SELECT body FROM settlement_orders WHERE tenant = ?', [tenant], 'order_id', orderIds)).map(splitOf);
  }

  async commit(writes: readonly LedgerWrite[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const w of writes) {
        if (w.journal.length > 0) await insertManyIgnore(tx, 'settlement_journal', JOURNAL_COLUMNS, ['tenant', 'id'], w.journal.map((j) => journalRow(w.tenant, j)));
        for (const status of ['posted', 'voided'] as const) {
          const ids = w.resolved.filter((r) => r.status === status).map((r) => r.id);
          for (let i = 0; i < ids.length; i += IN_CHUNK) {
            const part = ids.slice(i, i + IN_CHUNK);
            await tx.run(`UPDATE settlement_journal SET status = ? WHERE tenant = ? AND id IN (${part.map(() => '?').join(', ')})`, [status, w.tenant, ...part]);
          }
        }
        if (w.accounts.length > 0) {
          await upsertMany(tx, 'settlement_accounts', ACCOUNT_COLUMNS, ['tenant', 'id'], COUNTERS, w.accounts.map((a) => [w.tenant, a.account.id, a.account.currency, a.account.allowNegative ? 1 : 0,
            a.balance.debitsPending, a.balance.debitsPosted, a.balance.creditsPending, a.balance.creditsPosted]));
        }
        if (w.splits.length > 0) {
          await upsertMany(tx, 'settlement_orders', ['tenant', 'order_id', 'status', 'closes_at', 'body'], ['tenant', 'order_id'], ['status', 'closes_at', 'body'],
            w.splits.map((s) => [w.tenant, s.orderId, s.status, s.closesAt, JSON.stringify(s)]));
        }
      }
    });
  }

  async dueSplits(now: number, limit: number): Promise<Array<{ tenant: string; orderId: string }>> {
    const rows = await this.db.query<Row>("SELECT tenant, order_id FROM settlement_orders WHERE status = 'pending' AND closes_at <= ? ORDER BY closes_at, order_id LIMIT ?", [now, limit]);
    return rows.map((r) => ({ tenant: String(r.tenant), orderId: String(r.order_id) }));
  }

  async listSplits(tenant: string, afterOrderId: string, limit: number): Promise<SplitRecord[]> {
    return (await this.db.query<Row>('SELECT body FROM settlement_orders WHERE tenant = ? AND order_id > ? ORDER BY order_id LIMIT ?', [tenant, afterOrderId, limit])).map(splitOf);
  }

  async journal(tenant: string, f: JournalFilter): Promise<StoredTransfer[]> {
    const where = ['tenant = ?'];
    const params: SqlValue[] = [tenant];
    if (f.account !== undefined) { where.push('(debit = ? OR credit = ?)'); params.push(f.account, f.account); }
    if (f.orderId !== undefined) { where.push('order_id = ?'); params.push(f.orderId); }
    if (f.beforeSeq !== undefined) { where.push('seq < ?'); params.push(f.beforeSeq); }
    if (f.afterSeq !== undefined) { where.push('seq > ?'); params.push(f.afterSeq); }
    if (f.from !== undefined) { where.push('at >= ?'); params.push(f.from); }
    if (f.to !== undefined) { where.push('at < ?'); params.push(f.to); }
    const rows = await this.db.query<Row>(`SELECT ${JOURNAL_COLUMNS.slice(1).join(', ')} FROM settlement_journal WHERE ${where.join(' AND ')} ORDER BY seq ${f.afterSeq !== undefined ? 'ASC' : 'DESC'} LIMIT ?`, [...params, f.limit]);
    return rows.map(transferOf);
  }

  async balanceAt(tenant: string, account: string, before: number): Promise<AccountBalance> {
    // Pending transfers add to the pending counters; posts and voids take their amount back out of them,
    // and posts (like single transfers) add to the posted counters.
    const side = (column: 'debit' | 'credit'): string => `
      SUM(CASE WHEN ${column} = ? AND op = 'transfer' AND kind = 'pending' THEN amount WHEN ${column} = ? AND op IN ('post', 'void') THEN -amount ELSE 0 END) AS ${column}s_pending,
      SUM(CASE WHEN ${column} = ? AND ((op = 'transfer' AND kind = 'single') OR op = 'post') THEN amount ELSE 0 END) AS ${column}s_posted`;
    const rows = await this.db.query<Row>(`SELECT ${side('debit')}, ${side('credit')} FROM settlement_journal WHERE tenant = ? AND (debit = ? OR credit = ?) AND at < ?`,
      [account, account, account, account, account, account, tenant, account, account, before]);
    const r = rows[0] ?? {};
    return { debitsPending: Number(r.debits_pending ?? 0), debitsPosted: Number(r.debits_posted ?? 0), creditsPending: Number(r.credits_pending ?? 0), creditsPosted: Number(r.credits_posted ?? 0) };
  }

  async totalsByMemo(tenant: string, account: string): Promise<{ credits: Partial<Record<JournalMemo, number>>; debits: Partial<Record<JournalMemo, number>> }> {
    const side = async (column: 'credit' | 'debit'): Promise<Partial<Record<JournalMemo, number>>> => Object.fromEntries(
      (await this.db.query<Row>(`SELECT memo, SUM(amount) AS total FROM settlement_journal WHERE tenant = ? AND ${column} = ? AND op = 'transfer' GROUP BY memo ORDER BY memo`, [tenant, account])).map((r) => [String(r.memo), Number(r.total)]));
    const [credits, debits] = await Promise.all([side('credit'), side('debit')]);
    return { credits, debits };
  }

  async rules(tenant: string): Promise<CommissionRule[]> {
    return (await this.db.query<Row>('SELECT body FROM settlement_rules WHERE tenant = ? ORDER BY id', [tenant])).map((r) => JSON.parse(String(r.body)) as CommissionRule);
  }

  async setRules(tenant: string, rules: readonly CommissionRule[], at: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM settlement_rules WHERE tenant = ?', [tenant]);
      if (rules.length > 0) await insertManyIgnore(tx, 'settlement_rules', ['tenant', 'id', 'body', 'updated_at'], ['tenant', 'id'], rules.map((r) => [tenant, r.id, JSON.stringify(r), at]));
    });
  }
}
