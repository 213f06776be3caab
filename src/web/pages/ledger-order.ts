import { ApiError, getJson } from '../api.js';
import { errorBox, isAbort } from '../card.js';
import { el, note } from '../elements.js';
import { formatDateTime } from '../format.js';
import { fill, t } from '../i18n.js';
import { journalTable } from './ledger-journal.js';
import { accountLabel, formatMoney } from './ledger-labels.js';
import type { Clawback, OrderSettlementView, OrderSplit } from './ledger-types.js';

const STATUS_BADGE: Record<OrderSplit['status'], string> = { pending: 'badge-pending', posted: 'badge-resolved', refunded: 'order-state-refunded' };

/** A small table with money columns right-aligned (the first `text` columns left-aligned). */
function moneyTable(name: string, headers: string[], text: number, rows: HTMLElement[]): HTMLElement {
  return el('div', { class: 'table-wrap' }, el('table', { 'data-table': name },
    el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', { class: i < text ? 'text' : undefined }, h)))),
    el('tbody', {}, ...rows)));
}

const money = (field: string, fen: number, currency: string) => el('td', { 'data-field': field, 'data-fen': fen }, formatMoney(fen, currency));

/** The order's current legs: party, account, amount, transfer (`data-leg="<account>"`). */
function legsView(s: OrderSplit): HTMLElement {
  const m = t().ledger;
  if (s.legs.length === 0) return el('p', { class: 'muted', 'data-field': 'no-legs' }, m.noLegs);
  return moneyTable('order-legs', [m.party, m.account, m.amount, m.transfer], 2, s.legs.map((l) => el('tr', { 'data-leg': l.account, 'data-party': l.party },
    el('td', { class: 'text', 'data-field': 'party' }, accountLabel(l.account)),
    el('td', { class: 'text mono muted' }, l.account),
    money('amount', l.amountFen, s.currency),
    el('td', { class: 'mono muted' }, l.transferId))));
}

/** One refund: how it was made (voided inside the window or clawed back after it) and, for a clawback, who gave back what. */
function refundView(r: OrderSplit['refunds'][number], currency: string): HTMLElement {
  const m = t().ledger;
  const claw = (c: Clawback) => el('tr', { 'data-clawback': c.account },
    el('td', { class: 'text' }, accountLabel(c.account)),
    money('share', c.amountFen, currency), money('from-pending', c.fromPending, currency),
    money('from-available', c.fromAvailable, currency), money('receivable', c.receivable, currency));
  return el('li', { 'data-refund': r.id, 'data-mode': r.mode, 'data-fen': r.amountFen },
    el('strong', { 'data-field': 'refund-amount' }, formatMoney(r.amountFen, currency)), ' ',
    el('span', { class: `badge ${r.mode === 'void' ? 'badge-acknowledged' : 'badge-pending'}`, 'data-field': 'refund-mode' }, m.refundModes[r.mode] ?? r.mode), ' ',
    el('span', { class: 'muted' }, formatDateTime(r.at), ' · ', el('code', {}, r.id)),
    r.clawbacks.length === 0 ? null
      : moneyTable('clawbacks', [m.party, m.share, m.fromPending, m.fromAvailable, m.toReceivable], 1, r.clawbacks.map(claw)));
}

/** The compensation of a missed promise: amount, and how much came from the pool, the merchant and the merchant's receivable. */
function compensationView(c: NonNullable<OrderSplit['compensation']>, currency: string): HTMLElement {
  const m = t().ledger;
  return el('div', { 'data-field': 'compensation', 'data-fen': c.amountFen },
    el('h4', {}, fill(m.compensationTitle, { amount: formatMoney(c.amountFen, currency) }), ' ', el('span', { class: 'muted' }, formatDateTime(c.at))),
    moneyTable('compensation', [m.fromPool, m.fromMerchant, m.owed], 0, [el('tr', {},
      money('from-pool', c.fromPool, currency), money('from-merchant', c.fromMerchant, currency), money('owed', c.owed, currency))]));
}

/** The whole settlement of an order (`data-order-split="<id>"`). */
function splitView(v: OrderSettlementView): HTMLElement {
  const m = t().ledger;
  const s = v.split;
  const window = s.closesAt !== null ? fill(m.closesAt, { at: formatDateTime(s.closesAt) }) : m.notDelivered;
  return el('section', { class: 'exp-metric', 'data-order-split': s.orderId, 'data-status': s.status },
    el('h3', {}, el('code', {}, s.orderId),
      el('span', { class: `badge ${STATUS_BADGE[s.status]}`, 'data-field': 'split-status' }, m.splitStatuses[s.status] ?? s.status)),
    el('p', { class: 'muted' },
      el('span', { 'data-field': 'window' }, window), ' · ',
      el('span', { 'data-field': 'refunded-of' }, fill(m.refundedOf, { refunded: formatMoney(s.refundedFen, s.currency), amount: formatMoney(s.amountFen, s.currency) })), ' · ',
      fill(m.paidAt, { at: formatDateTime(s.paidAt) }),
      s.rules.length > 0 ? ` · ${fill(m.rules, { rules: s.rules.join(', ') })}` : ''),
    el('h4', {}, m.legs), legsView(s),
    s.refunds.length === 0 ? null : el('div', {}, el('h4', {}, m.refunds), el('ul', { class: 'actions', 'data-list': 'refunds' }, ...s.refunds.map((r) => refundView(r, s.currency)))),
    s.compensation ? compensationView(s.compensation, s.currency) : null,
    el('h4', {}, m.entries), journalTable(v.entries, { name: 'order-entries' }));
}

/**
 * The order lookup card: an order id field and the order's settlement under it — status with the refund
 * window's close time, legs, refunds with their clawbacks, compensation, and its journal entries.
 * `refresh` re-reads the order shown; the field is never redrawn, so typing is not interrupted.
 */
export class OrderLookup {
  private readonly input = el('input', { type: 'text', name: 'orderId', autocomplete: 'off', spellcheck: 'false', 'data-field': 'order-id' });
  private readonly result = el('div', { 'data-field': 'order-result', 'aria-live': 'polite' });
  private current: string | null = null;

  constructor(private readonly signal: AbortSignal, private readonly track: (work: Promise<unknown>) => void) {}

  /** Draws the form into the card body. */
  draw(body: HTMLElement): void {
    const m = t().ledger;
    this.input.placeholder = 'ord_…';
    const form = el('form', { class: 'rec-form', 'data-form': 'ledger-order' },
      el('div', { class: 'rec-fields' }, el('label', { class: 'control' }, el('span', {}, m.orderId), this.input)),
      el('div', { class: 'rec-submit' }, el('button', { type: 'submit', class: 'primary' }, m.lookupButton), el('span', { class: 'muted' }, m.lookupHint)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const id = this.input.value.trim();
      if (id !== '') this.track(this.lookup(id));
    });
    body.replaceChildren(form, this.result);
  }

  /** Looks `orderId` up (the form, or an order id clicked elsewhere on the page: `reveal` scrolls to the answer). */
  async lookup(orderId: string, reveal = false): Promise<void> {
    this.current = orderId;
    this.input.value = orderId;
    if (reveal) this.input.scrollIntoView({ block: 'center' });
    this.result.replaceChildren(el('div', { class: 'loading', role: 'status' }, el('span', { class: 'spinner' }), t().loading));
    await this.load(orderId, true);
  }

  /** Re-reads the order shown (a refresh); throws when that fails. */
  async refresh(): Promise<void> {
    if (this.current !== null) await this.load(this.current, false);
  }

  private async load(orderId: string, first: boolean): Promise<void> {
    try {
      const v = await getJson<OrderSettlementView>(`/v1/ledger/orders/${encodeURIComponent(orderId)}`, this.signal);
      if (this.current !== orderId) return;
      this.result.replaceChildren(splitView(v));
    } catch (err) {
      if (isAbort(err) || this.current !== orderId) return;
      // settlement_order_not_split and the like are answers, shown in place (an order may be split later);
      // a refresh that could not reach the API keeps the last answer, and the page's status says why.
      const answer = err instanceof ApiError && err.status < 500;
      if (!first && !answer) throw err;
      this.result.replaceChildren(errorBox(err), note(t().ledger.lookupHint));
    }
  }
}
