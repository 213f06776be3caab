import type { Order } from '../api-types.js';
import { el } from '../elements.js';
import { formatDateTime, formatYuan } from '../format.js';
import { t } from '../i18n.js';
import { orderStateBadge, warehousesOf } from './order-labels.js';

/**
 * The recent orders table (`GET /v1/orders`, newest first): id, buyer, state (translated badge), amount,
 * the warehouses its units come from, and when it was placed. Rows carry `data-order` and `data-state`.
 */
export function drawRecentOrders(body: HTMLElement, orders: readonly Order[]): void {
  const m = t().orders;
  if (orders.length === 0) { body.append(el('p', { class: 'empty', 'data-field': 'empty' }, m.noOrders)); return; }
  const headers = [m.id, m.buyer, m.state, m.amount, m.warehouses, m.created];
  const rows = orders.map((o) => el('tr', { 'data-order': o.id, 'data-state': o.state },
    el('td', { class: 'text mono', 'data-field': 'id' }, o.id),
    el('td', { class: 'text', 'data-field': 'buyer' }, o.buyer),
    el('td', { class: 'text', 'data-field': 'state' }, orderStateBadge(o.state)),
    el('td', { 'data-field': 'amount' }, formatYuan(o.amountFen)),
    el('td', { class: 'text mono', 'data-field': 'warehouses' }, warehousesOf(o).join(', ') || '—'),
    el('td', { 'data-field': 'created' }, formatDateTime(o.createdAt))));
  body.append(el('div', { class: 'table-wrap' }, el('table', { 'data-table': 'orders' },
    el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', { class: i === 3 || i === 5 ? undefined : 'text' }, h)))),
    el('tbody', {}, ...rows))));
}
