import type { Command } from 'commander';
import { defineSale, saleWithStock, type SaleInput } from '../../flows/stock-admin.flow.js';
import { isSaleOpen, type CompensationRule, type Sale } from '../../modules/orders/index.js';
import { AppError } from '../../shared/errors/index.js';
import { formatDuration, parseDuration } from '../../shared/time.js';
import { emit, withTenantApp } from '../cli-context.js';
import { listFlag, parseTimeFlag, positiveIntFlag } from '../flag-parsers.js';
import { msg } from '../messages.js';
import { renderTable } from '../report-table.js';
import { HOUR, utcMinute, yuan, type TenantOptions } from './orders.command.js';

interface SaleOptions extends TenantOptions {
  name: string; skus: string; limit?: string; paymentTimeout?: string; shipWithin?: string; compensation?: string; opens?: string; closes?: string;
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
