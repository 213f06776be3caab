import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CommanderError, type Command } from 'commander';
import type { App } from '../../app/app.js';
import { adjustStock } from '../../flows/stock-admin.flow.js';
import { readCsvFile } from '../../modules/importer/index.js';
import type { AdjustRequest, Product, Sku, StockLevel, Warehouse } from '../../modules/inventory/index.js';
import { AppError, isAppError } from '../../shared/errors/index.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { boundedIntFlag, listFlag } from '../flag-parsers.js';
import { msg } from '../messages.js';
import { ProgressBar } from '../progress.js';
import { count, renderTable } from '../report-table.js';

interface TenantOptions extends GlobalOptions { tenant: string }
interface ImportOptions extends TenantOptions { file: string; reason: string; ref?: string }

/** One row of a stock file: what to apply, or why it cannot be read. `row` is its number in the file. */
interface StockFileRow { readonly row: number; readonly item?: AdjustRequest; readonly problem?: string }
interface Rejection { readonly row: number; readonly code: string; readonly reason: string }

/** Rows per `adjustStock` call (the HTTP endpoint's cap) and the file size from which a progress bar shows. */
const CHUNK_ROWS = 5000;
const PROGRESS_FROM_ROWS = 10_000;
const MAX_LISTED_REJECTIONS = 50;
const BAR_WIDTH = 20;

/** Exit statuses of `stock import` that are outcomes, not errors (see `runCli` in program.ts). */
export const IMPORT_EXIT = { allApplied: 0, nothingApplied: 3, someRejected: 4 } as const;

const IMPORT_HELP = `
Rows are numbered as in the file: for CSV the file line (the header is line 1, so the first data row is
line 2); for JSON the position in the array, from 1. / 行号：CSV 为文件行号（表头是第 1 行），JSON 为数组中的第几项（从 1 开始）。

Exit status / 退出码:
  0  every row applied / 全部入账
  4  some rows rejected, the others applied: fix and re-import only the rejected rows / 部分行被拒绝，其余已入账：只重新导入被拒绝的行
  3  nothing applied, stock unchanged: every row rejected, the file is missing, or its header lacks
     sku, warehouse or delta / 没有任何行入账，库存未变（全部被拒绝、文件不存在或表头缺列）
  2  usage error (not JSON, no rows, bad options); nothing applied / 用法错误，未入账`;

/** Reads a JSON file; `cli_usage` when it is not JSON. */
function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('cli_usage', `${path} is not a readable JSON file: ${(err as Error).message}`, { cause: err });
  }
}

/** A whole number of units as written (`+5`, `-2`, 7); undefined otherwise. */
function wholeDelta(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  return typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : undefined;
}

function toRow(row: number, f: { sku?: unknown; warehouse?: unknown; delta?: unknown; reason?: unknown; ref?: unknown }, defaults: { reason: string; ref: string }): StockFileRow {
  const delta = wholeDelta(f.delta);
  if (delta === undefined) return { row, problem: `delta must be a whole number of units (+ receives, − writes off), got ${JSON.stringify(f.delta ?? null)}` };
  const text = (v: unknown, fallback: string): string => (v === undefined || v === null || v === '' ? fallback : String(v));
  return { row, item: { sku: text(f.sku, '').trim(), warehouse: text(f.warehouse, '').trim(), delta, reason: text(f.reason, defaults.reason), ref: text(f.ref, defaults.ref) } };
}

/** Reads a stock CSV (`sku,warehouse,delta[,reason,ref]`, columns by header name); rows by file line. */
async function readStockCsv(path: string, defaults: { reason: string; ref: string }): Promise<StockFileRow[]> {
  const rows: StockFileRow[] = [];
  let columns: Map<string, number> | undefined;
  for await (const batch of readCsvFile(path, { header: true })) {
    columns ??= new Map((batch.header ?? []).map((h, i) => [h.trim().toLowerCase(), i]));
    const missing = ['sku', 'warehouse', 'delta'].filter((c) => !columns!.has(c));
    if (missing.length > 0) throw new AppError('import_bad_header', `${path}: the header needs sku, warehouse and delta (reason, ref optional); missing ${missing.join(', ')}`);
    for (const r of batch.rows) {
      if (r.error !== undefined) { rows.push({ row: r.line, problem: r.error }); continue; }
      const field = (name: string): string | undefined => { const i = columns!.get(name); return i === undefined ? undefined : r.fields[i]; };
      rows.push(toRow(r.line, { sku: field('sku'), warehouse: field('warehouse'), delta: field('delta'), reason: field('reason'), ref: field('ref') }, defaults));
    }
  }
  if (columns === undefined) throw new AppError('import_bad_header', `${path} is empty: expected the header sku,warehouse,delta[,reason,ref]`);
  return rows;
}

/** Reads a stock JSON file: an array of `{sku, warehouse, delta, reason?, ref?}` (or `{adjustments: […]}`); rows by position from 1. */
function readStockJson(path: string, defaults: { reason: string; ref: string }): StockFileRow[] {
  const body = readJsonFile(path);
  const items = Array.isArray(body) ? body : (body as { adjustments?: unknown })?.adjustments;
  if (!Array.isArray(items)) throw new AppError('cli_usage', `${path}: expected a JSON array of { sku, warehouse, delta, reason?, ref? }`);
  return items.map((x: unknown, i) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? toRow(i + 1, x, defaults) : { row: i + 1, problem: 'not an object { sku, warehouse, delta }' }));
}

/** Applies the readable rows in chunks through the same flow as POST /v1/stock/adjustments. */
async function applyRows(app: App, tenant: string, rows: readonly StockFileRow[], bar: ProgressBar): Promise<Rejection[]> {
  const rejected: Rejection[] = rows.flatMap((r) => (r.problem === undefined ? [] : [{ row: r.row, code: 'import_bad_row', reason: r.problem }]));
  const good = rows.filter((r): r is StockFileRow & { item: AdjustRequest } => r.item !== undefined);
  const unreadable = rows.length - good.length;
  for (let start = 0; start < good.length; start += CHUNK_ROWS) {
    const chunk = good.slice(start, start + CHUNK_ROWS);
    const report = await adjustStock(app, tenant, chunk.map((r) => r.item));
    for (const x of report.rejected) rejected.push({ row: chunk[x.index]!.row, code: x.code, reason: x.reason });
    bar.update(unreadable + start + chunk.length);
  }
  bar.done();
  return rejected.sort((a, b) => a.row - b.row);
}

async function importStock(o: ImportOptions): Promise<void> {
  if (!existsSync(o.file)) throw new AppError('import_file_not_found', `${o.file} does not exist`, { details: { file: o.file } });
  const isJson = o.file.toLowerCase().endsWith('.json');
  const defaults = { reason: o.reason, ref: o.ref ?? basename(o.file) };
  const rows = isJson ? readStockJson(o.file, defaults) : await readStockCsv(o.file, defaults);
  if (rows.length === 0) throw new AppError('cli_usage', `${o.file} has no rows to import`);
  let status: number = IMPORT_EXIT.allApplied;
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    const bar = new ProgressBar(msg(lang, 'stock_import_progress'), rows.length, lang === 'zh' ? '行' : 'rows', !o.json && rows.length > PROGRESS_FROM_ROWS);
    const rejected = await applyRows(app, o.tenant, rows, bar);
    const accepted = rows.length - rejected.length;
    status = rejected.length === 0 ? IMPORT_EXIT.allApplied : accepted === 0 ? IMPORT_EXIT.nothingApplied : IMPORT_EXIT.someRejected;
    emit(o, { file: o.file, numbering: isJson ? 'item' : 'line', rows: rows.length, accepted, rejected }, () => {
      const lines = [msg(lang, 'stock_import_summary', { file: o.file, rows: count(rows.length), accepted: count(accepted), rejected: count(rejected.length) })];
      if (rejected.length === 0) return lines[0]!;
      lines.push(msg(lang, isJson ? 'stock_import_numbering_item' : 'stock_import_numbering_line'));
      for (const r of rejected.slice(0, MAX_LISTED_REJECTIONS)) lines.push(msg(lang, isJson ? 'stock_import_rejected_item' : 'stock_import_rejected_line', { row: r.row, code: r.code, reason: r.reason }));
      if (rejected.length > MAX_LISTED_REJECTIONS) lines.push(msg(lang, 'stock_import_more', { n: count(rejected.length - MAX_LISTED_REJECTIONS) }));
      lines.push(msg(lang, accepted === 0 ? 'stock_import_nothing' : 'stock_import_partial'));
      return lines.join('\n');
    });
  });
  // The report is printed; a non-zero status here is an outcome, not an error (runCli returns it as is).
  if (status !== IMPORT_EXIT.allApplied) throw new CommanderError(status, 'reelpath.outcome', `stock import: ${status === IMPORT_EXIT.nothingApplied ? 'nothing applied' : 'some rows rejected'}`);
}

type CatalogueFile = { products?: Product[]; skus?: Array<Omit<Sku, 'parts' | 'currency'> & { parts?: Sku['parts']; currency?: string }>; warehouses?: Warehouse[] };

/** `stock define`: the body of PUT /v1/catalogue; an invalid catalogue lists every problem, one per line. */
async function defineCatalogue(o: TenantOptions & { file: string }): Promise<void> {
  const body = readJsonFile(o.file) as CatalogueFile;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('cli_usage', `${o.file}: expected an object { products?, skus?, warehouses? }`);
  const skus = (Array.isArray(body.skus) ? body.skus : []).map((s) => ({ ...s, parts: s.parts ?? [], currency: s.currency ?? 'CNY' }));
  const products = Array.isArray(body.products) ? body.products : [];
  const warehouses = Array.isArray(body.warehouses) ? body.warehouses : [];
  await withTenantApp(o, async (app) => {
    try {
      await app.catalogue.define(o.tenant, { products, skus, warehouses });
    } catch (err) {
      const problems = isAppError(err) ? (err.details?.problems as string[] | undefined) : undefined;
      if (!isAppError(err) || !problems) throw err;
      throw new AppError(err.code, `${o.file}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`, { details: err.details as Record<string, unknown>, cause: err });
    }
    const snap = await app.catalogue.snapshot(o.tenant);
    const counts = { products: products.length, skus: skus.length, warehouses: warehouses.length, totalSkus: snap.skus.size, totalWarehouses: snap.warehouses.length };
    emit(o, counts, () => msg(app.config.lang, 'stock_defined', counts));
  });
}

/** A stacked bar of one SKU × warehouse, scaled to `max` units: available █, reserved ▒, sold ░. */
export function drawStockBar(level: StockLevel, max: number): string {
  const cells = (units: number): number => Math.round((BAR_WIDTH * units) / Math.max(1, max));
  const a = cells(level.available);
  const r = cells(level.available + level.reserved) - a;
  const s = cells(level.available + level.reserved + level.sold) - a - r;
  return `${'█'.repeat(a)}${'▒'.repeat(r)}${'░'.repeat(s)}`;
}

async function showLevels(o: TenantOptions & { sku?: string }): Promise<void> {
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    const levels = await app.stock.levels(o.tenant, listFlag(o.sku));
    emit(o, { engine: app.stock.engine, levels }, () => {
      if (levels.length === 0) return msg(lang, 'stock_none');
      const max = Math.max(...levels.map((l) => l.available + l.reserved + l.sold));
      const sum = (k: keyof StockLevel): string => count(levels.reduce((n, l) => n + l[k], 0));
      const rows = levels.map((l) => [l.sku, l.warehouse, count(l.available), count(l.reserved), count(l.sold)]);
      const table = renderTable(msg(lang, 'stock_levels_title'), msg(lang, 'stock_levels_header').split('|'), [...rows, [msg(lang, 'stock_total'), '', sum('available'), sum('reserved'), sum('sold')]]).split('\n');
      // Title and header come first; the bars follow the data rows (not the total).
      return table.map((line, i) => (i >= 2 && i - 2 < levels.length ? `${line}  ${drawStockBar(levels[i - 2]!, max)}` : line)).join('\n');
    });
  });
}

async function showMovements(o: TenantOptions & { sku?: string; limit: string }): Promise<void> {
  const limit = boundedIntFlag('limit', o.limit, 1, 1000);
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    const movements = await app.stock.movements(o.tenant, { limit, ...(o.sku ? { sku: o.sku } : {}) });
    emit(o, { movements }, () => (movements.length === 0 ? msg(lang, 'stock_movements_none') : renderTable(msg(lang, 'stock_movements_title'), msg(lang, 'stock_movements_header').split('|'),
      movements.map((m) => [new Date(m.at).toISOString().slice(0, 19).replace('T', ' '), m.sku, m.warehouse, m.delta > 0 ? `+${m.delta}` : String(m.delta), count(m.availableAfter), m.reason, m.ref || '—']))));
  });
}

/** `reelpath stock …`: the catalogue, stock imports and adjustments, levels and movements. */
export function registerStockCommand(program: Command): void {
  const stock = program.command('stock').description('Catalogue and stock: define, import, levels, movements / 商品目录与库存');
  const tenantCommand = (name: string, description: string) => stock.command(name).description(description).option('--tenant <id>', 'tenant', 'demo');

  tenantCommand('define', 'Add or replace products, SKUs and warehouses from a JSON file (the body of PUT /v1/catalogue) / 从 JSON 文件定义商品、SKU 与仓库')
    .requiredOption('--file <path>', 'catalogue JSON: { products?, skus?: [{ id, productId, name, priceFen, currency?, parts? }], warehouses?: [{ id, name, region, lat, lon }] }')
    .action(async (_o: unknown, cmd: Command) => defineCatalogue(cmd.optsWithGlobals<TenantOptions & { file: string }>()));

  tenantCommand('import', 'Receive or write off stock from a CSV or JSON file, with per-row outcomes / 从 CSV 或 JSON 文件入库或核减库存')
    .requiredOption('--file <path>', 'CSV with header sku,warehouse,delta[,reason,ref], or a JSON array of { sku, warehouse, delta, reason?, ref? } (.json)')
    .option('--reason <reason>', 'reason for rows that give none', 'import')
    .option('--ref <ref>', 'reference for rows that give none (default: the file name)')
    .addHelpText('after', IMPORT_HELP)
    .action(async (_o: unknown, cmd: Command) => importStock(cmd.optsWithGlobals<ImportOptions>()));

  tenantCommand('levels', 'Available, reserved and sold units per SKU and warehouse / 各仓库存（可售、预占、已售）')
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .action(async (_o: unknown, cmd: Command) => showLevels(cmd.optsWithGlobals<TenantOptions & { sku?: string }>()));

  tenantCommand('movements', 'Stock movements, newest first / 库存流水（最新在前）')
    .option('--sku <id>', 'only this SKU').option('--limit <n>', 'most movements to show (1–1000)', '50')
    .action(async (_o: unknown, cmd: Command) => showMovements(cmd.optsWithGlobals<TenantOptions & { sku?: string; limit: string }>()));
}
