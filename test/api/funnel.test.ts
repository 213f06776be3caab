import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
const base = Date.UTC(2026, 10, 1, 12, 0, 0);
const ev = (id: string, name: string, ms: number, over: Record<string, unknown> = {}) =>
  ({ eventId: id, name, platform: 'douyin', ts: base + ms, ...over });

beforeAll(async () => {
  t = await startTestApp();
  await t.ingest([
    ev('a1', 'impression', 0, { anonymousId: 'A' }), ev('a2', 'play', 1_000, { anonymousId: 'A' }),
    ev('a3', 'product_click', 2_000, { anonymousId: 'A', productId: 'p' }),
    ev('b1', 'impression', 0, { anonymousId: 'B', platform: 'kuaishou' }), ev('b2', 'play', 3_600_001, { anonymousId: 'B', platform: 'kuaishou' }),
    ev('c1', 'play', 0, { anonymousId: 'C' }),
  ]);
});
afterAll(async () => { await t.close(); });

describe('GET /v1/funnel', () => {
  it('counts persons per step with an inclusive window and breaks down by the first step\'s platform', async () => {
    const r = (await t.get('/v1/funnel?steps=impression,play,product_click&window=1h&by=platform')).json();
    expect(r.overall.steps.map((s: { count: number }) => s.count)).toEqual([2, 1, 1]);
    expect(r.groups.map((g: { group: string; steps: { count: number }[] }) => [g.group, g.steps.map((s) => s.count)]))
      .toEqual([['douyin', [1, 1, 1]], ['kuaishou', [1, 0, 0]]]);
    expect(r.overall.steps[1].timeFromPrevious).toEqual({ meanMs: 1000, p50Ms: 1000, p90Ms: 1000 });
  });

  it('filters by time with epoch ms or ISO-8601', async () => {
    const iso = new Date(base + 500).toISOString();
    const r = (await t.get(`/v1/funnel?steps=play,product_click&window=1h&from=${encodeURIComponent(iso)}&to=${base + 10_000}`)).json();
    expect(r.overall.steps.map((s: { count: number }) => s.count)).toEqual([1, 1]);
  });

  it('answers catalogued codes for bad parameters', async () => {
    expect((await t.get('/v1/funnel?window=3x')).json().error.code).toBe('funnels_invalid_window');
    expect((await t.get('/v1/funnel?steps=play')).json().error.code).toBe('funnels_invalid_steps');
    expect((await t.get('/v1/funnel?steps=play,pay&by=mood')).json().error.code).toBe('api_invalid_request');
    const bad = await t.get('/v1/funnel?steps=play,pay&from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('api_invalid_request');
  });
});
