import { getJson } from '../api.js';
import { errorBox, isAbort } from '../card.js';
import { el, note } from '../elements.js';
import { formatInt } from '../format.js';
import { fill, t } from '../i18n.js';
import { journalTable } from './ledger-journal.js';
import { accountLabel, formatMoney, sortAccounts } from './ledger-labels.js';
import type { LedgerAccount, LedgerBalance, LedgerStatement } from './ledger-types.js';

/** Pending, posted and available fen of four counters (as the API computes them for an account). */
function balanceParts(b: LedgerBalance): { pending: number; posted: number; available: number } {
  const posted = b.creditsPosted - b.debitsPosted;
  return { pending: b.creditsPending - b.debitsPending, posted, available: posted - b.debitsPending };
}

const MONEY_COLUMNS = ['pending', 'posted', 'available'] as const;

/** A money cell marked with its field and exact fen. */
const moneyCell = (field: string, fen: number, currency: string) => el('td', { 'data-field': field, 'data-fen': fen }, formatMoney(fen, currency));

/**
 * The statement of one account over the server's last 30 days: opening and closing balances (pending,
 * posted, available) and every entry, amounts signed for the account. Marked `data-statement="<id>"`.
 */
function statementView(s: LedgerStatement, currency: string, onOrder: (id: string) => void): HTMLElement {
  const m = t().ledger;
  const row = (name: string, label: string, b: LedgerBalance) => {
    const p = balanceParts(b);
    return el('tr', { 'data-row': name }, el('td', { class: 'text' }, label), ...MONEY_COLUMNS.map((k) => moneyCell(k, p[k], currency)));
  };
  return el('section', { class: 'exp-metric', 'data-statement': s.account },
    el('h3', {}, fill(m.statementTitle, { account: accountLabel(s.account) }), ' ', el('code', { class: 'muted' }, s.account)),
    el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'statement-balances' },
      el('thead', {}, el('tr', {}, el('th', { class: 'text' }, ''), el('th', {}, m.pending), el('th', {}, m.posted), el('th', {}, m.available))),
      el('tbody', {}, row('opening', m.opening, s.opening), row('closing', m.closing, s.closing)))),
    s.entries.length === 0 ? el('p', { class: 'empty', 'data-field': 'empty' }, m.noEntries)
      : journalTable(s.entries, { name: 'statement', account: s.account, onOrder }),
    s.truncated ? note(fill(m.truncated, { n: formatInt(s.entries.length) })) : null);
}

/**
 * The accounts card: every account with a friendly name (平台 / Platform, 达人 c_x / Creator c_x …),
 * pending, posted and available in ¥ (`data-table="ledger-accounts"`, rows `data-account`), and a
 * statement button per row. The chosen account's statement shows under the table and follows refreshes.
 */
export class LedgerAccounts {
  private readonly tableBox = el('div', { 'data-field': 'accounts' });
  private readonly statementBox = el('div', { 'data-field': 'statement' });
  private accounts: LedgerAccount[] = [];
  private selected: string | null = null;

  constructor(private readonly signal: AbortSignal, private readonly onOrder: (orderId: string) => void, private readonly track: (work: Promise<unknown>) => void) {}

  /** Draws the accounts into the card body (keeps the statement shown under them). */
  draw(body: HTMLElement, accounts: readonly LedgerAccount[]): void {
    this.accounts = sortAccounts(accounts);
    if (this.tableBox.parentElement !== body) body.replaceChildren(this.tableBox, this.statementBox);
    this.renderTable();
  }

  /** Re-reads the chosen account's statement (a refresh); throws when that fails. */
  async refresh(): Promise<void> {
    if (this.selected !== null) await this.loadStatement(this.selected, false);
  }

  /** Shows `account`'s statement (the row's button). */
  select(account: string): Promise<void> {
    this.selected = account;
    this.renderTable();
    return this.loadStatement(account, true);
  }

  private renderTable(): void {
    const m = t().ledger;
    if (this.accounts.length === 0) {
      this.tableBox.replaceChildren(el('p', { class: 'empty', 'data-field': 'empty' }, m.noAccounts));
      return;
    }
    const rows = this.accounts.map((a) => {
      const button = el('button', { type: 'button', class: 'btn', 'data-action': 'statement', 'aria-pressed': String(a.id === this.selected) }, m.statement);
      button.addEventListener('click', () => { this.track(this.select(a.id)); });
      return el('tr', { 'data-account': a.id, 'data-kind': a.kind, class: a.id === this.selected ? 'selected' : undefined },
        el('td', { class: 'text' }, el('span', { 'data-field': 'label' }, accountLabel(a.id)), el('br'), el('code', { class: 'muted', 'data-field': 'id' }, a.id)),
        moneyCell('pending', a.pendingFen, a.currency), moneyCell('posted', a.postedFen, a.currency), moneyCell('available', a.availableFen, a.currency),
        el('td', {}, button));
    });
    const headers = [m.account, m.pending, m.posted, m.available, ''];
    this.tableBox.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'ledger-accounts' },
      el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', { class: i === 0 ? 'text' : undefined }, h)))),
      el('tbody', {}, ...rows))));
  }

  private async loadStatement(account: string, fresh: boolean): Promise<void> {
    if (fresh) this.statementBox.replaceChildren(el('div', { class: 'loading', role: 'status' }, el('span', { class: 'spinner' }), t().loading));
    try {
      // No period: the server's last 30 days by its own clock, which the browser's may differ from.
      const s = await getJson<LedgerStatement>(`/v1/ledger/accounts/${encodeURIComponent(account)}/statement`, this.signal);
      if (this.selected !== account) return;
      const currency = this.accounts.find((a) => a.id === account)?.currency ?? 'CNY';
      this.statementBox.replaceChildren(statementView(s, currency, this.onOrder));
    } catch (err) {
      if (isAbort(err) || this.selected !== account) return;
      // A failed refresh keeps the last statement (the page's status says so); a first load shows why.
      if (!fresh) throw err;
      this.statementBox.replaceChildren(errorBox(err));
    }
  }
}
