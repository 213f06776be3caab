import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';
import { dataset } from '../harness/data-dir.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = makeDataDir('rp-attr-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeDataDir(d);
});

interface Channel { channel: string; conversions: number; value?: number; valueFen?: number; removalEffect?: number }
const byChannel = (channels: Channel[]): Record<string, Channel> => Object.fromEntries(channels.map((c) => [c.channel, c]));

const whitepaper = dataset('channelattribution-whitepaper-example');

describe('reelpath attribution --paths', () => {
  it.skipIf(!whitepaper)('the white paper example: Markov A 2, B 1 with removal effects 1 and 0.5, in both repeat conventions', async () => {
    const file = join(whitepaper as string, 'whitepaper_example_paths.csv');
    for (const extra of [[], ['--no-collapse-repeats']]) {
      const run = await runReelpath(['attribution', '--paths', file, '--model', 'markov', '--json', ...extra]);
      expect(run.code, run.stderr).toBe(0);
      const r = run.json<{ channels: Channel[]; markov: { collapseRepeats: boolean } }>();
      expect(r.markov.collapseRepeats).toBe(extra.length === 0);
      const c = byChannel(r.channels);
      expect(c.A?.conversions).toBeCloseTo(2, 12);
      expect(c.B?.conversions).toBeCloseTo(1, 12);
      expect(c.A?.removalEffect).toBeCloseTo(1, 12);
      expect(c.B?.removalEffect).toBeCloseTo(0.5, 12);
      // The file has no value column, so no value is reported.
      expect(c.A?.value).toBeUndefined();
    }
  });

  it('prints a table with Chinese or English headings, values and removal effects', async () => {
    const dir = freshDir();
    const file = join(dir, 'paths.csv');
    writeFileSync(file, 'path;total_conversions;total_conversion_value;total_null\nA > B > C;1;100;0\nB > C;0;0;1\nA > C;1;50;0\n');
    const en = await runReelpath(['attribution', '--paths', file, '--model', 'markov', '--order', '2', '--lang', 'en']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain('Multi-touch attribution: markov (path file)');
    expect(en.stdout).toMatch(/Channel\s+Conversions\s+Share\s+Value\s+Removal effect/);
    expect(en.stdout).toMatch(/C\s+0\.89\s+44\.4%\s+64\.29\s+1\.0000/);
    expect(en.stdout).toMatch(/A\s+0\.67\s+33\.3%\s+42\.86\s+0\.7500/);
    const zh = await runReelpath(['attribution', '--paths', file, '--model', 'linear', '--lang', 'zh']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('渠道');
    expect(zh.stdout).toContain('归因转化');
    expect(zh.stdout).not.toContain('移除效应');
  });

  it('errors: an unreadable file, a bad row, an unknown model', async () => {
    const dir = freshDir();
    const missing = await runReelpath(['attribution', '--paths', join(dir, 'nope.csv'), '--json']);
    expect(missing.code).toBe(3);
    expect(missing.json().error.code).toBe('attribution_path_file_unreadable');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'path;total_conversions\nA > B;one\n');
    const row = await runReelpath(['attribution', '--paths', bad, '--json']);
    expect(row.code).toBe(3);
    expect(row.json().error).toMatchObject({ code: 'attribution_path_file_row', details: { errors: [{ line: 2 }] } });
    const model = await runReelpath(['attribution', '--paths', bad, '--model', 'magic', '--lang', 'en']);
    expect(model.code).toBe(3);
    expect(model.stderr).toContain('[attribution_invalid_model]');
  });
});

describe('reelpath attribution over the store', () => {
  it('imports events, then attributes conversions and net GMV by creator (linear)', async () => {
    const data = freshDir();
    const base = Date.UTC(2025, 5, 1);
    const H = 3_600_000;
    const events = [
      { eventId: 'a1', name: 'play', platform: 'kuaishou', ts: base, anonymousId: 'U1', creatorId: 'cr_a' },
      { eventId: 'a2', name: 'detail_view', platform: 'kuaishou', ts: base + H, anonymousId: 'U1', creatorId: 'cr_b', productId: 'p1' },
      { eventId: 'a3', name: 'play', platform: 'kuaishou', ts: base + 2 * H, anonymousId: 'U1', creatorId: 'cr_b' },
      { eventId: 'a4', name: 'pay', platform: 'kuaishou', ts: base + 3 * H, anonymousId: 'U1', orderId: 'o1', amount: 9_001, currency: 'CNY' },
      { eventId: 'a5', name: 'refund', platform: 'kuaishou', ts: base + 50 * H, anonymousId: 'U1', orderId: 'o1', amount: 1_000, currency: 'CNY' },
    ];
    const file = join(data, 'events.ndjson');
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
    const imported = await runReelpath(['import', file, '--format', 'ndjson', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
    expect(imported.code, imported.stdout).toBe(0);
    expect(imported.json().accepted).toBe(5);

    const run = await runReelpath(['attribution', '--tenant', 'shop-t', '--by', 'creatorId', '--model', 'linear', '--json', '--data', data]);
    expect(run.code, run.stderr).toBe(0);
    const r = run.json<{ channels: Channel[]; totals: { value: number } }>();
    // Path cr_a > cr_b > cr_b: linear ⅓, ⅔ of 8 001 fen → 2667, 5334 (largest remainder: 2667.0 and 5334.0).
    expect(r.channels.map((c) => [c.channel, Number(c.conversions.toFixed(6)), c.valueFen])).toEqual([['cr_b', 0.666667, 5334], ['cr_a', 0.333333, 2667]]);
    expect(r.totals.value).toBe(8_001);

    const human = await runReelpath(['attribution', '--tenant', 'shop-t', '--by', 'creatorId', '--model', 'linear', '--data', data, '--lang', 'zh']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('归因 GMV（元，扣除退款）');
    expect(human.stdout).toMatch(/cr_b\s+0\.67\s+66\.7%\s+53\.34/);
  });

  it('an unknown tenant → tenants_not_found', async () => {
    const run = await runReelpath(['attribution', '--tenant', 'ghost', '--json', '--data', freshDir()]);
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('tenants_not_found');
  });
});
