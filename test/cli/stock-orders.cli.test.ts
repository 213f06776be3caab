import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { TenantsService } from '../../src/modules/tenants/index.js';
import { fixedClock } from '../../src/shared/time.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// `reelpath stock`, `reelpath sale` and `reelpath orders` against a real data folder: a catalogue defined
// from a file, stock imported with per-row outcomes and exit statuses, levels, sales with their stock,
// the overdue board (empty, then with orders paid in the past) and the payment-callback secret.
let data = '';
const HOUR = 3_600_000;
const reelpath = (args: string[], tenant = 'shop', lang = 'en') => runReelpath([...args, '--tenant', tenant, '--data', data, '--lang', lang]);
const file = (name: string, body: string): string => { const p = join(data, name); writeFileSync(p, body); return p; };

const CATALOGUE = {
  products: [{ id: 'p_tea', name: '龙井茶礼' }],
  skus: [
    { id: 'tea', productId: 'p_tea', name: '龙井 250g', priceFen: 3900 },
    { id: 'cup', productId: 'p_tea', name: '茶杯', priceFen: 1500 },
    { id: 'gift_box', productId: 'p_tea', name: '礼盒', priceFen: 6500, parts: [{ sku: 'tea', quantity: 1 }, { sku: 'cup', quantity: 2 }] },
  ],
  warehouses: [
    { id: 'wh_hz', name: '杭州仓', region: 'CN-ZJ', lat: 30.27, lon: 120.15 },
    { id: 'wh_gz', name: '广州仓', region: 'cn-gd', lat: 23.13, lon: 113.26 },
  ],
};

beforeAll(async () => {
  data = makeDataDir('rp-stock-cli-');
  for (const t of ['shop', 'empty', 'bulk']) expect((await runReelpath(['tenant', 'create', t, '--data', data])).code).toBe(0);
});
afterAll(() => { removeDataDir(data); });

describe('reelpath stock', () => {
  it('defines the catalogue from a file, and lists every problem of an invalid one (exit 3)', async () => {
    const ok = await reelpath(['stock', 'define', '--file', file('catalogue.json', JSON.stringify(CATALOGUE))]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Catalogue saved: wrote products 1, SKUs 3, warehouses 2; the shop now has 3 SKUs and 2 warehouses');
    const bad = await reelpath(['stock', 'define', '--file', file('bad.json', JSON.stringify({
      skus: [{ id: 'mug', productId: 'p_tea', name: 'Mug', priceFen: 9.5 }], warehouses: [{ id: 'wh_x', name: 'X', region: 'CN-XX', lat: 30, lon: 120 }],
    }))]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('[inventory_invalid_catalogue]');
    expect(bad.stderr).toContain('2 problem(s)');
    expect(bad.stderr).toContain('  - skus[0] priceFen: a non-negative integer (fen)');
    expect(bad.stderr).toContain('  - warehouses[0] region: an ISO 3166-2:CN code such as CN-ZJ');
    expect((await reelpath(['stock', 'levels', '--json'])).json<{ levels: unknown[] }>().levels).toEqual([]);
  });

  it('imports a CSV: the good rows apply, each rejected row is named by its file line, exit 4', async () => {
    const csv = file('stock.csv', 'sku,warehouse,delta,reason\ntea,wh_hz,120,\nnope,wh_hz,5,\ncup,wh_gz,40,count\ntea,wh_gz,abc,\n');
    const out = await reelpath(['stock', 'import', '--file', csv]);
    expect(out.code).toBe(4);
    expect(out.stdout).toContain('stock.csv: 4 rows, applied 2, rejected 2');
    expect(out.stdout).toContain('Rejected rows (numbered as file lines; the header is line 1):');
    expect(out.stdout).toContain('  line 3: [inventory_unknown_sku] unknown SKU nope');
    expect(out.stdout).toMatch(/ {2}line 5: \[import_bad_row\] delta must be a whole number.*"abc"/);
    expect(out.stdout).not.toContain('line 2:');
    expect(out.stdout).toContain('import only the rejected rows');
    const movements = (await reelpath(['stock', 'movements', '--json'])).json<{ movements: { sku: string; delta: number; reason: string; ref: string }[] }>().movements;
    expect(movements.map((m) => [m.sku, m.delta, m.reason, m.ref]).sort()).toEqual([['cup', 40, 'count', 'stock.csv'], ['tea', 120, 'import', 'stock.csv']]);
  });

  it('exits 3 when nothing applied (JSON items numbered from 1) and 0 when all rows apply', async () => {
    const none = await reelpath(['stock', 'import', '--file', file('none.json', JSON.stringify([{ sku: 'tea', warehouse: 'wh_nowhere', delta: 1 }, { sku: 'gift_box', warehouse: 'wh_hz', delta: 3 }])), '--json']);
    expect(none.code).toBe(3);
    expect(none.json()).toMatchObject({ numbering: 'item', rows: 2, accepted: 0, rejected: [{ row: 1, code: 'inventory_unknown_warehouse' }, { row: 2, code: 'inventory_invalid_catalogue' }] });
    const zh = await reelpath(['stock', 'import', '--file', file('writeoff.json', JSON.stringify([{ sku: 'tea', warehouse: 'wh_hz', delta: -500 }]))], 'shop', 'zh');
    expect(zh.code).toBe(3);
    expect(zh.stdout).toContain('  第 1 项：[inventory_insufficient_stock]');
    expect(zh.stdout).toContain('没有任何行入账，库存未变');
    const headerless = await reelpath(['stock', 'import', '--file', file('headerless.csv', 'tea,wh_hz,5\n')]);
    expect([headerless.code, headerless.stderr.includes('[import_bad_header]'), headerless.stderr.includes('missing sku, warehouse, delta')]).toEqual([3, true, true]);
    expect((await reelpath(['stock', 'import', '--file', join(data, 'absent.json')])).code).toBe(3);
    const all = await reelpath(['stock', 'import', '--file', file('more.csv', 'sku,warehouse,delta,ref\ncup,wh_hz,10,PO-7\ntea,wh_hz,-20,\n'), '--reason', 'count_correction']);
    expect(all.code).toBe(0);
    expect(all.stdout.trim()).toBe(`${join(data, 'more.csv')}: 2 rows, applied 2, rejected 0`);
  });

  it('shows levels with the numbers and a bar per row, and movements newest first', async () => {
    const out = await reelpath(['stock', 'levels']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('■ Stock (available █ · reserved ▒ · sold ░)');
    expect(out.stdout).toMatch(/cup\s+wh_gz\s+40\s+0\s+0 {2}█{8}\n/);
    expect(out.stdout).toMatch(/tea\s+wh_hz\s+100\s+0\s+0 {2}█{20}\n/);
    expect(out.stdout).toMatch(/Total\s+150\s+0\s+0$/m);
    const only = (await reelpath(['stock', 'levels', '--sku', 'tea', '--json'])).json<{ levels: { sku: string; available: number }[] }>();
    expect(only.levels).toEqual([expect.objectContaining({ sku: 'tea', warehouse: 'wh_hz', available: 100, reserved: 0, sold: 0 })]);
    const moves = await reelpath(['stock', 'movements', '--sku', 'tea', '--limit', '1']);
    expect(moves.stdout).toMatch(/tea\s+wh_hz\s+-20\s+100\s+count_correction\s+more\.csv/);
    expect(moves.stdout).not.toContain('+120');
    expect((await reelpath(['stock', 'movements', '--limit', '0'])).code).toBe(2);
  });

  it('shows progress on stderr for a file over 10,000 rows', async () => {
    expect((await reelpath(['stock', 'define', '--file', join(data, 'catalogue.json')], 'bulk')).code).toBe(0);
    const rows = Array.from({ length: 12_000 }, (_, i) => `${i % 2 === 0 ? 'tea' : 'cup'},wh_hz,1`);
    const out = await reelpath(['stock', 'import', '--file', file('bulk.csv', `sku,warehouse,delta\n${rows.join('\n')}\n`)], 'bulk');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('12,000 rows, applied 12,000, rejected 0');
    expect(out.stderr).toMatch(/Applying stock (100%|\[█+\] 100%)/);
    const levels = (await reelpath(['stock', 'levels', '--json'], 'bulk')).json<{ levels: { sku: string; available: number }[] }>().levels;
    expect(levels.map((l) => [l.sku, l.available])).toEqual([['cup', 6000], ['tea', 6000]]);
  });
});

describe('reelpath sale', () => {
  it('sets, lists and shows a sale with its stock summed over warehouses (bundle parts included)', async () => {
    const set = await reelpath(['sale', 'set', 'live1', '--name', '周五直播', '--skus', 'tea,gift_box', '--limit', '2', '--payment-timeout', '15m', '--ship-within', '48', '--opens', '2030-01-01T12:00:00Z']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Saved sale live1 (周五直播)');
    expect(set.stdout).toContain('SKUs: tea, gift_box; per-buyer limit: 2; pay within 15m; ships within 48 h of payment; late compensation: coupon of 5% of the order (¥3.00–¥100.00); open 2030-01-01 12:00 → no end');
    expect((await reelpath(['sale', 'set', 'live2', '--name', 'x', '--skus', 'tea', '--payment-timeout', '15'])).code).toBe(2);
    const unknown = await reelpath(['sale', 'set', 'live2', '--name', 'x', '--skus', 'tea,ghost', '--ship-within', '900']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('skus: unknown SKU ghost; shipWithinHours: 1–720');
    const list = await reelpath(['sale', 'list'], 'shop', 'zh');
    expect(list.stdout).toContain('■ 活动');
    expect(list.stdout).toMatch(/live1\s+周五直播\s+tea,gift_box\s+2\s+15m\s+48\s+2030-01-01 12:00\s+—\s+未开始/);
    const show = await reelpath(['sale', 'show', 'live1']);
    expect(show.stdout).toContain('■ live1 · 周五直播 · scheduled');
    expect(show.stdout).toMatch(/^tea\s+100\s+0\s+0\s+1$/m);
    expect(show.stdout).toMatch(/^cup \(part of gift_box\)\s+50\s+0\s+0\s+2$/m);
    const json = (await reelpath(['sale', 'show', 'live1', '--json'])).json<{ totals: { sku: string; available: number }[] }>();
    expect(json.totals.map((t) => [t.sku, t.available])).toEqual([['tea', 100], ['cup', 50]]);
    expect((await reelpath(['sale', 'show', 'nope'])).code).toBe(3);
  });
});

describe('reelpath orders', () => {
  it('prints the empty overdue board in Chinese (REELPATH_LANG or LANG) and English', async () => {
    const args = ['orders', 'overdue', '--tenant', 'empty', '--data', data];
    const zh = await runReelpath(args, { REELPATH_LANG: 'zh' });
    expect(zh.code).toBe(0);
    expect(zh.stdout.trim()).toBe('没有超时未发货的订单，未来 6 小时内也没有到期的订单');
    expect((await runReelpath([...args, '--within', '24'], { REELPATH_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'zh_CN.UTF-8' })).stdout.trim())
      .toBe('没有超时未发货的订单，未来 24 小时内也没有到期的订单');
    expect((await runReelpath([...args, '--lang', 'en'])).stdout.trim()).toBe('Nothing overdue, and nothing due to ship within 6 h');
    expect((await runReelpath([...args, '--lang', 'en', '--within', '721'])).code).toBe(2);
  });

  it('lists, shows and boards orders paid in the past: overdue with hours and compensation, and at risk', async () => {
    const now = Date.now();
    const clock = fixedClock(now - 50 * HOUR);
    const app = await createApp(loadConfig({ env: { REELPATH_DATA: data, REELPATH_LOG_LEVEL: 'silent' } }), { clock });
    const late = (await app.checkout.place('shop', { clientKey: 'cli-test-late-1', buyer: 'b_late', lines: [{ sku: 'tea', quantity: 2 }], destination: { region: 'CN-ZJ' } })).order;
    await app.orderEvents.apply('shop', late.id, 'pay');
    clock.set(now - 40 * HOUR);
    const soon = (await app.checkout.place('shop', { clientKey: 'cli-test-soon-1', buyer: 'b_soon', lines: [{ sku: 'cup', quantity: 1 }], destination: { region: 'CN-GD' } })).order;
    await app.orderEvents.apply('shop', soon.id, 'pay');
    const secret = TenantsService.paymentSecret(await app.tenants.getTenant('shop'));
    await app.close();

    const board = await reelpath(['orders', 'overdue', '--within', '12']);
    expect(board.code).toBe(0);
    expect(board.stdout).toContain('■ Overdue, not shipped: 1 orders (compensation recorded ¥0.00)');
    expect(board.stdout).toMatch(new RegExp(`${late.id}\\s+b_late\\s+¥78\\.00\\s+\\S+ \\S+\\s+2\\.0\\s+¥3\\.90 coupon \\(pending\\)`));
    expect(board.stdout).toContain('■ Due to ship within 12 h: 1 orders');
    expect(board.stdout).toMatch(new RegExp(`${soon.id}\\s+b_soon\\s+¥15\\.00\\s+\\S+ \\S+\\s+8\\.0`));
    const narrow = (await reelpath(['orders', 'overdue', '--json'])).json<{ overdue: { id: string }[]; atRisk: unknown[]; withinHours: number }>();
    expect([narrow.overdue.map((o) => o.id), narrow.atRisk.length, narrow.withinHours]).toEqual([[late.id], 0, 6]);

    const list = await reelpath(['orders', 'list', '--state', 'paid'], 'shop', 'zh');
    expect(list.stdout).toMatch(new RegExp(`${soon.id}\\s+paid\\s+b_soon\\s+—\\s+¥15\\.00`));
    expect(list.stdout).toMatch(new RegExp(`${late.id}\\s+paid\\s+b_late\\s+—\\s+¥78\\.00`));
    expect((await reelpath(['orders', 'list', '--buyer', 'b_late', '--json'])).json<{ orders: { id: string }[] }>().orders.map((o) => o.id)).toEqual([late.id]);
    expect((await reelpath(['orders', 'list', '--state', 'lost'])).code).toBe(2);
    const show = await reelpath(['orders', 'show', late.id]);
    expect(show.stdout).toMatch(/^State\s+paid$/m);
    expect(show.stdout).toMatch(/^tea\s+2\s+¥39\.00$/m);
    expect(show.stdout).toMatch(/^tea\s+wh_hz\s+2$/m);
    expect((await reelpath(['orders', 'show', 'ord_missing'])).code).toBe(3);
    expect((await reelpath(['stock', 'levels', '--sku', 'tea', '--json'])).json<{ levels: { sold: number }[] }>().levels[0]?.sold).toBe(2);

    const printed = await reelpath(['orders', 'secret']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`Payment-callback secret of tenant shop (keep it safe): ${secret}`);
    expect(secret).toMatch(/^paysec_[0-9a-f]{48}$/);
    expect(printed.stdout).toContain('reelpath-signature = "v1=" + hex HMAC-SHA256(secret, "<timestamp>.<body>"); POST to /v1/payments/shop/callback');
    expect((await reelpath(['orders', 'secret', '--json'], 'empty')).json<{ secret: string }>().secret).not.toBe(secret);
    expect((await reelpath(['orders', 'secret'], 'ghost')).code).toBe(3);
  });
});
