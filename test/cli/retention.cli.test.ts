import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

let data = '';
const at = (day: string): number => Date.parse(`${day}T12:00:00Z`);
const pay = (id: string, buyerId: string, day: string, orderId: string, amount: number) =>
  JSON.stringify({ eventId: id, name: 'pay', platform: 'kuaishou', ts: at(day), buyerId, orderId, amount, currency: 'CNY' });

// Three buyers: b1 orders in Jan and Feb, b2 once in Jan, b3 twice in Mar (one order of 1.5 yuan refunded in part).
beforeAll(async () => {
  data = makeDataDir('rp-ret-cli-');
  const file = join(data, 'orders.ndjson');
  writeFileSync(file, [
    pay('1', 'b1', '2024-01-05', 'o1', 1_000), pay('2', 'b1', '2024-02-06', 'o2', 2_000), pay('3', 'b2', '2024-01-09', 'o3', 500),
    pay('4', 'b3', '2024-03-01', 'o4', 150), pay('5', 'b3', '2024-03-02', 'o5', 9_000),
    JSON.stringify({ eventId: '6', name: 'refund', platform: 'kuaishou', ts: at('2024-03-03'), buyerId: 'b3', orderId: 'o4', amount: 50, currency: 'CNY' }),
  ].join('\n'));
  const run = await runReelpath(['import', file, '--format', 'ndjson', '--tenant', 'shop', '--create-tenant', '--json', '--data', data]);
  expect(run.json().accepted).toBe(6);
});
afterAll(() => { removeDataDir(data); });

const reelpath = (args: string[], lang = 'en') => runReelpath([...args, '--tenant', 'shop', '--data', data, '--lang', lang]);

describe('reelpath retention', () => {
  it('cohorts: JSON with --json, and a table with Chinese headings', async () => {
    const json = (await reelpath(['retention', 'cohorts', '--periods', '2', '--to', '2024-04-01', '--json'])).json();
    expect(json.cohorts.map((c: { cohort: string; returned: number[] }) => [c.cohort, c.returned])).toEqual([['2024-01', [2, 1, 0]], ['2024-03', [1, null, null]]]);
    const zh = await reelpath(['retention', 'cohorts', '--periods', '2', '--to', '2024-04-01'], 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('同期群留存：按首单，按月（UTC），当期回访');
    expect(zh.stdout).toMatch(/2024-01\s+2\s+100\.0%\s+50\.0%\s+0\.0%/);
    expect(zh.stdout).toMatch(/加权平均\s+3\s+100\.0%\s+50\.0%\s+0\.0%/);
  });

  it('repurchase and ltv tables in English', async () => {
    const rep = await reelpath(['retention', 'repurchase', '--within-days', '40', '--to', '2024-04-01']);
    expect(rep.stdout).toMatch(/Repurchase rate\s+66\.7%/);
    expect(rep.stdout).toMatch(/Repurchase within 40 days \(of 2 eligible buyers\)\s+50\.0%/);
    const ltv = await reelpath(['retention', 'ltv', '--to', '2024-04-01']);
    expect(ltv.stdout).toMatch(/2024-03\s+1\s+91\.50\s+0\.50\s+91\.00\s+91\.00/);
    expect(ltv.stdout).toMatch(/All buyers\s+3\s+126\.50\s+0\.50\s+126\.00\s+42\.00/);
  });

  it('a bad option exits 3 with the catalogued code; unknown subcommand options exit 2', async () => {
    const bad = await reelpath(['retention', 'cohorts', '--mode', 'ever', '--json']);
    expect(bad.code).toBe(3);
    expect(bad.json().error.code).toBe('retention_invalid_option');
    expect((await reelpath(['retention', 'cohorts', '--nope'])).code).toBe(2);
  });
});

describe('reelpath segments', () => {
  it('rfm: layer table with names, rules and strategies in Chinese', async () => {
    const zh = await reelpath(['segments', 'rfm', '--as-of', '2024-04-01'], 'zh');
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('RFM 分层（截至 2024-04-01T00:00:00.000Z，买家 3 人，5 档）');
    expect(zh.stdout).toContain('忠诚复购客 loyal');
    expect(zh.stdout).toContain('新品+会员权益');
    expect(zh.stdout).toContain('流失风险 at_risk');
  });

  it('members: CSV export, JSON page, and an unknown layer', async () => {
    const csv = await reelpath(['segments', 'members', '--as-of', '2024-04-01', '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('personId,layer,r,f,m,recencyDays,frequency,monetary,lastOrderAt');
    // Highest net first: b3 9,100, b1 3,000, b2 500.
    expect(lines.slice(1).map((l) => l.split(',')[7])).toEqual(['9100', '3000', '500']);
    const page = (await reelpath(['segments', 'members', '--as-of', '2024-04-01', '--limit', '1', '--offset', '2', '--json'])).json();
    expect([page.total, page.members.length, page.members[0].monetary]).toEqual([3, 1, 500]);
    const unknown = await reelpath(['segments', 'members', '--layer', 'vip', '--json']);
    expect([unknown.code, unknown.json().error.code]).toEqual([3, 'segments_unknown_layer']);
  });
});
