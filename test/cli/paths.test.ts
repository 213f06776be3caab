import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';
import { dataset } from '../harness/data-dir.js';

/*
 * `reelpath paths`, `decision-time` and `path-length` in-process. The REES46 block imports the real
 * sample through the real importer and checks the reports against an independent computation over
 * the raw CSV done here with plain loops (no Reelpath code).
 */
const dirs: string[] = [];
function freshDir(): string {
  const dir = makeDataDir('rp-paths-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeDataDir(d);
});

const BASE = Date.UTC(2026, 9, 1, 12);

/** A small canonical CSV: X clicks, views twice, pays after 2 min; Y clicks and leaves; Z clicks and pays after 30 s. */
async function smallShop(): Promise<string> {
  const data = freshDir();
  const file = join(data, 'shop.csv');
  const rows = [
    'eventId,name,platform,ts,anonymousId,productId,orderId,amount,currency',
    `x1,impression,douyin,${BASE},X,,,,`, `x2,product_click,douyin,${BASE + 1000},X,p1,,,`, `x3,detail_view,douyin,${BASE + 2000},X,p1,,,`,
    `x4,detail_view,douyin,${BASE + 3000},X,p1,,,`, `x5,pay,douyin,${BASE + 121_000},X,p1,o1,990,CNY`,
    `y1,product_click,kuaishou,${BASE},Y,p2,,,`,
    `z1,product_click,douyin,${BASE},Z,p1,,,`, `z2,pay,douyin,${BASE + 30_000},Z,p1,o2,990,CNY`,
  ];
  writeFileSync(file, `${rows.join('\n')}\n`);
  const run = await runReelpath(['import', file, '--format', 'csv', '--tenant', 'shop-t', '--create-tenant', '--json', '--data', data]);
  expect(run.json()).toMatchObject({ accepted: 8, rejected: 0 });
  return data;
}

describe('reelpath paths / decision-time / path-length — small shop', () => {
  it('--json answers the same report as the API; collapse is on unless --no-collapse', async () => {
    const data = await smallShop();
    const run = await runReelpath(['paths', '--tenant', 'shop-t', '--start', 'product_click', '--depth', '4', '--json', '--data', data]);
    expect(run.code, run.stderr).toBe(0);
    const r = run.json();
    expect(r.persons).toBe(3);
    expect(r.paths.map((p: { steps: string[]; persons: number }) => [p.steps.join('>'), p.persons]))
      .toEqual([['product_click', 1], ['product_click>detail_view>pay', 1], ['product_click>pay', 1]]);
    const raw = (await runReelpath(['paths', '--tenant', 'shop-t', '--start', 'product_click', '--no-collapse', '--json', '--data', data])).json();
    expect(raw.collapse).toBe(false);
    expect(raw.paths.map((p: { steps: string[] }) => p.steps.join('>'))).toContain('product_click>detail_view>detail_view>pay');
  });

  it('prints tables with headings in the chosen language', async () => {
    const data = await smallShop();
    const zh = await runReelpath(['paths', '--tenant', 'shop-t', '--end', 'pay', '--lang', 'zh', '--data', data]);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('pay 之前的路径（按人，共 2 人）');
    expect(zh.stdout).toMatch(/路径\s+人数\s+占比/);
    expect(zh.stdout).toContain('商品点击 → 支付');
    const en = await runReelpath(['decision-time', '--tenant', 'shop-t', '--by', 'platform', '--lang', 'en', '--data', data]);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain('Decision time: product_click → pay');
    expect(en.stdout).toMatch(/Group\s+Started\s+Converted\s+Rate\s+p50\s+p90\s+Mean/);
    // X: 120 s from the click, Z: 30 s → p50 75 s.
    expect(en.stdout).toMatch(/All\s+3\s+2\s+66\.7%\s+1m15s/);
    const len = await runReelpath(['path-length', '--tenant', 'shop-t', '--lang', 'zh', '--data', data]);
    expect(len.code, len.stderr).toBe(0);
    expect(len.stdout).toContain('购买路径步数');
    expect(len.stdout).toMatch(/中位步数/);
  });

  it('decision-time and path-length --json', async () => {
    const data = await smallShop();
    const d = (await runReelpath(['decision-time', '--tenant', 'shop-t', '--json', '--data', data])).json();
    expect(d.overall).toMatchObject({ started: 3, converted: 2, p50Ms: 75_000, meanMs: 75_000 });
    const l = (await runReelpath(['path-length', '--tenant', 'shop-t', '--json', '--from', new Date(BASE).toISOString(), '--data', data])).json();
    // X: impression, product_click, detail_view, pay = 4 steps; Z: product_click, pay = 2.
    expect(l.current).toMatchObject({ buyers: 2, medianSteps: 3 });
    expect(l.current.distribution).toEqual([{ steps: 1, persons: 0 }, { steps: 2, persons: 1 }, { steps: 3, persons: 0 }, { steps: 4, persons: 1 }]);
  });

  it('bad input exits 3 with paths_ codes, or 2 for unreadable times', async () => {
    const data = await smallShop();
    const code = async (args: string[]) => {
      const run = await runReelpath([...args, '--tenant', 'shop-t', '--json', '--data', data]);
      return [run.code, run.code === 2 ? 'cli_usage' : run.json().error.code];
    };
    expect(await code(['paths'])).toEqual([3, 'paths_invalid_anchor']);
    expect(await code(['paths', '--start', 'play', '--depth', '0'])).toEqual([3, 'paths_invalid_limit']);
    expect(await code(['paths', '--start', 'play', '--window', 'soon'])).toEqual([3, 'paths_invalid_window']);
    expect(await code(['decision-time', '--by', 'mood'])).toEqual([3, 'paths_invalid_breakdown']);
    expect(await code(['path-length', '--compare-from', '2026-09-01'])).toEqual([3, 'paths_invalid_range']);
    expect(await code(['path-length', '--from', 'yesterday'])).toEqual([2, 'cli_usage']);
  });
});

// ---- REES46: independent computation over the raw CSV ----

interface RawEvent { ts: number; name: string }
const REES46_NAMES: Record<string, string> = { view: 'detail_view', cart: 'add_to_cart', purchase: 'pay' };
const RANK: Record<string, number> = { detail_view: 0, add_to_cart: 1, pay: 2 };

/** user_id → events sorted by (time, funnel rank), complete rows only. */
function rawTimelines(text: string): Map<string, RawEvent[]> {
  const users = new Map<string, RawEvent[]>();
  for (const line of text.split('\n').slice(1)) {
    const f = line.replace(/\r$/, '').split(',');
    const name = REES46_NAMES[f[1] as string];
    if (f.length !== 9 || name === undefined) continue;
    const ts = Date.parse(`${(f[0] as string).replace(' UTC', 'Z').replace(' ', 'T')}`);
    const list = users.get(f[7] as string) ?? [];
    list.push({ ts, name });
    users.set(f[7] as string, list);
  }
  for (const list of users.values()) list.sort((a, b) => a.ts - b.ts || (RANK[a.name] as number) - (RANK[b.name] as number));
  return users;
}

/** Each user's path read outward from their first `event` (forward for start, backward for end). */
function rawPaths(users: Map<string, RawEvent[]>, anchor: 'start' | 'end', event: string, depth: number, collapse: boolean): string[][] {
  const out: string[][] = [];
  for (const events of users.values()) {
    const at = events.findIndex((e) => e.name === event);
    if (at < 0) continue;
    const steps = [event];
    const dir = anchor === 'start' ? 1 : -1;
    for (let i = at + dir; i >= 0 && i < events.length && steps.length < depth; i += dir) {
      const name = (events[i] as RawEvent).name;
      if (collapse && name === steps[steps.length - 1]) continue;
      steps.push(name);
    }
    out.push(steps);
  }
  return out;
}

function countBy(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

const quantile = (s: number[], p: number): number => {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return (s[lo] as number) + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number));
};

const rees46Dir = dataset('rees46-ecommerce-sample');

describe('reelpath paths — REES46 sample against an independent computation', () => {
  it.skipIf(!rees46Dir)('top paths after detail_view and before pay, decision time and steps to pay match exactly', async () => {
    const file = join(rees46Dir as string, '2019-Oct_head_sample.csv');
    const users = rawTimelines(readFileSync(file, 'utf8'));
    const data = freshDir();
    const imported = await runReelpath(['import', file, '--format', 'rees46', '--tenant', 'r46', '--create-tenant', '--json', '--data', data]);
    expect(imported.code, imported.stderr).toBe(0);

    const cases = [
      { anchor: 'start' as const, event: 'detail_view', collapse: true },
      { anchor: 'start' as const, event: 'detail_view', collapse: false },
      { anchor: 'end' as const, event: 'pay', collapse: true },
    ];
    for (const c of cases) {
      const flags = [`--${c.anchor}`, c.event, '--depth', '5', '--top', '10', ...(c.collapse ? [] : ['--no-collapse'])];
      const run = await runReelpath(['paths', '--tenant', 'r46', ...flags, '--json', '--data', data]);
      expect(run.code, run.stderr).toBe(0);
      const r = run.json();
      const expected = rawPaths(users, c.anchor, c.event, 5, c.collapse);
      const sep = c.anchor === 'start' ? '>' : '<';
      const complete = [...countBy(expected.map((p) => p.join(sep)))].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const label = `${c.anchor}=${c.event} collapse=${c.collapse}`;
      expect(r.persons, label).toBe(expected.length);
      expect(r.paths.map((p: { steps: string[]; persons: number }) => [(c.anchor === 'start' ? p.steps : [...p.steps].reverse()).join(sep), p.persons]), label)
        .toEqual(complete.slice(0, 10));
      expect(r.other, label).toEqual({ paths: complete.length - Math.min(10, complete.length), persons: complete.slice(10).reduce((s, e) => s + e[1], 0) });
      // Sankey depth 2: every kept prefix node holds exactly the persons with that two-step prefix.
      const prefix2 = countBy(expected.filter((p) => p.length >= 2).map((p) => `2:${p.slice(0, 2).join(sep)}`));
      const step2 = r.sankey.nodes.filter((n: { step: number; name: string }) => n.step === 2 && n.name !== '(other)');
      expect(step2.length, label).toBe(Math.min(10, prefix2.size));
      for (const n of step2) expect(n.value, `${label} ${n.id}`).toBe(prefix2.get(n.id));
    }
    // The sample is not trivial: many viewers, some buyers, more than one path shape.
    expect(rawPaths(users, 'start', 'detail_view', 5, true).length).toBeGreaterThan(4000);

    const decisions: number[] = [];
    let started = 0;
    for (const events of users.values()) {
      const at = events.findIndex((e) => e.name === 'detail_view');
      if (at < 0) continue;
      started++;
      const pay = events.findIndex((e, i) => i > at && e.name === 'pay');
      if (pay >= 0) decisions.push((events[pay] as RawEvent).ts - (events[at] as RawEvent).ts);
    }
    decisions.sort((a, b) => a - b);
    const d = (await runReelpath(['decision-time', '--tenant', 'r46', '--start', 'detail_view', '--end', 'pay', '--json', '--data', data])).json();
    expect(d.overall.started).toBe(started);
    expect(d.overall.converted).toBe(decisions.length);
    expect(decisions.length).toBeGreaterThan(10);
    expect(d.overall.p50Ms).toBeCloseTo(quantile(decisions, 0.5), 6);
    expect(d.overall.p90Ms).toBeCloseTo(quantile(decisions, 0.9), 6);
    expect(d.overall.meanMs).toBeCloseTo(decisions.reduce((s, x) => s + x, 0) / decisions.length, 6);

    const steps: number[] = [];
    for (const events of users.values()) {
      let n = 0;
      let last = '';
      for (const e of events) {
        if (e.name !== last) { n++; last = e.name; }
        if (e.name === 'pay') { steps.push(n); break; }
      }
    }
    const l = (await runReelpath(['path-length', '--tenant', 'r46', '--json', '--data', data])).json();
    expect(l.current.buyers).toBe(steps.length);
    const byCount = countBy(steps.map(String));
    expect(l.current.distribution).toEqual(Array.from({ length: Math.max(...steps) }, (_, i) => ({ steps: i + 1, persons: byCount.get(String(i + 1)) ?? 0 })));
  });
});
