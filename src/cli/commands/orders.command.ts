import type { Command } from 'commander';
import type { App } from '../../app/app.js';
import { defineSale, type SaleInput } from '../../flows/stock-admin.flow.js';
import { compensationFor, isSaleOpen, ORDER_STATES, type CompensationRule, type Order, type OrderState, type Sale } from '../../modules/orders/index.js';
import { TenantsService } from '../../modules/tenants/index.js';
import { AppError } from '../../shared/errors/index.js';
import { formatMinorUnits } from '../../shared/money.js';
import { formatDuration, parseDuration } from '../../shared/time.js';
import { SIGNATURE_HEADERS } from '../../shared/signed-body.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { listFlag, parseTimeFlag, positiveIntFlag } from '../flag-parsers.js';
import { msg } from '../messages.js';
import { displayWidth, padTo, renderTable } from '../report-table.js';

interface TenantOptions extends GlobalOptions { tenant: string }
interface ListOptions extends TenantOptions { state?: string; sale?: string; buyer?: string; limit: string }
interface SaleOptions extends TenantOptions {
  name: string; skus: string; limit?: string; paymentTimeout?: string; shipWithin?: string; compensation?: string; opens?: string; closes?: string;
}

const HOUR = 3_600_000;

/** Fen as yuan for terminal tables: 12345 → ¥123.45. */
export const yuan = (fen: number): string => `¥${formatMinorUnits(fen)}`;

/** An instant as `YYYY-MM-DD HH:MM` UTC; `—` when absent. */
export const utcMinute = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

/** A whole-number flag within [lo, hi]; `cli_usage` otherwise. */
function boundedFlag(name: string, value: string, lo: number, hi: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < lo || n > hi) throw new AppError('cli_usage', `--${name} is a whole number in ${lo}–${hi}, got ${value}`);
  return n;
}

function compensationText(lang: 'zh' | 'en', o: Order): string {
  const kind = (k: 'coupon' | 'credit'): string => msg(lang, k === 'coupon' ? 'sale_coupon' : 'sale_credit');
  if (o.compensation) return `${yuan(o.compensation.amountFen)} ${kind(o.compensation.kind)}`;
  // Recorded by the sweep of `reelpath serve`; until then show what the order's rule will give.
  return msg(lang, 'orders_compensation_pending', { amount: `${yuan(compensationFor(o))} ${kind(o.compensationRule.kind)}` });
}

async function listOrders(o: ListOptions): Promise<void> {
  if (o.state !== undefined && !ORDER_STATES.includes(o.state as OrderState)) throw new AppError('cli_usage', `--state is one of ${ORDER_STATES.join(', ')}, got ${o.state}`);
  const limit = boundedFlag('limit', o.limit, 1, 1000);
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

/** The overdue board, as GET /v1/orders/overdue: paid orders past their ship-by time and those due within `within` hours. */
export async function overdueBoard(app: App, tenant: string, within: number, limit: number) {
  const now = app.clock.now();
  const due = await app.orders.list(tenant, { dueBy: now + within * HOUR, limit });
  const overdue = due.filter((o) => (o.promiseDue ?? Infinity) <= now);
  return {
    now, withinHours: within, overdue, atRisk: due.filter((o) => (o.promiseDue ?? Infinity) > now),
    compensatedFen: overdue.reduce((n, o) => n + (o.compensation?.amountFen ?? 0), 0),
  };
}

async function showOverdue(o: TenantOptions & { within: string; limit: string }): Promise<void> {
  const within = boundedFlag('within', o.within, 0, 720);
  const limit = boundedFlag('limit', o.limit, 1, 1000);
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    const board = await overdueBoard(app, o.tenant, within, limit);
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

/** `--payment-timeout`: a duration with its unit (15m, 1h); a bare number is refused (minutes or ms?). */
function paymentTimeoutFlag(value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? undefined : parseDuration(value);
  if (ms === undefined) throw new AppError('cli_usage', `--payment-timeout takes a duration with a unit such as 15m or 1h, got ${value}`);
  return ms;
}

/** `--ship-within`: hours (48), or a duration with a unit (2d). */
function shipWithinFlag(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const ms = parseDuration(value);
  if (ms === undefined) throw new AppError('cli_usage', `--ship-within takes hours (48) or a duration such as 2d, got ${value}`);
  return ms / HOUR;
}

/** `--compensation kind:percent[:minFen:maxFen]`, e.g. `coupon:5:300:10000`. */
function compensationFlag(value: string): Partial<CompensationRule> {
  const [kind, percent, minFen, maxFen] = value.split(':');
  if ((kind !== 'coupon' && kind !== 'credit') || percent === undefined || (minFen === undefined) !== (maxFen === undefined)) {
    throw new AppError('cli_usage', `--compensation is coupon|credit:PERCENT[:MIN_FEN:MAX_FEN], got ${value}`);
  }
  return { kind, percent: Number(percent), ...(minFen !== undefined && maxFen !== undefined ? { minFen: Number(minFen), maxFen: Number(maxFen) } : {}) };
}

function saleInput(id: string, o: SaleOptions): SaleInput {
  const opensAt = parseTimeFlag(o.opens);
  const closesAt = parseTimeFlag(o.closes);
  return {
    id, name: o.name, skus: listFlag(o.skus) ?? [],
    ...(o.limit !== undefined ? { perBuyerLimit: positiveIntFlag('limit', o.limit) } : {}),
    ...(o.paymentTimeout !== undefined ? { paymentTimeoutMs: paymentTimeoutFlag(o.paymentTimeout) } : {}),
    ...(o.shipWithin !== undefined ? { shipWithinHours: shipWithinFlag(o.shipWithin) } : {}),
    ...(o.compensation !== undefined ? { compensation: compensationFlag(o.compensation) } : {}),
    ...(opensAt !== undefined ? { opensAt } : {}), ...(closesAt !== undefined ? { closesAt } : {}),
  };
}

function saleState(lang: 'zh' | 'en', s: Sale, now: number): string {
  return msg(lang, isSaleOpen(s, now) ? 'sale_state_open' : now < s.opensAt ? 'sale_state_scheduled' : 'sale_state_closed');
}

function describeSale(lang: 'zh' | 'en', s: Sale): string {
  const c = s.compensation;
  return msg(lang, 'sale_rules', {
    skus: s.skus.join(', '), limit: s.perBuyerLimit ?? msg(lang, 'sale_no_limit'), pay: formatDuration(s.paymentTimeoutMs), ship: s.shipWithinHours,
    compensation: msg(lang, 'sale_compensation', { kind: msg(lang, c.kind === 'coupon' ? 'sale_coupon' : 'sale_credit'), percent: c.percent, min: yuan(c.minFen), max: yuan(c.maxFen) }),
    opens: utcMinute(s.opensAt), closes: s.closesAt === null ? msg(lang, 'sale_no_close') : utcMinute(s.closesAt),
  });
}

/** A sale with the stock of its SKUs summed over warehouses (a bundle's parts, as GET /v1/sales/:id). */
async function saleWithStock(app: App, tenant: string, id: string) {
  const sale = await app.orders.sale(tenant, id);
  if (!sale) throw new AppError('orders_sale_not_found', `No sale ${id}`, { details: { saleId: id } });
  const snap = await app.catalogue.snapshot(tenant);
  const wanted = sale.skus.flatMap((s): Array<{ sku: string; bundle: string | null }> => { const sku = snap.skus.get(s); return sku && sku.parts.length > 0 ? sku.parts.map((p) => ({ sku: p.sku, bundle: s })) : [{ sku: s, bundle: null }]; });
  const stock = await app.stock.levels(tenant, [...new Set(wanted.map((w) => w.sku))]);
  const totals = wanted.filter((w, i) => wanted.findIndex((x) => x.sku === w.sku) === i).map((w) => {
    const rows = stock.filter((r) => r.sku === w.sku);
    const sum = (k: 'available' | 'reserved' | 'sold'): number => rows.reduce((n, r) => n + r[k], 0);
    return { sku: w.sku, partOf: w.bundle, available: sum('available'), reserved: sum('reserved'), sold: sum('sold'), warehouses: rows.length };
  });
  return { sale, stock, totals };
}

/** `reelpath sale …`: live sales (flash sales) with their rules and stock. */
export function registerSaleCommand(program: Command): void {
  const sale = program.command('sale').description('Live sales: set, list, show with stock / 直播活动（秒杀）');
  const tenantCommand = (name: string, description: string) => sale.command(name).description(description).option('--tenant <id>', 'tenant', 'demo');

  tenantCommand('set', 'Create or replace a sale (omitted rules take the defaults) / 创建或替换活动').argument('<id>')
    .requiredOption('--name <name>', 'display name').requiredOption('--skus <ids>', 'SKUs of the sale (comma-separated)')
    .option('--limit <n>', 'most units one buyer may hold (default: no limit)')
    .option('--payment-timeout <duration>', 'how long an unpaid order holds its units, 1m–24h (e.g. 15m; default from config)')
    .option('--ship-within <hours>', 'ship-by promise after payment, 1–720 hours (default from config)')
    .option('--compensation <rule>', 'late-shipping compensation kind:percent[:minFen:maxFen], e.g. coupon:5:300:10000')
    .option('--opens <time>', 'opens at (ISO-8601 or epoch ms; default now)').option('--closes <time>', 'closes at (ISO-8601 or epoch ms; default never)')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<SaleOptions>();
      const input = saleInput(id, o);
      await withTenantApp(o, async (app) => {
        const defaults = { paymentTimeoutMs: app.config.orders.paymentTimeoutMs, shipWithinHours: app.config.orders.shipWithinHours };
        const saved = await defineSale({ ...app, defaults }, o.tenant, input);
        emit(o, saved, () => `${msg(app.config.lang, 'sale_saved', { id: saved.id, name: saved.name })}\n${describeSale(app.config.lang, saved)}`);
      });
    });

  tenantCommand('list', 'Sales, newest first / 活动列表').action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions>();
    await withTenantApp(o, async (app) => {
      const lang = app.config.lang;
      const sales = await app.orders.listSales(o.tenant);
      const now = app.clock.now();
      emit(o, { sales }, () => (sales.length === 0 ? msg(lang, 'sale_none') : renderTable(msg(lang, 'sale_list_title'), msg(lang, 'sale_list_header').split('|'), sales.map((s) => [
        s.id, s.name, s.skus.join(','), s.perBuyerLimit === null ? '—' : String(s.perBuyerLimit), formatDuration(s.paymentTimeoutMs), String(s.shipWithinHours),
        utcMinute(s.opensAt), utcMinute(s.closesAt), saleState(lang, s, now),
      ]))));
    });
  });

  tenantCommand('show', 'A sale with its stock summed over warehouses / 活动详情与库存').argument('<id>').action(async (id: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<TenantOptions>();
    await withTenantApp(o, async (app) => {
      const lang = app.config.lang;
      const shown = await saleWithStock(app, o.tenant, id);
      const s = shown.sale;
      emit(o, shown, () => [
        `■ ${s.id} · ${s.name} · ${saleState(lang, s, app.clock.now())}`, describeSale(lang, s), '',
        renderTable(msg(lang, 'sale_stock_title'), msg(lang, 'sale_stock_header').split('|'), shown.totals.map((t) => [
          t.partOf === null ? t.sku : msg(lang, 'sale_part_of', { sku: t.sku, bundle: t.partOf }), String(t.available), String(t.reserved), String(t.sold), String(t.warehouses),
        ])),
      ].join('\n'));
    });
  });
}
