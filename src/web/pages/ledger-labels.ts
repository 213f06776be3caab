import { formatYuan } from '../format.js';
import { fill, t } from '../i18n.js';
import type { JournalEntry, LedgerAccount } from './ledger-types.js';

/** The currency the summary and chart add up (the shop's). */
export const SHOP_CURRENCY = 'CNY';

/** The accounts a party earns in: they get the order legs and pay clawbacks. */
const PARTY_KINDS = ['platform', 'merchant', 'creator', 'mcn'] as const;
/** The order of kinds in the accounts table: money in, money held, the parties, money out, what is owed. */
const KIND_ORDER = ['payments', 'clearing', 'platform', 'merchant', 'creator', 'mcn', 'compensation_pool', 'buyer_refunds', 'receivable', 'custom'];
const SINGLETONS = new Set(['payments', 'clearing', 'platform', 'buyer_refunds', 'compensation_pool']);
const REFERENCED = new Set(['merchant', 'creator', 'mcn']);

/** What an account id says: its kind, reference (creator id…), currency, and for a receivable its owner. */
export interface AccountParts { kind: string; ref: string | null; currency: string | null; owner: string | null }

/**
 * Splits an account id of the chart (`creator:c_1:CNY`, `receivable:mcn:m_1:CNY`); any other id is
 * `custom` with no currency. Mirrors the server's chart (src/modules/settlement/domain/accounts.ts).
 */
export function accountParts(id: string): AccountParts {
  if (id.startsWith('receivable:')) {
    const owner = id.slice('receivable:'.length);
    const inner = accountParts(owner);
    // Only a party owes: the platform, the merchant, a creator or an MCN.
    const owes = REFERENCED.has(inner.kind) || inner.kind === 'platform';
    return owes ? { kind: 'receivable', ref: inner.ref, currency: inner.currency, owner } : { kind: 'custom', ref: null, currency: null, owner: null };
  }
  const parts = id.split(':');
  const kind = parts[0] ?? '';
  const currency = parts[parts.length - 1] ?? '';
  if (!/^[A-Z]{3}$/.test(currency)) return { kind: 'custom', ref: null, currency: null, owner: null };
  if (parts.length === 2 && SINGLETONS.has(kind)) return { kind, ref: null, currency, owner: null };
  if (parts.length === 3 && REFERENCED.has(kind)) return { kind, ref: parts[1] ?? null, currency, owner: null };
  return { kind: 'custom', ref: null, currency: null, owner: null };
}

/**
 * An account's name in the current language: `creator:c_star:CNY` → 达人 c_star / Creator c_star,
 * `receivable:creator:c_star:CNY` → 应收 · 达人 c_star; the merchant is 商家 / Merchant (the shop itself);
 * a currency other than the shop's is added in brackets; an id outside the chart is shown as it is.
 */
export function accountLabel(id: string): string {
  const names = t().ledger.accountNames;
  const p = accountParts(id);
  let name: string;
  switch (p.kind) {
    case 'receivable': return fill(names.receivable, { x: accountLabel(p.owner ?? '') });
    case 'creator': case 'mcn': name = fill(names[p.kind], { x: p.ref ?? '' }); break;
    case 'custom': return id;
    default: name = names[p.kind as keyof typeof names] ?? id;
  }
  return p.currency && p.currency !== SHOP_CURRENCY ? `${name} (${p.currency})` : name;
}

/** A journal memo in the current language (split → 分账 / Split). */
export function memoName(memo: string): string {
  return t().ledger.memos[memo] ?? memo;
}

/** Where a pending transfer stands (pending → 待结算 / Pending); '' for entries that are not pending transfers. */
export function transferStatusName(status: string | null): string {
  return status === null ? '' : t().ledger.transferStatuses[status] ?? status;
}

/** Fen in the account's currency: ¥ with two decimals for the shop's (−276 → -¥2.76), else `12.34 USD`. */
export function formatMoney(fen: number, currency: string = SHOP_CURRENCY): string {
  if (currency !== SHOP_CURRENCY) return `${(fen / 100).toFixed(2)} ${currency}`;
  return fen < 0 ? `-${formatYuan(-fen)}` : formatYuan(fen);
}

/** Accounts in table order: by kind (payments, clearing, parties, pool, buyer refunds, receivables), then id. A copy. */
export function sortAccounts(accounts: readonly LedgerAccount[]): LedgerAccount[] {
  const rank = (a: LedgerAccount) => { const i = KIND_ORDER.indexOf(accountParts(a.id).kind); return i < 0 ? KIND_ORDER.length : i; };
  return [...accounts].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The headline numbers of the ledger in fen (the shop's currency); the formulas are the page's "how" notes. */
export interface LedgerSummary { paidIn: number; held: number; paidOut: number; refunded: number; compensation: number; receivables: number }

/**
 * The summary from the accounts and the compensation paid (the `compensation` credits of buyer refunds, `GET /v1/ledger/accounts/{id}/totals`):
 * paid in = −payments posted; held = clearing's pending debits; paid out = Σ posted of platform,
 * merchant, creator and MCN accounts; refunded = buyer refunds posted − compensation; receivables =
 * −Σ posted of receivable accounts. Only accounts of `currency` count.
 */
export function summarize(accounts: readonly LedgerAccount[], compensationFen: number, currency: string = SHOP_CURRENCY): LedgerSummary {
  let paidIn = 0; let held = 0; let paidOut = 0; let buyer = 0; let receivables = 0;
  for (const a of accounts) {
    const p = accountParts(a.id);
    if (p.currency !== currency) continue;
    if (p.kind === 'payments') paidIn -= a.postedFen;
    else if (p.kind === 'clearing') held += a.balance.debitsPending;
    else if ((PARTY_KINDS as readonly string[]).includes(p.kind)) paidOut += a.postedFen;
    else if (p.kind === 'buyer_refunds') buyer += a.postedFen;
    else if (p.kind === 'receivable') receivables -= a.postedFen;
  }
  return { paidIn, held, paidOut, refunded: buyer - compensationFen, compensation: compensationFen, receivables };
}

/** One bar group of the balances chart: a party account (or the pool) with its pending, posted and receivable (≤ 0) fen. */
export interface BalanceRow { account: string; label: string; pendingFen: number; postedFen: number; receivableFen: number }

/**
 * The balances chart's rows: platform, merchant, each creator, each MCN (by id), then the compensation
 * pool; each party's receivable (what it owes back, negative) on its own row. A receivable whose party
 * has no account yet still gets a row. Only accounts of `currency`.
 */
export function balanceRows(accounts: readonly LedgerAccount[], currency: string = SHOP_CURRENCY): BalanceRow[] {
  const rows = new Map<string, BalanceRow>();
  const row = (account: string) => {
    let r = rows.get(account);
    if (!r) { r = { account, label: accountLabel(account), pendingFen: 0, postedFen: 0, receivableFen: 0 }; rows.set(account, r); }
    return r;
  };
  const kinds: string[] = [...PARTY_KINDS, 'compensation_pool'];
  for (const a of sortAccounts(accounts)) {
    const p = accountParts(a.id);
    if (p.currency !== currency) continue;
    if (kinds.includes(p.kind)) Object.assign(row(a.id), { pendingFen: a.pendingFen, postedFen: a.postedFen });
    else if (p.kind === 'receivable' && p.owner !== null) row(p.owner).receivableFen += a.postedFen;
  }
  const rank = (id: string) => kinds.indexOf(accountParts(id).kind);
  return [...rows.values()].sort((a, b) => rank(a.account) - rank(b.account) || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}

/** An entry's effect on `account`: + when it credits it, − when it debits it (an entry between the account and itself: 0). */
export function signedAmount(entry: JournalEntry, account: string): number {
  return (entry.credit === account ? entry.amountFen : 0) - (entry.debit === account ? entry.amountFen : 0);
}

/**
 * The newest journal entries merged into those shown, newest first; `fresh` wins for the same seq (a
 * pending transfer's status may have changed). Seqs are consecutive per shop, so when `fresh` does not
 * reach back to the newest entry shown, the entries in between are unknown: the answer restarts from
 * `fresh` alone (`restarted`), and "more" pages back from there.
 */
export function mergeJournal(kept: readonly JournalEntry[], fresh: readonly JournalEntry[]): { entries: JournalEntry[]; restarted: boolean } {
  const oldestFresh = fresh[fresh.length - 1];
  const newestKept = kept[0];
  if (!newestKept || (oldestFresh && oldestFresh.seq > newestKept.seq + 1)) return { entries: [...fresh], restarted: true };
  const bySeq = new Map<number, JournalEntry>();
  for (const e of kept) bySeq.set(e.seq, e);
  for (const e of fresh) bySeq.set(e.seq, e);
  return { entries: [...bySeq.values()].sort((a, b) => b.seq - a.seq), restarted: false };
}
