import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/*
 * The paths routes in-process against the real app (embedded DuckDB + SQLite). Expected numbers are
 * worked out by hand below from the definitions in src/modules/paths/README.md.
 */
let t: TestApp;
const base = Date.UTC(2026, 9, 1, 12, 0, 0);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
// Commerce events carry what validation requires: productId from product_click on, orderId (+ amount) on order and pay.
const REQUIRED: Record<string, Record<string, unknown>> = {
  product_click: { productId: 'p1' }, detail_view: { productId: 'p1' }, add_to_cart: { productId: 'p1' },
  order: { orderId: 'o1' }, pay: { orderId: 'o1', amount: 100, currency: 'CNY' },
};
const ev = (id: string, name: string, ms: number, over: Record<string, unknown>) => ({ eventId: id, name, platform: 'douyin', ts: base + ms, ...REQUIRED[name], ...over });

beforeAll(async () => {
  t = await startTestApp();
  const a = { anonymousId: 'A' };
  const b = { anonymousId: 'B', platform: 'kuaishou' };
  const e = { anonymousId: 'E' };
  const res = await t.ingest([
    // A: anonymous until the payment links anonymousId A to buyer bA; the order carries only bA.
    ev('a1', 'impression', 0, a), ev('a2', 'product_click', S, a), ev('a3', 'detail_view', 2 * S, a), ev('a4', 'add_to_cart', 3 * S, a),
    ev('a5', 'order', 5 * M, { buyerId: 'bA' }), ev('a6', 'pay', 10 * M, { anonymousId: 'A', buyerId: 'bA' }),
    ev('b1', 'product_click', 0, b), ev('b2', 'product_click', S, b), ev('b3', 'detail_view', 2 * S, b),
    ev('b4', 'pay', H, { ...b, orderId: 'o2' }),
    ev('c1', 'product_click', 0, { anonymousId: 'C' }), ev('c2', 'detail_view', S, { anonymousId: 'C' }),
    ev('d1', 'play', 0, { anonymousId: 'D' }),
    // E: a month earlier, the full eight-node path.
    ...['impression', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay'].map((name, i) =>
      ev(`e${i}`, name, -30 * 24 * H + i * S, name === 'pay' || name === 'order' ? { ...e, orderId: 'o3' } : e)),
  ]);
  expect(res.json().rejected ?? []).toEqual([]);
  expect(res.json().accepted).toBe(21);
});
afterAll(async () => { await t.close(); });

type Path = { steps: string[]; persons: number };
const pathsOf = (body: { paths: Path[] }) => body.paths.map((p) => [p.steps.join('>'), p.persons]);

describe('GET /v1/paths', () => {
  it('counts persons across identity keys: A\'s order (buyer key only) sits in A\'s path', async () => {
    const r = (await t.get(`/v1/paths?start=product_click&depth=5&top=10&from=${base}`)).json();
    expect(r).toMatchObject({ anchor: 'start', event: 'product_click', depth: 5, top: 10, collapse: true, persons: 3 });
    expect(pathsOf(r)).toEqual([
      ['product_click>detail_view', 1],
      ['product_click>detail_view>add_to_cart>order>pay', 1],
      ['product_click>detail_view>pay', 1],
    ]);
    const node = (id: string) => r.sankey.nodes.find((n: { id: string }) => n.id === id);
    expect(node('2:product_click>detail_view')).toMatchObject({ step: 2, name: 'detail_view', value: 3 });
    expect(r.sankey.links).toContainEqual({ source: '1:product_click', target: '2:product_click>detail_view', value: 3 });
  });

  it('without a range E counts too; collapse=false keeps B\'s double click', async () => {
    const all = (await t.get('/v1/paths?start=product_click')).json();
    expect(all.persons).toBe(4);
    expect(pathsOf(all)[0]).toEqual(['product_click>detail_view>add_to_cart>order>pay', 2]);
    const raw = (await t.get(`/v1/paths?start=product_click&collapse=false&from=${base}`)).json();
    expect(pathsOf(raw)).toContainEqual(['product_click>product_click>detail_view>pay', 1]);
  });

  it('end=pay reads backwards from the first payment; window and depth cut the path', async () => {
    const r = (await t.get(`/v1/paths?end=pay&depth=3&from=${base}`)).json();
    // Equal counts rank by the path read outward from the anchor: pay<detail_view… before pay<order….
    expect(pathsOf(r)).toEqual([['product_click>detail_view>pay', 1], ['add_to_cart>order>pay', 1]]);
    expect(r.sankey.links).toContainEqual({ source: '2:pay<order', target: '1:pay', value: 1 });
    // Within 5 minutes (inclusive) before A's payment at 10m only the order at exactly 5m remains;
    // B's payment is 1 h after its detail view, so B's path is the payment alone.
    const w = (await t.get(`/v1/paths?end=pay&depth=3&window=5m&from=${base}`)).json();
    expect(pathsOf(w)).toEqual([['pay', 1], ['order>pay', 1]]);
  });

  it('answers catalogued codes for bad parameters', async () => {
    const code = async (q: string) => (await t.get(`/v1/paths?${q}`)).json().error.code;
    expect(await code('depth=3')).toBe('paths_invalid_anchor');
    expect(await code('start=play&end=pay')).toBe('paths_invalid_anchor');
    expect(await code('start=tap')).toBe('paths_unknown_event');
    expect(await code('start=play&events=play,swipe')).toBe('paths_unknown_event');
    expect(await code('start=play&depth=0')).toBe('paths_invalid_limit');
    expect(await code('start=play&depth=21')).toBe('paths_invalid_limit');
    expect(await code('start=play&top=ten')).toBe('paths_invalid_limit');
    expect(await code('start=play&window=3x')).toBe('paths_invalid_window');
    expect(await code(`start=play&from=${base}&to=${base}`)).toBe('paths_invalid_range');
    expect(await code('start=play&collapse=maybe')).toBe('api_invalid_request');
    const res = await t.get('/v1/paths?start=play&depth=0');
    expect(res.statusCode).toBe(400);
  });

  it('needs a secret key', async () => {
    expect((await t.get('/v1/paths?start=play', t.writeKey)).statusCode).toBe(403);
  });
});

describe('GET /v1/decision-time', () => {
  it('product_click → pay by platform: p50, p90, mean and histogram from the first click', async () => {
    const r = (await t.get(`/v1/decision-time?start=product_click&end=pay&by=platform&from=${base}`)).json();
    // A: 10m − 1s = 599,000 ms; B: 1 h = 3,600,000 ms (from its first click); C never paid.
    expect(r.overall).toMatchObject({ group: 'all', started: 3, converted: 2, p50Ms: 2_099_500, meanMs: 2_099_500 });
    expect(r.overall.p90Ms).toBeCloseTo(599_000 + 0.9 * 3_001_000, 6);
    expect(r.overall.histogram.filter((b: { persons: number }) => b.persons > 0).map((b: { label: string }) => b.label)).toEqual(['5m-15m', '1h-6h']);
    expect(r.groups.map((g: { group: string; started: number; converted: number }) => [g.group, g.started, g.converted]))
      .toEqual([['douyin', 2, 1], ['kuaishou', 1, 1]]);
  });

  it('defaults to product_click → pay; bad parameters answer catalogued codes', async () => {
    const r = (await t.get(`/v1/decision-time?from=${base}`)).json();
    expect([r.start, r.end, r.by, r.overall.converted]).toEqual(['product_click', 'pay', null, 2]);
    expect((await t.get('/v1/decision-time?by=mood')).json().error.code).toBe('paths_invalid_breakdown');
    expect((await t.get('/v1/decision-time?start=pay&end=pay')).json().error.code).toBe('paths_invalid_anchor');
    expect((await t.get('/v1/decision-time?end=paid')).json().error.code).toBe('paths_unknown_event');
  });
});

describe('GET /v1/path-length', () => {
  it('compares steps to pay between two ranges: A 6 and B 3 steps now, E 8 steps a month ago', async () => {
    const q = `from=${base}&to=${base + 24 * H}&compareFrom=${base - 31 * 24 * H}&compareTo=${base - 24 * H}`;
    const r = (await t.get(`/v1/path-length?${q}`)).json();
    expect(r.end).toBe('pay');
    expect(r.current).toMatchObject({ from: base, to: base + 24 * H, buyers: 2, medianSteps: 4.5, meanSteps: 4.5 });
    expect(r.current.distribution.map((d: { persons: number }) => d.persons)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(r.baseline).toMatchObject({ buyers: 1, medianSteps: 8 });
    expect(r.difference).toEqual({ buyers: 1, medianSteps: -3.5, meanSteps: -3.5 });
  });

  it('without a baseline there is no difference; half a baseline is paths_invalid_range', async () => {
    const r = (await t.get(`/v1/path-length?from=${base}`)).json();
    expect([r.baseline, r.difference, r.current.buyers]).toEqual([null, null, 2]);
    expect((await t.get(`/v1/path-length?compareFrom=${base}`)).json().error.code).toBe('paths_invalid_range');
  });

  it('is in the OpenAPI document with the other analytics routes', async () => {
    const doc = (await t.server.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const p of ['/v1/paths', '/v1/decision-time', '/v1/path-length']) expect(Object.keys(doc.paths[p] ?? {})).toContain('get');
  });
});
