import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
const base = Date.now() - 2 * 86_400_000;
let seq = 0;
const ev = (user: string, name: string, productId: string, minute: number, over: Record<string, unknown> = {}) => ({
  eventId: `e${++seq}`, userId: user, name, platform: 'douyin', ts: base + minute * 60_000, productId,
  categoryId: productId < 'p07' ? 'food' : 'beauty', priceBand: Number(productId.slice(1)) % 2 === 0 ? '50-200' : '<50', creatorId: `c${productId}`, ...over,
});
const consent = (user: string, granted: boolean, minute = 0) => ({ eventId: `c-${user}-${minute}`, userId: user, name: 'consent', platform: 'douyin', ts: base + minute * 60_000, consent: { personalization: granted } });
const FOOD = ['p01', 'p02', 'p03', 'p04', 'p05', 'p06'];
const BEAUTY = ['p07', 'p08', 'p09', 'p10', 'p11', 'p12'];

/** 40 food lovers and 40 beauty lovers, each clicking, carting and paying within their taste; all but u9, u19, … consent. */
function world(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let u = 0; u < 80; u++) {
    const user = `u${u}`;
    const taste = u < 40 ? FOOD : BEAUTY;
    if (u % 10 !== 9) out.push(consent(user, true));
    for (let k = 0; k < 4; k++) {
      const p = taste[(u + k) % taste.length] as string;
      out.push(ev(user, 'impression', p, u + k), ev(user, 'play', p, u + k), ev(user, 'product_click', p, u + k + 1));
      if (k < 2) out.push(ev(user, 'add_to_cart', p, u + k + 2), ev(user, 'pay', p, u + k + 3, { orderId: `o-${user}-${k}`, amount: 9900, currency: 'CNY' }));
    }
  }
  out.push({ eventId: 'stock-p03', userId: 'ops', name: 'inventory_update', platform: 'douyin', ts: base + 500 * 60_000, productId: 'p03', stock: 0 });
  return out;
}

const itemsOf = (body: { items: { itemId: string }[] }) => body.items.map((i) => i.itemId);
const put = (body: unknown) => t.server.inject({ method: 'PUT', url: '/v1/allocation/policy', payload: body as Record<string, unknown>, headers: { authorization: `Bearer ${t.secretKey}` } });

beforeAll(async () => {
  t = await startTestApp();
  const events = world();
  for (let i = 0; i < events.length; i += 1000) expect((await t.ingest(events.slice(i, i + 1000))).json().rejected).toEqual([]);
});
afterAll(async () => { await t.close(); });

describe('the allocation policy', () => {
  it('is published with its formula, weights and definitions; version 0 is the built-in default', async () => {
    const r = (await t.get('/v1/allocation/policy')).json();
    expect(r.version).toBe(0);
    expect(r.weights.conversion).toBe(0.3);
    expect(r.formula).toContain('credit');
    expect(r.components.map((c: { name: string }) => c.name)).toEqual(['conversion', 'relevance', 'clickThrough', 'completion', 'interaction', 'freshness']);
    expect(r.components[0].zh).toContain('转化效率');
  });

  it('refuses an invalid policy with every problem listed, and keeps every published version', async () => {
    const bad = await put({ weights: { conversion: 0.9, luck: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('allocation_invalid_policy');
    expect(bad.json().error.details.problems).toEqual(expect.arrayContaining([expect.stringContaining('unknown component luck'), expect.stringContaining('sum to 1')]));
    const ok = await put({ weights: { conversion: 0.35, relevance: 0.2 }, note: 'more weight on conversion' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ version: 1, weights: { conversion: 0.35, relevance: 0.2, clickThrough: 0.15 }, note: 'more weight on conversion' });
    expect((await t.get('/v1/allocation/policy')).json().version).toBe(1);
    expect((await t.get('/v1/allocation/policy/versions')).json().versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
    expect((await t.get('/v1/allocation/policy?version=0')).json().weights.conversion).toBe(0.3);
    expect((await t.get('/v1/allocation/policy?version=7')).json().error.code).toBe('allocation_policy_not_found');
  });
});

describe('GET /v1/recommendations', () => {
  it('recommends within a consenting person\'s taste and logs the slate with propensities', async () => {
    const r = (await t.get('/v1/recommendations?person=user:u1&n=6&slot=home_feed')).json();
    expect(r).toMatchObject({ mode: 'personalised', reason: null, slot: 'home_feed' });
    expect(r.personId).toMatch(/^per_/);
    expect(r.requestId).toMatch(/^rec_/);
    expect(r.items).toHaveLength(6);
    const exploit = r.items.filter((i: { explored: boolean }) => !i.explored);
    // The best item is in the person's taste; diversity (MMR, category cap) may mix others in after it.
    expect(FOOD).toContain(exploit[0].itemId);
    expect(exploit.slice(0, 3).filter((i: { itemId: string }) => FOOD.includes(i.itemId)).length).toBeGreaterThanOrEqual(2);
    for (const i of r.items) expect(i.propensity).toBeGreaterThan(0);
    const served = (await t.get('/v1/allocation/served')).json().slates;
    const logged = served.find((s: { requestId: string }) => s.requestId === r.requestId);
    expect(logged).toMatchObject({ personId: r.personId, mode: 'personalised', policyVersion: r.policyVersion, slot: 'home_feed' });
    expect(logged.items.map((i: { itemId: string; propensity: number }) => [i.itemId, i.propensity])).toEqual(r.items.map((i: { itemId: string; propensity: number }) => [i.itemId, i.propensity]));
  });

  it('serves the non-personalised mode without consent, and it reads nothing personal', async () => {
    // Deterministic ranking (no exploration, temperature 0) so two calls can be compared item for item.
    expect((await put({ parameters: { exploreShare: 0, temperature: 0 } })).statusCode).toBe(201);
    const food = (await t.get('/v1/recommendations?person=user:u9&n=8')).json(); // u9: food lover without consent
    const beauty = (await t.get('/v1/recommendations?person=user:u49&n=8')).json(); // u49: beauty lover without consent
    const anonymous = (await t.get('/v1/recommendations?n=8')).json();
    const optedOut = (await t.get('/v1/recommendations?person=user:u1&n=8&personalised=false&excludeBought=true')).json();
    expect(food).toMatchObject({ mode: 'non_personalised', reason: 'no_consent', personId: null });
    expect(anonymous.reason).toBe('no_person');
    expect(optedOut).toMatchObject({ reason: 'requested', ignoredFilters: ['excludeBought'] });
    expect(itemsOf(beauty)).toEqual(itemsOf(food));
    expect(itemsOf(anonymous)).toEqual(itemsOf(food));
    expect(itemsOf(optedOut)).toEqual(itemsOf(food));
    const served = (await t.get('/v1/allocation/served')).json().slates.find((s: { requestId: string }) => s.requestId === food.requestId);
    expect(served.personId).toBeNull();
  });

  it('switches a person to the non-personalised mode as soon as they withdraw consent', async () => {
    expect((await t.ingest([consent('u2', false, 900)])).json().accepted).toBe(1);
    const r = (await t.get('/v1/recommendations?person=user:u2&n=5')).json();
    expect(r).toMatchObject({ mode: 'non_personalised', reason: 'consent_withdrawn', personId: null });
  });

  it('feeds new events back at once: a food lover who starts buying beauty gets beauty first', async () => {
    const before = (await t.get('/v1/recommendations?person=user:u3&n=3')).json();
    expect(itemsOf(before).filter((id) => FOOD.includes(id)).length).toBeGreaterThanOrEqual(2);
    const burst = BEAUTY.slice(0, 4).flatMap((p, k) => [ev('u3', 'product_click', p, 1000 + k), ev('u3', 'add_to_cart', p, 1000 + k), ev('u3', 'pay', p, 1001 + k, { orderId: `o-u3-b${k}`, amount: 5000, currency: 'CNY' })]);
    expect((await t.ingest(burst)).json().accepted).toBe(burst.length);
    const after = (await t.get('/v1/recommendations?person=user:u3&n=3')).json();
    expect(itemsOf(after).filter((id) => BEAUTY.includes(id)).length).toBeGreaterThanOrEqual(2);
  });

  it('applies the filters: category, price band, in stock, already bought', async () => {
    const beauty = (await t.get('/v1/recommendations?person=user:u1&n=10&category=beauty')).json();
    expect(beauty.items.length).toBeGreaterThan(0);
    expect(beauty.items.every((i: { categoryId: string }) => i.categoryId === 'beauty')).toBe(true);
    const cheap = (await t.get('/v1/recommendations?person=user:u1&n=10&priceBand=%3C50')).json();
    expect(cheap.items.every((i: { priceBand: string }) => i.priceBand === '<50')).toBe(true);
    const inStock = (await t.get('/v1/recommendations?person=user:u2&n=12&inStock=true')).json();
    expect(itemsOf(inStock)).not.toContain('p03');
    expect(itemsOf(inStock).length).toBe(11);
    const fresh = (await t.get('/v1/recommendations?person=user:u1&n=12&excludeBought=true')).json();
    expect(itemsOf(fresh)).not.toContain('p02'); // u1 paid for p02 and p03
    expect(itemsOf(fresh)).not.toContain('p03');
  });

  it('refuses bad parameters with recommend_invalid_request', async () => {
    for (const q of ['n=0', 'n=500', 'priceBand=cheap', 'slot=' + encodeURIComponent('a b'), 'person=nobody']) {
      const r = await t.get(`/v1/recommendations?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.code, q).toBe('recommend_invalid_request');
    }
    expect((await t.get('/v1/recommendations?person=per_unknown')).json().error.code).toBe('identity_person_not_found');
    expect((await t.get('/v1/recommendations?n=3', t.writeKey)).statusCode).toBe(403);
  });
});

describe('rebuilds', () => {
  it('a rebuild asked for while one runs joins it, and the new models serve afterwards', async () => {
    const [a, b] = await Promise.all([t.app.recommend.rebuild('t1'), t.app.recommend.rebuild('t1')]);
    expect(b).toBe(a);
    expect(a).toMatchObject({ items: 12, learned: true });
    expect((await t.get('/v1/recommendations/model')).json().builtAt).toBe(a.builtAt);
    expect((await t.get('/v1/recommendations?person=user:u1&n=3')).json().items).toHaveLength(3);
  });
});

describe('GET /v1/recommendations/explain', () => {
  it('gives each item\'s components, and its score is the published formula over them', async () => {
    const r = (await t.get('/v1/recommendations/explain?person=user:u41&n=5&slot=product_detail')).json();
    const { weights } = r.policy;
    expect(r.items).toHaveLength(5);
    for (const item of r.items) {
      const sum = Object.entries(weights).reduce((s, [c, w]) => s + (w as number) * item.components[c], 0);
      expect(item.score).toBeCloseTo(item.credit * sum, 5);
      for (const v of Object.values(item.components)) expect(v as number).toBeGreaterThanOrEqual(0);
      expect(item.relevanceSources).not.toBeNull();
    }
    const served = (await t.get('/v1/allocation/served')).json().slates;
    expect(served.some((s: { requestId: string }) => s.requestId === r.requestId)).toBe(false);
  });
});
