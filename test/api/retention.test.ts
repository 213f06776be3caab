import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
const now = Date.parse('2024-04-01T00:00:00Z');
const at = (day: string): number => Date.parse(`${day}T12:00:00Z`);
let n = 0;
const pay = (who: Record<string, string>, day: string, orderId: string, amount: number) =>
  ({ eventId: `e${n++}`, name: 'pay', platform: 'douyin', ts: at(day), orderId, amount, currency: 'CNY', ...who });
const u1 = { buyerId: 'u1' };
const u2 = { buyerId: 'u2' };
const u3 = { buyerId: 'u3' };
let person: (key: string) => string;

// Hand-computed world (see each expectation): U1 two orders (one of two lines) and a refund, U2 one
// order and a later play, U3 three orders, a guest checkout (anonymous only), a viewer who never buys.
beforeAll(async () => {
  t = await startTestApp({ clock: fixedClock(now) });
  const r = await t.ingest([
    pay(u1, '2024-01-05', 'o1', 1_000), pay(u1, '2024-01-05', 'o1', 500), pay(u1, '2024-02-10', 'o2', 1_000),
    { eventId: `e${n++}`, name: 'refund', platform: 'douyin', ts: at('2024-02-12'), orderId: 'o2', amount: 300, currency: 'CNY', ...u1 },
    pay(u2, '2024-01-20', 'o3', 2_000),
    { eventId: `e${n++}`, name: 'play', platform: 'douyin', ts: at('2024-03-03'), ...u2 },
    pay(u3, '2024-02-01', 'o4', 500), pay(u3, '2024-02-03', 'o5', 500), pay(u3, '2024-03-15', 'o6', 800),
    pay({ anonymousId: 'g1' }, '2024-01-10', 'o7', 9_999),
    { eventId: `e${n++}`, name: 'play', platform: 'douyin', ts: at('2024-01-02'), anonymousId: 'v1' },
    { eventId: `e${n++}`, name: 'play', platform: 'douyin', ts: at('2024-02-05'), anonymousId: 'v1' },
  ]);
  expect(r.json().accepted).toBe(n);
  const persons = await t.app.identity.resolver('t1');
  person = (key) => persons.get(key) ?? key;
});
afterAll(async () => { await t.close(); });

const cells = (body: { cohorts: { cohort: string; size: number; returned: (number | null)[] }[] }) => body.cohorts.map((c) => [c.cohort, c.size, c.returned]);

describe('GET /v1/retention', () => {
  it('first-order monthly cohorts, on and on or after; the month holding "to" ends the table', async () => {
    const on = (await t.get('/v1/retention?cohort=first_order&period=month&mode=on&periods=3')).json();
    expect(on).toMatchObject({ cohort: 'first_order', period: 'month', mode: 'on', periods: 3, end: '2024-04-01T00:00:00.000Z', persons: 3 });
    expect(cells(on)).toEqual([['2024-01', 2, [2, 1, 0, null]], ['2024-02', 1, [1, 1, null, null]]]);
    expect(on.overall.rates).toEqual([1, 2 / 3, 0, null]);
    const after = (await t.get('/v1/retention?mode=on_or_after&periods=3')).json();
    expect(cells(after)).toEqual([['2024-01', 2, [2, 1, 0, null]], ['2024-02', 1, [1, 1, null, null]]]);
  });

  it('first-event cohorts count every person (guests and viewers too) and any event as a return', async () => {
    const r = (await t.get('/v1/retention?cohort=first_event&periods=2')).json();
    expect(cells(r)).toEqual([['2024-01', 4, [4, 2, 1]], ['2024-02', 1, [1, 1, null]]]);
    const weekly = (await t.get('/v1/retention?cohort=first_event&period=week&mode=on_or_after&periods=1&to=2024-01-08T00:00:00Z')).json();
    // Only V's play (Tue 2 Jan) and U1's order (Fri 5 Jan) fall before Monday 8 Jan: one weekly cohort.
    expect(cells(weekly)).toEqual([['2024-01-01', 2, [2, null]]]);
  });

  it('answers catalogued codes for bad options', async () => {
    expect((await t.get('/v1/retention?period=day')).json().error.code).toBe('retention_invalid_option');
    expect((await t.get('/v1/retention?mode=ever')).json().error.code).toBe('retention_invalid_option');
    const range = await t.get('/v1/retention?periods=0');
    expect([range.statusCode, range.json().error.code]).toEqual([400, 'retention_invalid_range']);
    expect((await t.get('/v1/retention?from=2024-03-01&to=2024-02-01')).json().error.code).toBe('retention_invalid_range');
    expect((await t.get('/v1/retention', t.writeKey)).statusCode).toBe(403);
  });
});

describe('GET /v1/repurchase and /v1/ltv', () => {
  it('repurchase rate, within N days, and time between orders (guests excluded)', async () => {
    const r = (await t.get('/v1/repurchase?withinDays=7')).json();
    expect(r).toMatchObject({ buyers: 3, repeatBuyers: 2, repurchaseRate: 2 / 3 });
    expect(r.within).toEqual({ days: 7, eligibleBuyers: 3, repeatBuyers: 1, rate: 1 / 3 });
    // gaps: U1 36 days, U3 2 and 41 days → p50 36, p90 = 36 + 0.8 × 5 = 40.
    expect(r.timeBetweenOrders).toMatchObject({ gaps: 3, p50Days: 36, p90Days: 40 });
    expect(r.timeBetweenOrders.meanDays).toBeCloseTo(79 / 3, 9);
    expect((await t.get('/v1/repurchase?includeGuests=true')).json().buyers).toBe(4);
    expect((await t.get('/v1/repurchase?withinDays=0')).json().error.code).toBe('retention_invalid_range');
  });

  it('lifetime value net of refunds, per cohort and per buyer', async () => {
    const l = (await t.get('/v1/ltv?limit=2')).json();
    expect(l).toMatchObject({ buyers: 3, gross: 6_300, refunded: 300, net: 6_000, netPerBuyer: { mean: 2_000, p50: 2_000 } });
    expect(l.cohorts.map((c: { cohort: string; buyers: number; net: number; netPerBuyer: number }) => [c.cohort, c.buyers, c.net, c.netPerBuyer]))
      .toEqual([['2024-01', 2, 4_200, 2_100], ['2024-02', 1, 1_800, 1_800]]);
    expect(l.perBuyer.items.map((b: { personId: string; net: number }) => [b.personId, b.net])).toEqual([[person('buyer:douyin:u1'), 2_200], [person('buyer:douyin:u2'), 2_000]]);
    expect((await t.get('/v1/ltv?excludeProducts=nothing&period=week')).json().cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(['2024-01-01', '2024-01-15', '2024-01-29']);
  });
});

describe('GET /v1/segments/rfm', () => {
  it('scores by quantiles and names the layers with their strategies and thresholds', async () => {
    const r = (await t.get('/v1/segments/rfm')).json();
    expect(r).toMatchObject({ asOf: '2024-04-01T00:00:00.000Z', buyers: 3 });
    // R days 16 (U3), 50 (U1), 71 (U2); F 3, 2, 1; M 1800, 2200, 2000 → cut points below.
    expect(r.thresholds).toMatchObject({ scores: 5, recencyDays: [16, 50, 50, 71], frequency: [1, 2, 2, 3], monetary: [1_800, 2_000, 2_000, 2_200] });
    const sizes = Object.fromEntries(r.layers.map((l: { layer: string; size: number }) => [l.layer, l.size]));
    expect(sizes).toEqual({ loyal: 1, high_potential_new: 1, at_risk: 0, dormant: 1, other: 0 });
    const dormant = r.layers.find((l: { layer: string }) => l.layer === 'dormant');
    expect(dormant).toMatchObject({ nameZh: '沉睡唤醒客', headlineZh: '限时优惠+情感召回', rule: 'R1-2,F1-2', share: 1 / 3 });
  });

  it('members as JSON and CSV, paged; asOf and explicit cut points change the scores', async () => {
    const loyal = (await t.get('/v1/segments/rfm/members?layer=loyal')).json();
    expect(loyal).toMatchObject({ layer: 'loyal', total: 1, limit: 100, offset: 0 });
    expect(loyal.members[0]).toMatchObject({ personId: person('buyer:douyin:u3'), r: 5, f: 4, m: 1, recencyDays: 16, frequency: 3, monetary: 1_800, lastOrderAt: '2024-03-15T12:00:00.000Z' });
    const page = (await t.get('/v1/segments/rfm/members?limit=1&offset=1')).json();
    expect([page.total, page.members.map((m: { personId: string }) => m.personId)]).toEqual([3, [person('buyer:douyin:u2')]]);
    const csv = await t.get('/v1/segments/rfm/members?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('personId,layer,r,f,m,recencyDays,frequency,monetary,lastOrderAt');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 5).join(','))).toEqual(['high_potential_new,4,2,4', 'dormant,2,1,2', 'loyal,5,4,1']);
    const early = (await t.get('/v1/segments/rfm/members?asOf=2024-03-01T00:00:00Z&layer=')).json();
    expect(early.members.find((m: { personId: string }) => m.personId === person('buyer:douyin:u3'))).toMatchObject({ frequency: 2, recencyDays: 26 });
    const explicit = (await t.get('/v1/segments/rfm?recencyCuts=30,60,90,120')).json();
    expect([explicit.thresholds.source.recency, explicit.thresholds.recencyDays]).toEqual(['explicit', [30, 60, 90, 120]]);
  });

  it('layerMap gives person → layer for a funnel breakdown', async () => {
    const map = await t.app.segments.layerMap('t1', { asOf: now });
    expect(Object.fromEntries(map)).toEqual({ [person('buyer:douyin:u1')]: 'high_potential_new', [person('buyer:douyin:u2')]: 'dormant', [person('buyer:douyin:u3')]: 'loyal' });
  });

  it('answers catalogued codes for bad thresholds, rules, layers and formats', async () => {
    expect((await t.get('/v1/segments/rfm?scores=4')).json().error.code).toBe('segments_invalid_rules');
    expect((await t.get('/v1/segments/rfm?scores=11')).json().error.code).toBe('segments_invalid_thresholds');
    expect((await t.get('/v1/segments/rfm?monetaryCuts=1,2')).json().error.code).toBe('segments_invalid_thresholds');
    expect((await t.get('/v1/segments/rfm?rules=vip:R5')).json().error.code).toBe('segments_invalid_rules');
    expect((await t.get('/v1/segments/rfm/members?layer=vip')).json().error.code).toBe('segments_unknown_layer');
    expect((await t.get('/v1/segments/rfm/members?format=xml')).json().error.code).toBe('api_invalid_request');
    const custom = (await t.get(`/v1/segments/rfm?scores=3&rules=${encodeURIComponent('loyal:F3;dormant:R1')}`)).json();
    expect(custom.layers.map((l: { layer: string; size: number }) => [l.layer, l.size])).toEqual([['loyal', 1], ['dormant', 1], ['other', 1]]);
  });
});

describe('OpenAPI', () => {
  it('documents the retention and segments routes with their query parameters', async () => {
    const doc = (await t.server.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of ['/v1/retention', '/v1/repurchase', '/v1/ltv', '/v1/segments/rfm', '/v1/segments/rfm/members']) {
      expect(Object.keys(doc.paths[path] ?? {}), path).toContain('get');
    }
    const params = (doc.paths['/v1/retention'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['cohort', 'period', 'mode', 'periods', 'from', 'to', 'includeGuests', 'excludeProducts']));
  });
});
