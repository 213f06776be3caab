import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

// A small world whose every answer below is counted by hand from these events.
let t: TestApp;
const base = Date.UTC(2026, 10, 2, 8, 0, 0);
const min = 60_000;
const ev = (id: string, who: string, name: string, at: number, over: Record<string, unknown> = {}) =>
  ({ eventId: id, anonymousId: who, name, platform: 'douyin', ts: base + at * min, productId: 'p1', ...over });

beforeAll(async () => {
  t = await startTestApp();
  const r = await t.ingest([
    // A: two sessions; session 1 converts (pay 5000 fen, 2000 refunded), session 2 converts again (3000).
    ev('a1', 'A', 'product_click', 0, { sessionId: 's1', creatorId: 'c1', videoId: 'v1' }),
    ev('a2', 'A', 'detail_view', 1, { sessionId: 's1' }),
    ev('a3', 'A', 'pay', 2, { sessionId: 's1', orderId: 'oA1', amount: 5000, currency: 'CNY', buyerId: 'buyerA' }),
    ev('a4', 'A', 'refund', 30, { sessionId: 's1', orderId: 'oA1', amount: 2000, currency: 'CNY' }),
    ev('a5', 'A', 'product_click', 100, { sessionId: 's2', creatorId: 'c2', videoId: 'v1' }),
    ev('a6', 'A', 'detail_view', 101, { sessionId: 's2' }),
    ev('a7', 'A', 'pay', 103, { sessionId: 's2', orderId: 'oA2', amount: 3000, currency: 'CNY' }),
    // B: clicks, looks, then shares instead of paying.
    ev('b1', 'B', 'product_click', 0, { creatorId: 'c1', videoId: 'v2', platform: 'kuaishou' }),
    ev('b2', 'B', 'detail_view', 2, { platform: 'kuaishou' }),
    ev('b3', 'B', 'share', 3, { platform: 'kuaishou' }),
    // C: clicks, adds to cart between the click and the detail view, then pays.
    ev('c1', 'C', 'product_click', 0, { creatorId: 'c1', videoId: 'v1' }),
    ev('c2', 'C', 'add_to_cart', 1),
    ev('c3', 'C', 'detail_view', 2),
    ev('c4', 'C', 'pay', 4, { orderId: 'oC', amount: 1000, currency: 'CNY', buyerId: 'buyerC' }),
    // D: plays half of a video, E a tenth of it; both then click.
    ev('d1', 'D', 'play', 0, { watchMs: 15_000, durationMs: 30_000 }), ev('d2', 'D', 'product_click', 1),
    ev('e1', 'E', 'play', 0, { watchMs: 3_000, durationMs: 30_000 }), ev('e2', 'E', 'product_click', 1),
  ]);
  expect(r.json().rejected).toEqual([]);
  expect(r.json().accepted).toBe(18);
});
afterAll(async () => { await t.close(); });

const counts = (r: { overall: { steps: { count: number }[] } }): number[] => r.overall.steps.map((s) => s.count);
const funnel = async (q: string) => {
  const res = await t.get(`/v1/funnel?steps=product_click,detail_view,pay&${q.includes('window=') ? '' : 'window=1h&'}${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /v1/funnel options', () => {
  it('counts persons by default, sessions or every conversion on request', async () => {
    expect(counts(await funnel(''))).toEqual([5, 3, 2]);
    expect(counts(await funnel('count=sessions'))).toEqual([6, 4, 3]);
    expect(counts(await funnel('count=conversions'))).toEqual([6, 4, 3]);
  });

  it('reports converted, dropped and the most common next event of those who dropped', async () => {
    const step = (await funnel('')).overall.steps[1];
    expect(step).toMatchObject({ count: 3, converted: 2, dropped: 1, dropOffNext: [{ event: 'share', count: 1 }] });
    expect(step.timeFromPrevious).toEqual({ meanMs: (1 * min + 2 * min + 2 * min) / 3, p50Ms: 2 * min, p90Ms: 2 * min });
  });

  it('adds conversion value net of refunds over the converted units', async () => {
    expect((await funnel('value=true')).overall.value).toEqual({ gross: 6000, refunds: 2000, net: 4000, perConversion: 2000 });
    expect((await funnel('value=true&count=conversions')).overall.value).toEqual({ gross: 9000, refunds: 2000, net: 7000, perConversion: Math.round(7000 / 3) });
  });

  it('breaks down by several dimensions at once, from the first step event', async () => {
    const r = await funnel('by=creatorId,platform');
    expect(r.groups.map((g: { group: string; values: unknown; steps: { count: number }[] }) => [g.group, g.values, g.steps.map((s) => s.count)])).toEqual([
      ['(none) · douyin', { creatorId: '(none)', platform: 'douyin' }, [2, 0, 0]],
      ['c1 · douyin', { creatorId: 'c1', platform: 'douyin' }, [2, 2, 2]],
      ['c1 · kuaishou', { creatorId: 'c1', platform: 'kuaishou' }, [1, 1, 0]],
    ]);
  });

  it('breaks down by RFM segment: buyers by their layer, everyone else as (none)', async () => {
    const r = await funnel('by=segment');
    const none = r.groups.find((g: { group: string }) => g.group === '(none)');
    expect(none.steps.map((s: { count: number }) => s.count)).toEqual([3, 1, 0]);
    const buyers = r.groups.filter((g: { group: string }) => g.group !== '(none)');
    expect(buyers.reduce((n: number, g: { steps: { count: number }[] }) => n + (g.steps[2]?.count ?? 0), 0)).toBe(2);
    for (const g of buyers) expect(['loyal', 'high_potential_new', 'at_risk', 'dormant', 'other']).toContain(g.group);
  });

  it('strict order stops at an intervening event; an exclusion voids the link it falls in', async () => {
    expect(counts(await funnel('mode=strict_order'))).toEqual([5, 2, 1]);
    expect(counts(await funnel('exclude=add_to_cart:1-2'))).toEqual([5, 2, 1]);
    expect(counts(await funnel('exclude=add_to_cart:2-3'))).toEqual([5, 3, 2]);
  });

  it('step-to-step windows and per-step gaps bound each link', async () => {
    expect(counts(await funnel('windowFrom=previous_step&window=1m'))).toEqual([5, 1, 1]);
    const res = await t.server.inject({
      method: 'POST', url: '/v1/funnel', headers: { authorization: `Bearer ${t.secretKey}` },
      payload: { steps: ['product_click', { event: 'detail_view', minGapMs: 2 * min }, 'pay'], window: '1h' },
    });
    expect(counts(res.json())).toEqual([5, 2, 1]);
  });

  it('filters a step by a property: plays watched to at least half', async () => {
    const res = await t.server.inject({
      method: 'POST', url: '/v1/funnel', headers: { authorization: `Bearer ${t.secretKey}` },
      payload: { steps: [{ event: 'play', where: [{ field: 'watchRatio', op: 'gte', value: 0.5 }] }, 'product_click'], window: '1h', nextEvents: 0 },
    });
    expect(res.statusCode).toBe(200);
    expect(counts(res.json())).toEqual([1, 1]);
  });

  it('answers funnels_invalid_options for impossible combinations', async () => {
    for (const q of ['mode=sideways', 'count=clicks', 'mode=any_order&windowFrom=previous_step', 'exclude=share:3-1', 'nextEvents=99', 'exclude=nope']) {
      const res = await t.get(`/v1/funnel?steps=product_click,pay&${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('funnels_invalid_options');
    }
  });
});
