import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnippetSource } from '../../src/modules/experiments/index.js';
import { fixedClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/**
 * An experiment end to end over HTTP: create, start, assign visitors (exposures once per person),
 * their outcomes arrive as events, the report finds the better arm, and the experiment ships.
 */
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);
const HOUR = 3_600_000;
const clock = fixedClock(T0);
let t: TestApp;

const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, key?: string) =>
  t.server.inject({ method, url, payload: payload as never, headers: { authorization: `Bearer ${key ?? t.secretKey}` } });

const definition = {
  key: 'cover_style', name: '封面风格', hypothesis: 'A product close-up cover sells more than a face cover',
  variations: [{ key: 'face', name: '真人封面', weight: 0.5, value: { cover: 'face' } }, { key: 'closeup', name: '商品特写', weight: 0.5, value: { cover: 'closeup' } }],
  metrics: [{ key: 'paid', kind: 'conversion', event: 'pay' }, { key: 'net_gmv', kind: 'gmv' }, { key: 'orders', kind: 'orders' }, { key: 'aov', kind: 'ratio', numerator: { kind: 'gmv' }, denominator: { kind: 'orders' } }],
  analysis: { cuped: false },
};

beforeAll(async () => { t = await startTestApp({ clock }); });
afterAll(async () => { await t.close(); });

describe('experiments over HTTP', () => {
  let id = '';
  const arms = new Map<string, string>();

  it('refuses a bad definition with every problem at once, and creates a draft', async () => {
    const bad = await send('POST', '/v1/experiments', { key: 'x y', variations: [{ key: 'a', weight: 0.7 }, { key: 'b', weight: 0.7 }], metrics: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('experiments_invalid_definition');
    expect(bad.json().error.details.problems).toHaveLength(3);
    const res = await send('POST', '/v1/experiments', definition);
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', hashVersion: 2, seed: 'cover_style', design: { kind: 'person' } });
    expect((await send('POST', '/v1/experiments', definition)).json().error.code).toBe('experiments_key_taken');
    expect((await t.get(`/v1/experiments/${id}/report`)).json().error.code).toBe('experiments_not_started');
    expect((await t.get('/v1/experiments/exp_nope')).statusCode).toBe(404);
  });

  it('assigns only while running, deterministically, and records one exposure per person', async () => {
    const before = (await t.get('/v1/assign?key=anon:v0', t.writeKey)).json();
    expect(before.experiments).toEqual([]);
    expect((await send('POST', `/v1/experiments/${id}/start`)).json().status).toBe('running');
    for (let i = 0; i < 400; i++) {
      const res = await t.get(`/v1/assign?key=anon:v${i}&platform=douyin`, t.writeKey);
      expect(res.statusCode).toBe(200);
      const a = res.json().experiments[0];
      expect(a).toMatchObject({ key: 'cover_style', inExperiment: true });
      expect(a.value).toEqual({ cover: a.variation });
      arms.set(`v${i}`, a.variation);
    }
    const again = (await t.get('/v1/assign?key=anon:v7&platform=douyin', t.writeKey)).json();
    expect(again.experiments[0].variation).toBe(arms.get('v7'));
    expect((await t.get('/v1/assign?key=anon:late&expose=false', t.writeKey)).json().experiments[0].inExperiment).toBe(true);
    expect((await t.get('/v1/assign?key=nonsense', t.writeKey)).json().error.code).toBe('experiments_invalid_request');
    const counts = [...arms.values()].filter((v) => v === 'closeup').length;
    expect(counts).toBeGreaterThan(150);
    expect(counts).toBeLessThan(250);
  });

  it('reports the better arm on conversion and net GMV after refunds, with SRM passing, then ships it', async () => {
    const events: unknown[] = [];
    let n = 0;
    for (const [v, arm] of arms) {
      const i = Number(v.slice(1));
      const base = { anonymousId: v, platform: 'douyin', ts: new Date(T0 + HOUR + i * 1000).toISOString() };
      events.push({ ...base, eventId: `imp-${v}`, name: 'impression' });
      // close-up converts 40 % of visitors, face 15 %; every 5th close-up buyer refunds half.
      const buys = arm === 'closeup' ? i % 10 < 4 : i % 20 < 3;
      if (!buys) continue;
      events.push({ ...base, eventId: `pay-${v}`, name: 'pay', orderId: `o-${v}`, amount: 10_000, currency: 'CNY' });
      if (arm === 'closeup' && n++ % 5 === 0) events.push({ ...base, eventId: `ref-${v}`, name: 'refund', orderId: `o-${v}`, amount: 5_000, currency: 'CNY' });
    }
    clock.set(T0 + 2 * HOUR + 10 * 60_000);
    const ingested = await t.ingest(events);
    expect(ingested.json().rejected).toEqual([]);
    await t.app.events.flush();
    const res = await t.get(`/v1/experiments/${id}/report`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const closeup = [...arms.values()].filter((x) => x === 'closeup').length;
    expect(r.srm.counts).toEqual([400 - closeup, closeup]);
    expect(r.srm.mismatch).toBe(false);
    const paid = r.metrics.find((m: { key: string }) => m.key === 'paid');
    expect(paid.role).toBe('primary');
    expect(paid.comparisons[0].variation).toBe('closeup');
    expect(paid.comparisons[0].outcome).toBe('win');
    expect(paid.comparisons[0].verdict.zh).toContain('显著更好');
    const payers = [...arms].filter(([v, arm]) => arm === 'closeup' && Number(v.slice(1)) % 10 < 4).length;
    const refunds = Math.ceil(payers / 5);
    const gmv = r.metrics.find((m: { key: string }) => m.key === 'net_gmv');
    expect(gmv.comparisons[0].mean).toBeCloseTo((payers * 10_000 - refunds * 5_000) / closeup, 6);
    // Average order value, a ratio of sums: net GMV over orders.
    const aov = r.metrics.find((m: { key: string }) => m.key === 'aov');
    expect(aov.name).toEqual({ en: 'net GMV / orders', zh: '净 GMV ÷ 订单数' });
    expect(aov.comparisons[0].mean).toBeCloseTo((payers * 10_000 - refunds * 5_000) / payers, 6);
    expect(r.decision).toBe('ship');
    expect(r.winner).toBe('closeup');
    const guard = r.metrics.filter((m: { role: string }) => m.role === 'guardrail').map((m: { key: string }) => m.key);
    expect(guard).toEqual(['refund_rate', 'complaint_rate']);
    expect((await send('POST', `/v1/experiments/${id}/ship`, { variation: 'closeup' })).json().status).toBe('shipped');
    const after = (await t.get('/v1/assign?key=anon:newcomer', t.writeKey)).json().experiments[0];
    expect(after).toMatchObject({ variation: 'closeup', inExperiment: false, value: { cover: 'closeup' } });
    expect((await send('POST', `/v1/experiments/${id}/start`)).json().error.code).toBe('experiments_invalid_transition');
  });

  it('stores exactly one exposure per person however often they are assigned', async () => {
    await t.app.experiments.flush();
    const r = (await t.get(`/v1/experiments/${id}/report`)).json();
    expect(r.srm.counts.reduce((a: number, b: number) => a + b, 0)).toBe(400);
  });

  it('evaluates flags with the same targeting', async () => {
    const put = await send('PUT', '/v1/flags/one_step_checkout', { defaultValue: false, rules: [{ targeting: { platforms: ['kuaishou'] }, value: true }] });
    expect(put.statusCode).toBe(200);
    expect((await t.get('/v1/assign?key=anon:f1&platform=kuaishou', t.writeKey)).json().features).toEqual({ one_step_checkout: true });
    expect((await t.get('/v1/assign?key=anon:f1&platform=douyin', t.writeKey)).json().features).toEqual({ one_step_checkout: false });
    expect((await send('PUT', '/v1/flags/bad', { rules: [{ value: 1, coverage: 2 }] })).json().error.details.problems).toHaveLength(2);
    expect((await send('DELETE', '/v1/flags/one_step_checkout')).statusCode).toBe(204);
    expect((await t.get('/v1/flags')).json().flags).toEqual([]);
  });

  it('lets the snippet fetch assignments from the real server (wx.request style)', async () => {
    const sandbox: { ReelpathAB?: { fetchAssignments(o: unknown, cb: (err: Error | null, body: unknown) => void): void } } = {};
    runInNewContext(readSnippetSource(), sandbox);
    const body = await new Promise<unknown>((resolve, reject) => {
      sandbox.ReelpathAB?.fetchAssignments({
        endpoint: 'http://shop.example', apiKey: t.writeKey, identity: { anonymousId: 'v7' }, attributes: { platform: 'douyin' },
        request: (o: { url: string; header: Record<string, string>; success(r: { statusCode: number; data: unknown }): void }) => {
          void t.server.inject({ method: 'GET', url: o.url.replace('http://shop.example', ''), headers: { authorization: o.header.Authorization ?? '' } })
            .then((res) => o.success({ statusCode: res.statusCode, data: res.body }));
        },
      }, (err, result) => (err ? reject(err) : resolve(result)));
    });
    expect(body).toMatchObject({ experiments: [{ key: 'cover_style', variation: 'closeup', inExperiment: false }] });
  });

  it('serves the browser snippet without a key', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/v1/assign.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.body).toContain('ReelpathAB');
  });
});
