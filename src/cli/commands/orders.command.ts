import type { Command } from 'commander';
import { compensationFor, ORDER_STATES, type Order, type OrderState } from '../../modules/orders/index.js';
import { TenantsService } from '../../modules/tenants/index.js';
import { AppError } from '../../shared/errors/index.js';
import { formatMinorUnits } from '../../shared/money.js';
import { SIGNATURE_HEADERS } from '../../shared/signed-body.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { boundedIntFlag } from '../flag-parsers.js';
import { msg } from '../messages.js';
import { displayWidth, padTo, renderTable } from '../report-table.js';

/** Options every orders / sale command takes. */
export interface TenantOptions extends GlobalOptions { tenant: string }
interface ListOptions extends TenantOptions { state?: string; sale?: string; buyer?: string; limit: string }

export const HOUR = 3_600_000;

/** Fen as yuan for terminal tables: 12345 → ¥123.45. */
export const yuan = (fen: number): string => `¥${formatMinorUnits(fen)}`;

/** An instant as `YYYY-MM-DD HH:MM` UTC; `—` when absent. */
export const utcMinute = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function compensationText(lang: 'zh' | 'en', o: Order): string {
  const kind = (k: 'coupon' | 'credit'): string => msg(lang, k === 'coupon' ? 'sale_coupon' : 'sale_credit');
  if (o.compensation) return `${yuan(o.compensation.amountFen)} ${kind(o.compensation.kind)}`;
  // Recorded by the sweep of `reelpath serve`; until then show what the order's rule will give.
  return msg(lang, 'orders_compensation_pending', { amount: `${yuan(compensationFor(o))} ${kind(o.compensationRule.kind)}` });
}

async function listOrders(o: ListOptions): Promise<void> {
  if (o.state !== undefined && !ORDER_STATES.includes(o.state as OrderState)) throw new AppError('cli_usage', `--state is one of ${ORDER_STATES.join(', ')}, got ${o.state}`);
  const limit = boundedIntFlag('limit', o.limit, 1, 1000);
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    const orders = await app.orders.list(o.tenant, { limit, ...(o.state ? { state: o.state as OrderState } : {}), ...(o.sale ? { saleId: o.sale } : {}), ...(o.buyer ? { buyer: o.buyer } : {}) });
    emit(o, { orders }, () => (orders.length === 0 ? msg(lang, 'orders_none') : renderTable(msg(lang, 'orders_list_title'), msg(lang, 'orders_list_header').split('|'),
      orders.map((x) => [x.id, x.state, x.buyer, x.saleId ?? '—', yuan(x.amountFen), utcMinute(x.createdAt), utcMinute(x.promiseDue)]))));
  });
}

/** The one-order view: state and times, then lines, allocations and logistics as small tables. */
function renderOrder(lang: 'zh' | 'en', o: Order): string {
  const [id, state, buyer, sale, amount, created, payBy, paid, shipBy, shipped, delivered, compensation] = msg(lang, 'orders_show_labels').split('|');
  const fields: Array<[string | undefined, string]> = [
    [id, o.id], [state, o.state], [buyer, o.buyer], [sale, o.saleId ?? '—'], [amount, `${yuan(o.amountFen)} ${o.currency}`], [created, utcMinute(o.createdAt)],
    [payBy, utcMinute(o.paymentDeadline)], [paid, utcMinute(o.paidAt)], [shipBy, utcMinute(o.promiseDue)], [shipped, utcMinute(o.shippedAt)], [delivered, utcMinute(o.deliveredAt)],
    [compensation, o.compensation ? compensationText(lang, o) : '—'],
  ];
  const labelWidth = Math.max(...fields.map(([k]) => displayWidth(k ?? '')));
  return [
    ...fields.map(([k, v]) => `${padTo(k ?? '', labelWidth)}  ${v}`),
    '', renderTable(null, msg(lang, 'orders_lines_header').split('|'), o.lines.map((l) => [l.sku, String(l.quantity), yuan(l.unitPriceFen)])),
    ...(o.allocations.length === 0 ? [] : ['', renderTable(null, msg(lang, 'orders_allocations_header').split('|'), o.allocations.map((a) => [a.sku, a.warehouse, String(a.quantity)]))]),
    ...(o.logistics.length === 0 ? [] : ['', renderTable(null, msg(lang, 'orders_logistics_header').split('|'), o.logistics.map((l) => [l.status, utcMinute(l.at), l.carrier ?? '—', l.trackingNo ?? '—', l.source]))]),
  ].join('\n');
}

async function showOverdue(o: TenantOptions & { within: string; limit: string }): Promise<void> {
  const within = boundedIntFlag('within', o.within, 0, 720);
  const limit = boundedIntFlag('limit', o.limit, 1, 1000);
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    const board = await app.orders.overdueBoard(o.tenant, within, limit);
    const hours = (ms: number): string => (ms / HOUR).toFixed(1);
    emit(o, board, () => {
      if (board.overdue.length === 0 && board.atRisk.length === 0) return msg(lang, 'orders_overdue_empty', { hours: within });
      const parts: string[] = [];
      if (board.overdue.length > 0) {
        parts.push(renderTable(msg(lang, 'orders_overdue_title', { n: board.overdue.length, amount: yuan(board.compensatedFen) }), msg(lang, 'orders_overdue_header').split('|'),
          board.overdue.map((x) => [x.id, x.buyer, yuan(x.amountFen), utcMinute(x.promiseDue), hours(board.now - (x.promiseDue ?? board.now)), compensationText(lang, x)])));
      }
      if (board.atRisk.length > 0) {
        parts.push(renderTable(msg(lang, 'orders_at_risk_title', { n: board.atRisk.length, hours: within }), msg(lang, 'orders_at_risk_header').split('|'),
          board.atRisk.map((x) => [x.id, x.buyer, yuan(x.amountFen), utcMinute(x.promiseDue), hours((x.promiseDue ?? board.now) - board.now)])));
      }
      return parts.join('\n\n');
    });
  });
}

async function showSecret(o: TenantOptions): Promise<void> {
  await withTenantApp(o, async (app) => {
    const secret = TenantsService.paymentSecret(await app.tenants.getTenant(o.tenant));
    const path = `/v1/payments/${o.tenant}/callback`;
    emit(o, {
      tenant: o.tenant, secret, callbackPath: path,
      signing: { timestampHeader: SIGNATURE_HEADERS.timestamp, signatureHeader: SIGNATURE_HEADERS.signature, signature: 'v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>', body: '{ callbackId, orderId, type: paid|refunded|cancelled, amountFen }' },
    }, () => `${msg(app.config.lang, 'orders_secret', { tenant: o.tenant, secret })}\n${msg(app.config.lang, 'orders_secret_howto', { path })}`);
  });
}

/** `reelpath orders …`: orders, the overdue board and the payment-callback secret. */
export function registerOrdersCommand(program: Command): void {
  const orders = program.command('orders').description('Orders: list, show, the overdue board, the payment-callback secret / 订单');
  const tenantCommand = (name: string, description: string) => orders.command(name).description(description).option('--tenant <id>', 'tenant', 'demo');

  tenantCommand('list', 'Orders, newest first / 订单列表（最新在前）')
    .option('--state <state>', ORDER_STATES.join(' | ')).option('--sale <id>', 'only this sale').option('--buyer <id>', 'only this buyer')
    .option('--limit <n>', 'most orders to show (1–1000)', '50')
    .action(async (_o: unknown, cmd: Command) => listOrders(cmd.optsWithGlobals<ListOptions>()));

  tenantCommand('show', 'One order: state, promise, lines, allocations, logistics, compensation / 订单详情').argument('<id>')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions>();
      await withTenantApp(o, async (app) => {
        const order = await app.orders.require(o.tenant, id);
        emit(o, order, () => renderOrder(app.config.lang, order));
      });
    });

  tenantCommand('overdue', 'The overdue board: paid orders past their ship-by time (with compensation) and those due soon / 超时未发货看板')
    .option('--within <hours>', 'also list orders due to ship within this many hours (0–720)', '6')
    .option('--limit <n>', 'most orders to read (1–1000)', '200')
    .action(async (_o: unknown, cmd: Command) => showOverdue(cmd.optsWithGlobals<TenantOptions & { within: string; limit: string }>()));

  tenantCommand('secret', 'The secret a payment provider signs callbacks with, and how to sign / 支付回调签名密钥')
    .action(async (_o: unknown, cmd: Command) => showSecret(cmd.optsWithGlobals<TenantOptions>()));
}
