import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { ingestBatch } from '../../src/flows/ingest-events.flow.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// `reelpath recommend`: recommendations, their explanation and the allocation policy from the command
// line, over a shop whose events were ingested by the real app into a data folder.
let data = '';

beforeAll(async () => {
  data = makeDataDir('rp-recommend-cli-');
  expect((await runReelpath(['tenant', 'create', 'shop', '--data', data])).code).toBe(0);
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: data, REELPATH_LOG_LEVEL: 'silent' } }));
  const tenant = await app.tenants.getTenant('shop');
  const base = Date.now() - 86_400_000;
  const events: Record<string, unknown>[] = [];
  for (let u = 0; u < 30; u++) {
    events.push({ eventId: `c${u}`, userId: `u${u}`, name: 'consent', platform: 'kuaishou', ts: base, consent: { personalization: true } });
    for (let k = 0; k < 3; k++) {
      const p = `p${(u + k) % 8}`;
      events.push({ eventId: `e${u}-${k}`, userId: `u${u}`, name: 'product_click', platform: 'kuaishou', ts: base + u * 1000 + k, productId: p, categoryId: `cat${(u + k) % 2}`, priceBand: '<50' });
    }
  }
  expect((await ingestBatch(app, tenant, events)).rejected).toEqual([]);
  await app.close();
});
afterAll(() => { removeDataDir(data); });

const reelpath = (args: string[], lang = 'en') => runReelpath([...args, '--tenant', 'shop', '--data', data, '--lang', lang]);

describe('reelpath recommend', () => {
  it('recommends for a consenting person, in Chinese and as JSON, and explains every score', async () => {
    const zh = await reelpath(['recommend', '--person', 'user:u3', '-n', '5'], 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('■ 推荐（home_feed）· 个性化 · 策略版本 0');
    const json = (await reelpath(['recommend', '--person', 'user:u3', '-n', '5', '--json'])).json();
    expect(json).toMatchObject({ mode: 'personalised', slot: 'home_feed', policyVersion: 0 });
    expect(json.items).toHaveLength(5);
    const explained = await reelpath(['recommend', '--person', 'user:u3', '-n', '3', '--explain']);
    expect(explained.stdout).toMatch(/conversion\s+relevance\s+clickThrough\s+completion\s+interaction\s+freshness\s+credit/);
  });

  it('serves the non-personalised mode on request and says which filters it ignored', async () => {
    const out = await reelpath(['recommend', '--person', 'user:u3', '--no-personalised', '--exclude-bought']);
    expect(out.stdout).toContain('non-personalised (requested)');
    expect(out.stdout).toContain('Filters not applied in the non-personalised mode: excludeBought');
  });

  it('shows and publishes the policy; refuses weights that do not sum to 1 (exit 3)', async () => {
    expect((await reelpath(['recommend', 'policy'])).stdout).toContain('Formula: score = merchant credit × Σ weight × component');
    const set = await reelpath(['recommend', 'policy', 'set', '--weights', 'conversion=0.4,relevance=0.15', '--note', 'push conversion']);
    expect(set.stdout).toContain('Published policy version 1');
    expect((await reelpath(['recommend', 'policy', '--json'])).json()).toMatchObject({ version: 1, note: 'push conversion', weights: { conversion: 0.4 } });
    const bad = await reelpath(['recommend', 'policy', 'set', '--weights', 'conversion=0.9']);
    expect([bad.code, bad.stderr.includes('allocation_invalid_policy')]).toEqual([3, true]);
    const usage = await reelpath(['recommend', 'policy', 'set', '--weights', 'conversion']);
    expect([usage.code, usage.stderr.includes('name=number pairs')]).toEqual([2, true]);
  });

  it('rebuilds the models and reports what they hold', async () => {
    const out = (await reelpath(['recommend', 'rebuild', '--json'])).json();
    // 90 interactions are too few to learn from (under 200): co-occurrence alone serves this shop.
    expect(out).toMatchObject({ items: 8, persons: 30, interactions: 90, learned: false });
    expect(out.bytesPerItem).toBeGreaterThan(0);
  });
});
