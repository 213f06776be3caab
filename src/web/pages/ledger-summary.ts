import { el, tiles } from '../elements.js';
import { formatInt } from '../format.js';
import { fill, t } from '../i18n.js';
import { formatMoney, type LedgerSummary } from './ledger-labels.js';
import type { LedgerReconciliation } from './ledger-types.js';

const TILES = ['paidIn', 'held', 'paidOut', 'refunded', 'compensation', 'receivables'] as const;
const TILE_NAMES: Record<(typeof TILES)[number], string> = {
  paidIn: 'paid-in', held: 'held', paidOut: 'paid-out', refunded: 'refunded', compensation: 'compensation', receivables: 'receivables',
};

/** The reconciliation badge: 对账一致 / Reconciled, or the number of issues with each listed (code, order, detail). */
function reconciliationBlock(rec: LedgerReconciliation): HTMLElement {
  const m = t().ledger;
  const badge = el('span', { class: `status ${rec.ok ? 'status-good' : 'status-poor'}`, 'data-field': 'reconciliation', 'data-ok': String(rec.ok), 'data-issues': rec.issues.length },
    rec.issues.length === 0 && rec.ok ? m.reconciled : fill(m.issues, { n: formatInt(rec.issues.length) }));
  const sums = Object.entries(rec.ledger.sums);
  const balanced = rec.ledger.ok && sums.every(([, v]) => v === 0);
  const detail = [
    ...sums.filter(([, v]) => v !== 0).map(([cur, v]) => `Σ ${cur} = ${formatMoney(v, cur)}`),
    ...rec.ledger.mismatches.map((x) => x.account),
  ].join('; ');
  const check = el('span', { class: `status ${balanced ? 'status-good' : 'status-poor'}`, 'data-field': 'ledger-check', 'data-ok': String(balanced) },
    balanced ? m.balanced : fill(m.unbalanced, { detail }));
  const issues = rec.issues.length === 0 ? null : el('ul', { class: 'actions', 'data-list': 'reconciliation-issues' },
    ...rec.issues.map((i) => el('li', { 'data-order': i.orderId, 'data-code': i.code },
      el('code', {}, i.code), ' ', el('span', { class: 'mono' }, i.orderId), ' — ', i.detail, i.repaired ? ` (${m.repaired})` : '')));
  return el('div', { class: 'exp-checks', 'data-field': 'checks' },
    badge, check,
    el('span', { class: 'muted' }, fill(m.checked, {
      orders: formatInt(rec.ordersChecked), paid: formatInt(rec.paidOrders), splits: formatInt(rec.splits), entries: formatInt(rec.ledger.journalEntries),
    })),
    issues);
}

/**
 * The summary card: six tiles in ¥ (`data-tile` paid-in, held, paid-out, refunded, compensation,
 * receivables; the formulas are listed under "how these are computed"), the reconciliation badge and
 * the ledger's own balance check. `rec` null: reconciliation failed to load (`recError` says why).
 */
export function drawSummary(body: HTMLElement, summary: LedgerSummary, rec: LedgerReconciliation | null, recError: HTMLElement | null): void {
  const m = t().ledger;
  body.replaceChildren(
    tiles(TILES.map((k) => ({
      label: m[k], value: formatMoney(summary[k]), name: TILE_NAMES[k],
      tone: k === 'receivables' && summary.receivables > 0 ? 'bad' : '',
    }))),
    rec ? reconciliationBlock(rec) : recError ?? '',
    el('details', { class: 'muted', 'data-field': 'how' },
      el('summary', {}, m.howTitle),
      el('ul', { class: 'actions' }, ...TILES.map((k) => el('li', { 'data-how': TILE_NAMES[k] }, m.how[k])))),
  );
}
