import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
const H = 3_600_000;
const D = 24 * H;
const base = Date.UTC(2025, 5, 1, 8, 0, 0);
const ev = (id: string, name: string, ms: number, over: Record<string, unknown> = {}) => ({ eventId: id, name, platform: 'douyin', ts: base + ms, ...over });

/*
 * P1: play c1, product_click c2, pay o1 10 000 fen (refunded 2 000 later)  → journey c1 > c2, 8 000 fen
 * P2: impression c1, pay 2 days later (outside the 1-day view window)        → no touch: unattributed 5 000
 * P3: play c2, no pay                                                         → null journey c2
 * P5: play c3 as anonymous E, pay as E + buyer b5 (the pay's key is the buyer) → journey c3, 3 000 fen
 */
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.ingest([
    ev('p1a', 'play', 0, { anonymousId: 'P1', creatorId: 'c1' }), ev('p1b', 'product_click', H, { anonymousId: 'P1', creatorId: 'c2', productId: 'sku1' }),
    ev('p1c', 'pay', 2 * H, { anonymousId: 'P1', orderId: 'o1', amount: 10_000, currency: 'CNY' }),
    ev('p1d', 'refund', 3 * D, { anonymousId: 'P1', orderId: 'o1', amount: 2_000, currency: 'CNY' }),
    ev('p2a', 'impression', 0, { anonymousId: 'P2', creatorId: 'c1' }),
    ev('p2b', 'pay', 2 * D, { anonymousId: 'P2', orderId: 'o2', amount: 5_000, currency: 'CNY' }),
    ev('p3a', 'play', 0, { anonymousId: 'P3', creatorId: 'c2' }),
    ev('p5a', 'play', 0, { anonymousId: 'E', creatorId: 'c3' }),
    ev('p5b', 'pay', H, { anonymousId: 'E', buyerId: 'b5', orderId: 'o5', amount: 3_000, currency: 'CNY' }),
  ]);
  expect(res.json()).toMatchObject({ accepted: 9, rejected: [] });
});
afterAll(async () => { await t.close(); });

type Channel = { channel: string; conversions: number; value: number; valueFen: number; removalEffect?: number };
const byChannel = (r: { channels: Channel[] }): Record<string, Channel> => Object.fromEntries(r.channels.map((c) => [c.channel, c]));

describe('GET /v1/attribution', () => {
  it('linear by creator: windows, refunds, merged identities and the totals', async () => {
    const res = await t.get('/v1/attribution?model=linear&by=creatorId');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ model: 'linear', source: 'events', by: 'creatorId', options: { clickWindowMs: 7 * D, viewWindowMs: D } });
    const c = byChannel(r);
    expect([c.c1?.conversions, c.c1?.valueFen]).toEqual([0.5, 4000]);
    expect([c.c2?.conversions, c.c2?.valueFen]).toEqual([0.5, 4000]);
    expect([c.c3?.conversions, c.c3?.valueFen]).toEqual([1, 3000]);
    expect(r.totals).toEqual({
      journeys: 4, conversions: 3, nulls: 1, attributedConversions: 2, unattributedConversions: 1, value: 16_000, attributedValue: 11_000, unattributedValue: 5_000,
    });
  });

  it('a longer view window brings P2\'s impression in', async () => {
    const r = (await t.get('/v1/attribution?model=first_touch&by=creatorId&viewWindow=3d')).json();
    expect(byChannel(r).c1?.conversions).toBe(2);
    expect(byChannel(r).c1?.valueFen).toBe(13_000);
    expect(r.totals.unattributedConversions).toBe(0);
  });

  it('markov: exact removal effects (hand-computed: c1 ¼, c2 ½, c3 ½) and credits 0.4 / 0.8 / 0.8; value split to the fen', async () => {
    const r = (await t.get('/v1/attribution?model=markov&by=creatorId&order=1&clickWindow=7d&viewWindow=1d')).json();
    const c = byChannel(r);
    expect(c.c1?.removalEffect).toBeCloseTo(0.25, 12);
    expect(c.c2?.removalEffect).toBeCloseTo(0.5, 12);
    expect(c.c3?.removalEffect).toBeCloseTo(0.5, 12);
    expect(c.c1?.conversions).toBeCloseTo(0.4, 12);
    expect(c.c2?.conversions).toBeCloseTo(0.8, 12);
    // Value chain: removal effects 4/11, 8/11, 3/11 of 11 000 fen → 2933.33, 5866.67, 2200 → 2933, 5867, 2200.
    expect(c.c2?.value).toBeCloseTo(17_600 / 3, 8);
    expect([c.c1?.valueFen, c.c2?.valueFen, c.c3?.valueFen]).toEqual([2933, 5867, 2200]);
    expect(r.markov).toMatchObject({ order: 1, collapseRepeats: true, states: 4 });
    expect(r.markov.conversionProbability).toBeCloseTo(2 / 3, 12);
  });

  it('shapley names its definition; from/to select conversions by pay time', async () => {
    const r = (await t.get(`/v1/attribution?model=shapley&by=platform&from=${base + 90 * 60_000}`)).json();
    expect(r.definition).toMatch(/Zhao et al\. 2018/);
    expect(r.shapleyMethod).toBe('exact');
    // P5's pay (base + 1h) is before from; P1's (base + 2h) and P2's (2 days) are in. P3's null journey ends before from.
    expect(r.totals).toMatchObject({ conversions: 2, attributedConversions: 1, nulls: 0 });
    expect(r.channels).toEqual([{ channel: 'douyin', conversions: 1, value: 8000, valueFen: 8000 }]);
  });

  it('answers catalogued codes for bad parameters and needs a secret key', async () => {
    expect((await t.get('/v1/attribution?model=magic')).json().error.code).toBe('attribution_invalid_model');
    expect((await t.get('/v1/attribution?order=9')).json().error.code).toBe('attribution_invalid_option');
    expect((await t.get('/v1/attribution?by=productId')).json().error.code).toBe('attribution_invalid_option');
    expect((await t.get('/v1/attribution?clickWindow=soon')).json().error.code).toBe('attribution_invalid_option');
    expect((await t.get('/v1/attribution?from=yesterday')).json().error.code).toBe('api_invalid_request');
    expect((await t.get('/v1/attribution', t.writeKey)).statusCode).toBe(403);
  });
});

const FILE = 'path;total_conversions;total_conversion_value;total_null\nA > B > C;1;100;0\nB > C;0;0;1\nA > C;1;50;0\n';
const post = (url: string, payload: string, contentType: string, key = t.secretKey) =>
  t.server.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, authorization: `Bearer ${key}` } });

describe('POST /v1/attribution/paths', () => {
  it('takes a text/plain path file; Markov order 2 gives the hand-computed credits (src/modules/attribution/domain/markov.test.ts)', async () => {
    const res = await post('/v1/attribution/paths?model=markov&order=2', FILE, 'text/plain');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ model: 'markov', source: 'paths', by: null });
    expect(r.channels.map((c: Channel) => c.channel)).toEqual(['C', 'A', 'B']);
    const c = byChannel(r);
    expect(c.A?.removalEffect).toBeCloseTo(0.75, 12);
    expect(c.C?.conversions).toBeCloseTo(8 / 9, 12);
    expect(c.C?.valueFen).toBe(64);
  });

  it('takes JSON {"pathFile": …} with the same result', async () => {
    const a = (await post('/v1/attribution/paths?model=linear', FILE, 'text/plain')).json();
    const b = (await post('/v1/attribution/paths?model=linear', JSON.stringify({ pathFile: FILE }), 'application/json')).json();
    expect(b).toEqual(a);
    // Linear over the converting paths: A>B>C gives ⅓ each, A>C ½ each → A ⅚, B ⅓, C ⅚.
    expect(byChannel(a).C?.conversions).toBeCloseTo(5 / 6, 12);
    expect(byChannel(a).B?.conversions).toBeCloseTo(1 / 3, 12);
  });

  it('answers the path-file codes with the bad lines, and time_decay needs timestamps', async () => {
    const header = (await post('/v1/attribution/paths', 'route;conversions\nA;1', 'text/plain')).json();
    expect(header.error.code).toBe('attribution_path_file_header');
    const row = await post('/v1/attribution/paths', 'path;total_conversions\nA;1\nB;lots\n', 'text/plain');
    expect(row.statusCode).toBe(400);
    expect(row.json().error).toMatchObject({ code: 'attribution_path_file_row', details: { errors: [{ line: 3 }] } });
    expect((await post('/v1/attribution/paths', '', 'text/plain')).json().error.code).toBe('attribution_path_file_empty');
    expect((await post('/v1/attribution/paths?model=time_decay', FILE, 'text/plain')).json().error.code).toBe('attribution_no_timestamps');
    expect((await post('/v1/attribution/paths', JSON.stringify({ paths: [] }), 'application/json')).json().error.code).toBe('api_malformed_body');
  });

  it('the text parser stays in its scope: /v1/events still refuses text/plain', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/v1/events', payload: 'hello', headers: { 'content-type': 'text/plain', authorization: `Bearer ${t.writeKey}` } });
    expect(res.statusCode).toBe(415);
  });

  it('both routes are in the OpenAPI document', async () => {
    const paths = (await t.server.inject({ method: 'GET', url: '/docs/json' })).json().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/v1/attribution'] ?? {})).toContain('get');
    expect(Object.keys(paths['/v1/attribution/paths'] ?? {})).toContain('post');
  });
});

describe('concurrent attribution requests (the dashboard asks for six models at once)', () => {
  it('share one scan of the events and answer exactly what each would alone', async () => {
    const models = ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'markov'];
    const alone = [];
    for (const model of models) alone.push((await t.get(`/v1/attribution?model=${model}&by=creatorId`)).json());
    const scans = vi.spyOn(t.app.events, 'scanAnalysisRows');
    const together = await Promise.all(models.map((model) => t.get(`/v1/attribution?model=${model}&by=creatorId`)));
    expect(scans).toHaveBeenCalledTimes(2); // the touches and pays, and the refunds: once for all six
    scans.mockRestore();
    expect(together.map((r) => r.json())).toEqual(alone);
    // Later requests read the events again (nothing is cached after the build settles).
    const again = vi.spyOn(t.app.events, 'scanAnalysisRows');
    await t.get('/v1/attribution?model=linear&by=creatorId');
    expect(again).toHaveBeenCalledTimes(2);
    again.mockRestore();
  });
});
