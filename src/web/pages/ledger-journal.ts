import { getJson, withQuery } from '../api.js';
import { errorBox, isAbort } from '../card.js';
import { el } from '../elements.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n.js';
import { accountLabel, formatMoney, memoName, mergeJournal, signedAmount, transferStatusName } from './ledger-labels.js';
import type { JournalEntry } from './ledger-types.js';

/** How many entries the journal card shows at first and adds per "more". */
export const JOURNAL_PAGE = 50;
/** The API's largest page (a refresh re-reads at most this many of the newest entries). */
const MAX_LIMIT = 1_000;

/** How `journalTable` draws: its `data-table` name, and optionally signed for an account and with clickable order ids. */
export interface JournalTableOptions {
  /** Signs each transfer's amount for this account (+ credited, − debited); posts and voids stay unsigned. */
  readonly account?: string;
  /** Makes order ids buttons that look the order up. */
  readonly onOrder?: (orderId: string) => void;
  readonly name: string;
}

/** An account as its label, the id as its tooltip (ids are what the API and support speak). */
function accountCell(id: string): HTMLElement {
  return el('span', { title: id }, accountLabel(id));
}

/** The amount as the table shows it: signed for a statement's transfers, plain otherwise. */
function amountText(e: JournalEntry, account: string | undefined): string {
  if (account === undefined || e.op !== 'transfer') return formatMoney(e.amountFen, e.currency);
  const signed = signedAmount(e, account);
  return signed > 0 ? `+${formatMoney(signed, e.currency)}` : formatMoney(signed, e.currency);
}

/**
 * Journal entries as a table, newest first: time, memo (收款 / Payment …), debit → credit with account
 * labels, amount in ¥, order id and, for a pending transfer, where it stands now. Rows carry `data-seq`,
 * `data-memo`, `data-order` and `data-amount-fen`.
 */
export function journalTable(entries: readonly JournalEntry[], options: JournalTableOptions): HTMLElement {
  const m = t().ledger;
  const headers = [m.time, m.memo, m.debitCredit, m.amount, m.order, m.status];
  const rows = entries.map((e) => el('tr', { 'data-seq': e.seq, 'data-memo': e.memo, 'data-order': e.orderId ?? undefined, 'data-amount-fen': e.amountFen, 'data-status': e.status ?? undefined },
    el('td', { class: 'text', 'data-field': 'time' }, formatDateTime(e.at)),
    el('td', { class: 'text', 'data-field': 'memo' }, memoName(e.memo)),
    el('td', { class: 'text', 'data-field': 'accounts' }, accountCell(e.debit), ' → ', accountCell(e.credit)),
    el('td', { 'data-field': 'amount' }, amountText(e, options.account)),
    el('td', { class: 'text mono', 'data-field': 'order' }, e.orderId === null ? '—' : options.onOrder
      ? orderButton(e.orderId, options.onOrder) : e.orderId),
    el('td', { class: 'text', 'data-field': 'status' }, transferStatusName(e.status))));
  return el('div', { class: 'table-wrap' }, el('table', { 'data-table': options.name },
    el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', { class: i === 3 ? undefined : 'text' }, h)))),
    el('tbody', {}, ...rows)));
}

function orderButton(orderId: string, onOrder: (id: string) => void): HTMLElement {
  const b = el('button', { type: 'button', class: 'btn mono', 'data-action': 'lookup-order' }, orderId);
  b.addEventListener('click', () => onOrder(orderId));
  return b;
}

/**
 * The journal card: the newest 50 entries, a "more" button that pages back by `before` (the last
 * seq shown), and `refresh` that re-reads the newest entries (as many as are shown, up to 1,000) and
 * merges them in, so new entries appear on top and pending transfers show their new status.
 */
export class LedgerJournal {
  private entries: JournalEntry[] = [];
  private exhausted = false;
  private readonly table = el('div', { 'data-field': 'journal' });
  private readonly status = el('div', { 'data-field': 'more-status' });
  private readonly more = el('button', { type: 'button', class: 'btn', 'data-action': 'more' });

  constructor(private readonly signal: AbortSignal, private readonly onOrder: (orderId: string) => void, private readonly track: (work: Promise<unknown>) => void) {
    this.more.addEventListener('click', () => { this.track(this.loadMore()); });
  }

  /** The newest entries (the card's first load: errors go to loadCard). */
  async load(body: HTMLElement): Promise<void> {
    this.entries = await this.fetch(undefined, JOURNAL_PAGE);
    this.exhausted = this.entries.length < JOURNAL_PAGE;
    body.replaceChildren(this.table, this.status, el('p', {}, this.more));
    this.render();
  }

  /** Merges the newest entries in; throws when the fetch fails (the page's status says so). */
  async refresh(body: HTMLElement): Promise<void> {
    const limit = Math.min(MAX_LIMIT, Math.max(JOURNAL_PAGE, this.entries.length));
    const merged = mergeJournal(this.entries, await this.fetch(undefined, limit));
    this.entries = merged.entries;
    if (merged.restarted) this.exhausted = merged.entries.length < limit;
    if (!this.table.isConnected) body.replaceChildren(this.table, this.status, el('p', {}, this.more));
    this.render();
  }

  private async loadMore(): Promise<void> {
    const last = this.entries[this.entries.length - 1];
    if (!last) return;
    this.more.disabled = true;
    try {
      const page = await this.fetch(last.seq, JOURNAL_PAGE);
      // Older entries: they follow the last one shown, so nothing can be missing in between.
      this.entries = [...this.entries, ...page.filter((e) => e.seq < last.seq)];
      this.exhausted = page.length < JOURNAL_PAGE;
      this.status.replaceChildren();
    } catch (err) {
      if (isAbort(err)) return;
      this.status.replaceChildren(errorBox(err));
    } finally {
      this.more.disabled = false;
    }
    this.render();
  }

  private fetch(before: number | undefined, limit: number): Promise<JournalEntry[]> {
    return getJson<{ entries: JournalEntry[] }>(withQuery('/v1/ledger/journal', { before, limit }), this.signal).then((r) => r.entries);
  }

  private render(): void {
    const m = t().ledger;
    this.table.replaceChildren(this.entries.length === 0
      ? el('p', { class: 'empty', 'data-field': 'empty' }, m.noJournal)
      : journalTable(this.entries, { name: 'ledger-journal', onOrder: this.onOrder }));
    this.more.textContent = m.more;
    this.more.hidden = this.exhausted || this.entries.length === 0;
  }
}
