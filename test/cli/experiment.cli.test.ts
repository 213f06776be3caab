import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { ingestBatch } from '../../src/flows/ingest-events.flow.js';
import { dataset } from '../harness/data-dir.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// `reelpath experiment` and `reelpath flag`: an experiment created, started, assigned, reported and
// shipped from the command line; results computed elsewhere (Cookie Cats) analysed from a CSV.
let data = '';
const reelpath = (args: string[], lang = 'en') => runReelpath([...args, '--data', data, '--lang', lang]);
const inShop = (args: string[], lang = 'en') => reelpath([...args, '--tenant', 'shop'], lang);

beforeAll(async () => {
  data = makeDataDir('rp-experiment-cli-');
  expect((await runReelpath(['tenant', 'create', 'shop', '--data', data])).code).toBe(0);
});
afterAll(() => { removeDataDir(data); });

describe('reelpath experiment', () => {
  it('creates, starts, assigns, reports and ships an experiment', async () => {
    const file = join(data, 'def.json');
    writeFileSync(file, JSON.stringify({
      key: 'price_display', variations: [{ key: 'plain', name: '原价', weight: 0.5 }, { key: 'strike', name: '划线价', weight: 0.5 }],
      metrics: [{ key: 'paid', kind: 'conversion', event: 'pay' }], analysis: { cuped: false, difference: 'absolute' },
    }));
    const created = await inShop(['experiment', 'create', '--file', file, '--json']);
    expect(created.code).toBe(0);
    const id = created.json<{ id: string }>().id;
    expect((await inShop(['experiment', 'report', id])).code).toBe(3);
    expect((await inShop(['experiment', 'start', id], 'zh')).stdout).toContain(`实验 ${id} 现在是 running`);
    const arms = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const a = (await inShop(['experiment', 'assign', '--key', `user:u${i}`, '--json'])).json<{ experiments: { variation: string }[] }>();
      arms.set(`u${i}`, a.experiments[0]?.variation ?? '');
    }
    const app = await createApp(loadConfig({ env: { REELPATH_DATA: data, REELPATH_LOG_LEVEL: 'silent' } }));
    const tenant = await app.tenants.getTenant('shop');
    const now = Date.now();
    const events = [...arms].filter(([u, arm]) => (arm === 'strike' ? Number(u.slice(1)) % 4 !== 1 : Number(u.slice(1)) % 4 === 0))
      .map(([u]) => ({ eventId: `pay-${u}`, userId: u, name: 'pay', orderId: `o-${u}`, amount: 990, currency: 'CNY', platform: 'douyin', ts: now }));
    expect((await ingestBatch(app, tenant, events)).rejected).toEqual([]);
    await app.close();
    const report = await inShop(['experiment', 'report', id]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('■ Experiment report price_display');
    expect(report.stdout).toMatch(/SRM check: passed/);
    expect(report.stdout).toMatch(/strike changed conversion to pay by \+0\.3\d+ \(95% CI/);
    expect(report.stdout).toContain('Decision: Ship strike');
    const json = (await inShop(['experiment', 'report', id, '--json'])).json<{ srm: { counts: number[] }; decision: string }>();
    expect(json.srm.counts.reduce((a, b) => a + b, 0)).toBe(60);
    expect(json.decision).toBe('ship');
    expect((await inShop(['experiment', 'ship', id, '--variation', 'nope'])).code).toBe(3);
    expect((await inShop(['experiment', 'ship', id, '--variation', 'strike'])).code).toBe(0);
    const list = await inShop(['experiment', 'list'], 'zh');
    expect(list.stdout).toMatch(/price_display\s+price_display\s+shipped/);
  });

  it('keeps flags', async () => {
    const file = join(data, 'flag.json');
    writeFileSync(file, JSON.stringify({ defaultValue: false, rules: [{ targeting: { platforms: ['douyin'] }, value: true }] }));
    expect((await inShop(['flag', 'set', 'one_step_checkout', '--file', file])).stdout).toContain('Saved flag one_step_checkout');
    const a = (await inShop(['experiment', 'assign', '--key', 'anon:x', '--platform', 'douyin', '--json'])).json<{ features: Record<string, unknown> }>();
    expect(a.features).toEqual({ one_step_checkout: true });
    expect((await inShop(['flag', 'delete', 'one_step_checkout'])).code).toBe(0);
    expect((await inShop(['flag', 'delete', 'one_step_checkout'])).code).toBe(3);
  });

  const cookie = dataset('cookie-cats-ab-test');
  it.skipIf(cookie === undefined)('analyses Cookie Cats from its CSV: gate_40 loses day-7 retention', async () => {
    const csv = join(cookie as string, 'cookie_cats.csv');
    const args = ['experiment', 'analyze', '--csv', csv, '--unit', 'userid', '--variant', 'version', '--control', 'gate_30', '--metric', 'retention_7', '--metric', 'retention_1', '--outliers', 'sum_gamerounds:3', '--absolute'];
    const out = await reelpath(args, 'zh');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('读取 90189 行；剔除离群值 425 行');
    expect(out.stdout).toContain('SRM 检查：通过');
    expect(out.stdout).toContain('gate_40 的「retention_7」变化 −0.00872');
    const json = (await reelpath([...args, '--json'])).json<{ counts: number[]; metrics: { key: string; comparisons: { pValue: number; outcome: string }[] }[] }>();
    expect(json.counts).toEqual([44_500, 45_264]);
    const r7 = json.metrics.find((m) => m.key === 'retention_7')?.comparisons[0];
    expect(r7?.outcome).toBe('lose');
    expect(r7?.pValue).toBeLessThan(0.001);
    const bayes = (await reelpath([...args, '--engine', 'bayesian', '--json'])).json<{ metrics: { comparisons: { chanceToWin: number }[] }[] }>();
    expect(bayes.metrics[0]?.comparisons[0]?.chanceToWin).toBeLessThan(0.01);
    const bad = await reelpath(['experiment', 'analyze', '--csv', csv, '--unit', 'userid', '--variant', 'version', '--control', 'gate_99', '--metric', 'retention_7']);
    expect(bad.code).toBe(3);
    expect(bad.stderr + bad.stdout).toContain('gate_99');
  });
});
