import type { Order, OverdueBoard } from '../api-types.js';
import { el, note, tiles } from '../elements.js';
import { formatDateTime, formatInt, formatYuan } from '../format.js';
import { fill, t } from '../i18n.js';
import { byUrgency, compensationText, orderStateBadge, overdueText, timeLeftText, warehousesOf } from './order-labels.js';

/** The compensation badge of an overdue order: what was paid, or pending until the sweeper records it. */
function compensationBadge(o: Order): HTMLElement {
  const m = t().orders;
  return o.compensation
    ? el('span', { class: 'badge badge-compensated', 'data-field': 'compensation', 'data-amount-fen': o.compensation.amountFen, 'data-kind': o.compensation.kind }, compensationText(o.compensation))
    : el('span', { class: 'badge badge-compensation-pending', 'data-field': 'compensation' }, m.compensationPending);
}

/**
 * One order of the board: id, buyer and amount on the first line; how late it is (or how long is left,
 * at the server's `now`), its state, ship-by time and warehouses, and for an overdue order its
 * compensation, on the second. Marked `data-order` and `data-kind` (overdue | at-risk).
 */
function dueItem(o: Order, kind: 'overdue' | 'at-risk', now: number): HTMLElement {
  const m = t().orders;
  const due = o.promiseDue ?? now;
  const warehouses = warehousesOf(o);
  return el('li', { class: `due-item due-${kind}`, 'data-order': o.id, 'data-kind': kind },
    el('div', { class: 'due-line' },
      el('code', { class: 'due-id', 'data-field': 'id' }, o.id),
      el('span', { class: 'due-buyer', 'data-field': 'buyer' }, o.buyer),
      el('strong', { class: 'due-amount', 'data-field': 'amount' }, formatYuan(o.amountFen))),
    el('div', { class: 'due-line due-meta' },
      el('strong', { class: 'due-time', 'data-field': kind === 'overdue' ? 'overdue-for' : 'time-left' }, kind === 'overdue' ? overdueText(due, now) : timeLeftText(due, now)),
      orderStateBadge(o.state),
      el('span', { class: 'muted' }, fill(m.dueAt, { at: formatDateTime(due) })),
      warehouses.length > 0 ? el('span', { class: 'muted mono' }, warehouses.join(', ')) : null,
      kind === 'overdue' ? compensationBadge(o) : null));
}

/** A titled list of orders, or its empty state. */
function dueList(kind: 'overdue' | 'at-risk', title: string, empty: string, orders: readonly Order[], now: number): HTMLElement {
  return el('section', { class: 'due-group', 'data-list': kind },
    el('h3', {}, title, ' ', el('span', { class: 'pill' }, formatInt(orders.length))),
    orders.length === 0
      ? el('p', { class: 'empty due-empty', 'data-field': 'empty' }, empty)
      : el('ol', { class: 'due-list' }, ...byUrgency(orders).map((o) => dueItem(o, kind, now))));
}

/**
 * The overdue board (`GET /v1/orders/overdue`): counts and the compensation paid, then the overdue
 * orders and those due within the window, most urgent first. Durations use the server's `now`, so a
 * browser whose clock differs from the server's still shows what the server decides on.
 */
export function drawOverdueBoard(body: HTMLElement, board: OverdueBoard): void {
  const m = t().orders;
  const h = board.withinHours;
  body.append(
    tiles([
      { label: m.overdue, value: formatInt(board.overdue.length), tone: board.overdue.length > 0 ? 'bad' : '', name: 'overdue' },
      { label: fill(m.atRisk, { h }), value: formatInt(board.atRisk.length), name: 'at-risk' },
      { label: m.compensated, value: formatYuan(board.compensatedFen), name: 'compensated' },
    ]),
    el('div', { class: 'due-columns' },
      dueList('overdue', m.overdue, m.noOverdue, board.overdue, board.now),
      dueList('at-risk', fill(m.atRisk, { h }), fill(m.noAtRisk, { h }), board.atRisk, board.now)),
    note(fill(m.boardNote, { now: formatDateTime(board.now) })),
  );
}
