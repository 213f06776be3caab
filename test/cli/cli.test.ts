import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/shared/logging/logger.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';
import { dataset } from '../harness/data-dir.js';

/*
 * The CLI in-process (`runCli`), each test with its own --data folder. Dataset counts are checked
 * against an independent count of the file done here with plain string splitting.
 */

const dirs: string[] = [];
function freshDir(): string {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeDataDir(d);
});

/** Per-name event counts stored in a data folder, read through the app (not the CLI). */
async function storedCounts(dataDir: string, tenant: string): Promise<Record<string, number>> {
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: dataDir, REELPATH_LOG_LEVEL: 'silent' } }), { logger: createLogger('silent') });
  try {
    return await app.events.countByName(tenant);
  } finally {
    await app.close();
  }
}

function expectNonIncreasing(counts: readonly number[]): void {
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] as number);
}

interface StepReport { name: string; count: number }
interface GroupReport { group: string; steps: StepReport[] }

describe('reelpath config', () => {
  it('prints the effective config as JSON with the database password and admin token redacted', async () => {
    const data = freshDir();
    const run = await runReelpath(['config', '--json', '--data', data, '--port', '8123'], {
      REELPATH_DB_URL: 'postgres://u:secret@h/db', REELPATH_ADMIN_TOKEN: 'tok', REELPATH_LOG_LEVEL: undefined, REELPATH_CONFIG: undefined,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('secret');
    expect(run.stdout).not.toContain('tok');
    const config = run.json();
    expect(config.dataDir).toBe(data);
    expect(config.api.port).toBe(8123);
    expect(config.dbUrl).toBe('postgres://u:***@h/db');
    expect(config.api.adminToken).toBe('***');
  });

  it('the human output is redacted too', async () => {
    const run = await runReelpath(['config', '--data', freshDir()], { REELPATH_DB_URL: 'postgres://u:secret@h/db', REELPATH_ADMIN_TOKEN: 'tok' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('REELPATH_DB_URL');
    expect(run.stdout).not.toContain('secret');
    expect(run.stdout).not.toContain('tok');
  });

  it('an invalid config exits non-zero with config_invalid naming every problem at once', async () => {
    const run = await runReelpath(['config', '--json', '--data', freshDir(), '--port', '99999'], { REELPATH_LOG_LEVEL: 'loud' });
    expect(run.code).not.toBe(0);
    const { error } = run.json();
    expect(error.code).toBe('config_invalid');
    expect(error.details.errors).toHaveLength(2);
    expect(error.details.errors.join('\n')).toMatch(/api\.port/);
    expect(error.details.errors.join('\n')).toMatch(/log\.level/);
  });

  it('without --json the config errors go to stderr, both named', async () => {
    const run = await runReelpath(['config', '--data', freshDir(), '--port', '99999'], { REELPATH_LOG_LEVEL: 'loud', REELPATH_LANG: 'en' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('[config_invalid]');
    expect(run.stderr).toContain('api.port');
    expect(run.stderr).toContain('log.level');
  });
});

describe('reelpath tenant', () => {
  it('create prints a write key and a secret key; creating it again fails with tenants_exists, exit 3', async () => {
    const data = freshDir();
    const first = await runReelpath(['tenant', 'create', 'shop-1', '--json', '--data', data]);
    expect(first.code).toBe(0);
    const created = first.json();
    expect(created.tenant).toBe('shop-1');
    expect(created.writeKey).toMatch(/^rp_pub_\S{16,}$/);
    expect(created.secretKey).toMatch(/^rp_sec_\S{16,}$/);
    expect(created.writeKey).not.toBe(created.secretKey);

    const again = await runReelpath(['tenant', 'create', 'shop-1', '--json', '--data', data]);
    expect(again.code).toBe(3);
    expect(again.json().error.code).toBe('tenants_exists');

    const list = await runReelpath(['tenant', 'list', '--json', '--data', data]);
    expect(list.json().map((t: { id: string }) => t.id)).toEqual(['shop-1']);
  });
});

/** Independent count of a REES46 file: complete rows per canonical name, rows expected to be rejected. */
function countRees46(text: string): { byName: Record<string, number>; accepted: number; rejected: number; viewUsers: number } {
  const names: Record<string, string> = { view: 'detail_view', cart: 'add_to_cart', purchase: 'pay' };
  const byName: Record<string, number> = {};
  const viewUsers = new Set<string>();
  let accepted = 0;
  let rejected = 0;
  const lines = text.split('\n').slice(1).map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  for (const line of lines) {
    const f = line.split(',');
    const name = names[f[1] as string];
    if (f.length !== 9 || name === undefined) { rejected++; continue; }
    accepted++;
    byName[name] = (byName[name] ?? 0) + 1;
    if (name === 'detail_view') viewUsers.add(f[7] as string);
  }
  return { byName, accepted, rejected, viewUsers: viewUsers.size };
}

/** Independent count of a Taobao UserBehavior file (no header, five columns). */
function countTaobao(text: string): { byName: Record<string, number>; accepted: number; rejected: number } {
  const names: Record<string, string> = { pv: 'detail_view', fav: 'favorite', cart: 'add_to_cart', buy: 'order' };
  const byName: Record<string, number> = {};
  let accepted = 0;
  let rejected = 0;
  for (const line of text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '')) {
    const f = line.split(',');
    const name = names[f[3] as string];
    if (f.length !== 5 || name === undefined || !/^\d+$/.test(f[4] as string)) { rejected++; continue; }
    accepted++;
    byName[name] = (byName[name] ?? 0) + 1;
  }
  return { byName, accepted, rejected };
}

const rees46Dir = dataset('rees46-ecommerce-sample');
const taobaoDir = dataset('taobao-userbehavior-sample');

describe('reelpath import — REES46 sample', () => {
  const file = rees46Dir ? join(rees46Dir, '2019-Oct_head_sample.csv') : '';

  it.skipIf(!rees46Dir)('accepts exactly the complete rows per event type, and the funnel starts at the distinct viewers', async () => {
    const data = freshDir();
    const expected = countRees46(readFileSync(file, 'utf8'));
    // SOURCE.md: 17,434 complete rows + 1 truncated; sanity-check the independent count itself.
    expect(expected.accepted).toBe(17_434);
    expect(expected.rejected).toBe(1);

    const run = await runReelpath(['import', file, '--format', 'rees46', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
    expect(run.code).toBe(0);
    const summary = run.json();
    expect(summary.rowsRead).toBe(expected.accepted + expected.rejected);
    expect(summary.accepted).toBe(expected.accepted);
    expect(summary.duplicates).toBe(0);
    expect(summary.rejected).toBe(expected.rejected);
    expect(summary.rejectedByReason).toEqual({ import_bad_row: expected.rejected });
    // The truncated row is the last physical line of the file (header is line 1).
    expect(summary.examples.map((e: { line: number }) => e.line)).toEqual([expected.accepted + expected.rejected + 1]);

    expect(await storedCounts(data, 'shop-t')).toEqual(expected.byName);

    const funnel = await runReelpath(['funnel', '--tenant', 'shop-t', '--steps', 'detail_view,add_to_cart,pay', '--window', '24h', '--json', '--data', data]);
    expect(funnel.code).toBe(0);
    const result = funnel.json();
    const steps: StepReport[] = result.overall.steps;
    expect(steps.map((s) => s.name)).toEqual(['detail_view', 'add_to_cart', 'pay']);
    expectNonIncreasing(steps.map((s) => s.count));
    expect(steps[0]?.count).toBe(expected.viewUsers);
    expect(steps[2]?.count).toBeGreaterThan(0);
  });

  it.skipIf(!rees46Dir)('importing the same file twice stores nothing twice: every accepted row is a duplicate', async () => {
    const data = freshDir();
    const args = ['import', file, '--format', 'rees46', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data];
    const first = (await runReelpath(args)).json();
    const before = await storedCounts(data, 'shop-t');
    const second = await runReelpath(args);
    expect(second.code).toBe(0);
    const summary = second.json();
    expect(summary.accepted).toBe(first.accepted);
    expect(summary.duplicates).toBe(first.accepted);
    expect(summary.rejected).toBe(first.rejected);
    expect(await storedCounts(data, 'shop-t')).toEqual(before);
  });
});

describe('reelpath import — Taobao UserBehavior sample', () => {
  const file = taobaoDir ? join(taobaoDir, 'UserBehavior_head_sample.csv') : '';

  it.skipIf(!taobaoDir)('stores per-behaviour counts equal to an independent count of the file', async () => {
    const data = freshDir();
    const expected = countTaobao(readFileSync(file, 'utf8'));
    // SOURCE.md: 84,475 complete rows + 1 truncated (no timestamp).
    expect(expected.accepted).toBe(84_475);
    expect(expected.rejected).toBe(1);

    const run = await runReelpath(['import', file, '--format', 'taobao', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
    expect(run.code).toBe(0);
    const summary = run.json();
    expect(summary.rowsRead).toBe(expected.accepted + expected.rejected);
    expect(summary.accepted).toBe(expected.accepted);
    expect(summary.rejectedByReason).toEqual({ import_bad_row: 1 });
    expect(summary.examples.map((e: { line: number }) => e.line)).toEqual([expected.accepted + expected.rejected]);

    expect(await storedCounts(data, 'shop-t')).toEqual(expected.byName);

    const again = (await runReelpath(['import', file, '--format', 'taobao', '--tenant', 'shop-t', '--json', '--data', data])).json();
    expect(again.accepted).toBe(expected.accepted);
    expect(again.duplicates).toBe(expected.accepted);
    expect(await storedCounts(data, 'shop-t')).toEqual(expected.byName);
  });
});

describe('reelpath import — canonical CSV and errors', () => {
  it('a broken last row (cut mid-row, no newline) is one import_bad_row; every other row is stored', async () => {
    const data = freshDir();
    const file = join(data, 'events.csv');
    const ts = Date.now() - 60_000;
    const rows = [
      'eventId,name,platform,ts,anonymousId,productId',
      `csv-1,impression,douyin,${ts},dev-a,p1`,
      `csv-2,play,douyin,${ts + 1},dev-a,p1`,
      `csv-3,play,kuaishou,${ts + 2},dev-b,p2`,
      `csv-4,detail_view,kuaishou,${ts + 3},dev-b,p2`,
    ];
    writeFileSync(file, `${rows.join('\n')}\ncsv-5,play,dou`);
    const run = await runReelpath(['import', file, '--format', 'csv', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
    expect(run.code).toBe(0);
    const summary = run.json();
    expect(summary).toMatchObject({ rowsRead: 5, accepted: 4, duplicates: 0, rejected: 1, rejectedByReason: { import_bad_row: 1 } });
    expect(summary.examples).toHaveLength(1);
    expect(summary.examples[0]).toMatchObject({ line: 6, code: 'import_bad_row' });
    expect(await storedCounts(data, 'shop-t')).toEqual({ impression: 1, play: 2, detail_view: 1 });

    const app = await createApp(loadConfig({ env: { REELPATH_DATA: data, REELPATH_LOG_LEVEL: 'silent' } }), { logger: createLogger('silent') });
    try {
      for (const id of ['csv-1', 'csv-2', 'csv-3', 'csv-4']) expect((await app.events.find('shop-t', id))?.eventId).toBe(id);
      expect(await app.events.find('shop-t', 'csv-5')).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('an unknown --format → import_unknown_format (exit 3)', async () => {
    const data = freshDir();
    const file = join(data, 'x.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const run = await runReelpath(['import', file, '--format', 'xml', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('import_unknown_format');
    // Refused before anything was written: --create-tenant did not create the tenant.
    expect((await runReelpath(['tenant', 'list', '--json', '--data', data])).json()).toEqual([]);
  });

  it('a missing file → import_file_not_found (exit 3)', async () => {
    const data = freshDir();
    const run = await runReelpath(['import', join(data, 'nope.csv'), '--format', 'csv', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('import_file_not_found');
  });

  it('a missing --format is a usage error: exit 2 with cli_usage on stderr', async () => {
    const data = freshDir();
    const run = await runReelpath(['import', join(data, 'x.csv'), '--data', data], { REELPATH_LANG: 'en' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format');
    expect(run.stderr).toContain('[cli_usage]');
  });
});

describe('reelpath funnel — bad input', () => {
  it('--window 3x → funnels_invalid_window', async () => {
    const data = freshDir();
    await runReelpath(['tenant', 'create', 'shop-t', '--json', '--data', data]);
    const run = await runReelpath(['funnel', '--tenant', 'shop-t', '--window', '3x', '--json', '--data', data]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('funnels_invalid_window');
  });

  it('--steps play (one step) → funnels_invalid_steps', async () => {
    const data = freshDir();
    await runReelpath(['tenant', 'create', 'shop-t', '--json', '--data', data]);
    const run = await runReelpath(['funnel', '--tenant', 'shop-t', '--steps', 'play', '--json', '--data', data]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('funnels_invalid_steps');
  });

  it('an unknown tenant → tenants_not_found', async () => {
    const data = freshDir();
    const run = await runReelpath(['funnel', '--tenant', 'ghost', '--json', '--data', data]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('tenants_not_found');
  });
});

describe('reelpath demo', () => {
  const demo = async (data: string) => {
    const run = await runReelpath(['demo', '--no-serve', '--events', '20000', '--seed', '7', '--json', '--data', data]);
    expect(run.code, run.stderr).toBe(0);
    return run.json();
  };

  async function checkDemoIsDeterministic(): Promise<void> {
    const first = await demo(freshDir());
    expect(first.ingest.accepted).toBe(20_000);
    expect(first.ingest.rejected).toBe(0);
    expect(first.keys.writeKey).toMatch(/^rp_pub_/);
    expect(first.keys.secretKey).toMatch(/^rp_sec_/);
    const funnel = first.funnel;
    expect(funnel.steps).toEqual(['impression', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay']);
    expect(funnel.by).toEqual(['platform']);
    const overall: number[] = funnel.overall.steps.map((s: StepReport) => s.count);
    expect(overall[0]).toBeGreaterThan(0);
    expect(overall[7]).toBeGreaterThan(0);
    expectNonIncreasing(overall);
    const groups: GroupReport[] = funnel.groups;
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expectNonIncreasing(g.steps.map((s) => s.count));
    // Each converting person is attributed to exactly one platform group, step by step.
    for (let i = 0; i < 8; i++) expect(groups.reduce((sum, g) => sum + (g.steps[i]?.count ?? 0), 0)).toBe(overall[i]);

    // The live flash sale sells every unit exactly once (cancelled units are sold again) and the four
    // earlier orders the warehouse never shipped are compensated.
    const flash = first.flashSale;
    expect({ sold: flash.sold, oversold: flash.oversold, reservedLeft: flash.reservedLeft, availableLeft: flash.availableLeft, compensated: flash.compensated })
      .toEqual({ sold: flash.units, oversold: 0, reservedLeft: 0, availableLeft: 0, compensated: 4 });
    expect(flash.paid + flash.cancelled).toBe(flash.orders);
    expect(flash.soldOutAnswers).toBeGreaterThan(0);
    // Every paid order (the sale's and the 24 earlier ones) is split once; three refunds (two inside the
    // window, one clawed back after it), the four compensations paid from the pool first; all reconciled.
    expect(flash.ledger).toMatchObject({ splits: flash.paid + 24, refunds: 3, voided: 2, clawedBack: 1, reconciled: true });
    expect(flash.ledger.compensationFen).toBeGreaterThanOrEqual(4 * 300);
    expect(flash.ledger.fromPoolFen).toBe(Math.min(2_000, flash.ledger.compensationFen));
    expect(flash.ledger.postedFen).toBeGreaterThan(0);
    // One tea batch in the signed provenance log: origin, inspection, certificate, three logistics events.
    expect(first.trace).toMatchObject({ code: expect.stringMatching(/^tr_[a-z2-7]{16}$/), entries: 6, logSize: 6 });

    const second = await demo(freshDir());
    expect(JSON.stringify(second.funnel)).toBe(JSON.stringify(first.funnel));
  }

  it('ingests every generated event and prints an eight-node funnel by platform; same seed, same funnel', async () => {
    // The demo world starts at the current UTC day: pin the clock so both runs see the same day.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 2, 1, 12) });
    try {
      await checkDemoIsDeterministic();
    } finally {
      vi.useRealTimers();
    }
  });

  it('speaks Chinese with --lang zh', async () => {
    const run = await runReelpath(['demo', '--live', '--no-serve', '--events', '2000', '--lang', 'zh', '--data', freshDir()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('正在生成演示世界');
    expect(run.stdout).toContain('八节点转化漏斗');
    expect(run.stdout).toContain('曝光 impression');
    expect(run.stdout).toMatch(/直播秒杀「live_flash_1」：800 件库存.*超卖 0 件，剩余占用 0 件/);
    expect(run.stdout).toMatch(/分账账本：\d+ 个已付款订单实时分账.*订单与账本对账一致/);
    expect(run.stdout).toMatch(/溯源：批次 tr_[a-z2-7]{16}（明前龙井）/);
  });
});

describe('reelpath serve — bad input', () => {
  it('a port already in use → cli_port_in_use, exit 3, and the stores are closed again', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const data = freshDir();
      const run = await runReelpath(['serve', '--port', String(port), '--json', '--data', data]);
      expect(run.code).toBe(3);
      expect(run.json().error.code).toBe('cli_port_in_use');
      // The data folder is free again: another command can open it.
      expect((await runReelpath(['tenant', 'create', 'shop-p', '--json', '--data', data])).code).toBe(0);
    } finally {
      blocker.close();
    }
  });
});
