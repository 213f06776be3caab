import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
let seq = 0;
const now = Date.now() - 10_000;
const ev = (over: Record<string, unknown>): Record<string, unknown> => ({ eventId: `id_${++seq}`, platform: 'douyin', ts: now + seq, ...over });
const personOf = async (key: string) => (await t.get(`/v1/persons?key=${encodeURIComponent(key)}`)).json();

beforeAll(async () => { t = await startTestApp({ env: { REELPATH_IDENTITY_CAP: '3' } }); });
afterAll(async () => { await t.close(); });

describe('cross-platform identity', () => {
  it('joins a buyer seen on Douyin and Kuaishou through the same phone, with the merge evidence', async () => {
    await t.ingest([
      ev({ name: 'play', openId: 'dy_A', anonymousId: 'dev1' }),
      ev({ name: 'play', platform: 'kuaishou', openId: 'ks_B' }),
    ]);
    expect((await personOf('openid:douyin:dy_A')).personId).not.toBe((await personOf('openid:kuaishou:ks_B')).personId);
    await t.ingest([
      ev({ name: 'order', orderId: 'o1', openId: 'dy_A', buyerId: 'b1', phone: '13800000001' }),
      ev({ name: 'order', platform: 'kuaishou', orderId: 'o2', openId: 'ks_B', phone: '+86 138 0000 0001' }),
    ]);
    const a = await personOf('openid:douyin:dy_A');
    const b = await personOf('openid:kuaishou:ks_B');
    expect(a.personId).toBe(b.personId);
    expect(a.keys).toEqual(expect.arrayContaining(['anon:dev1', 'buyer:douyin:b1', 'openid:douyin:dy_A', 'openid:kuaishou:ks_B']));
    expect(a.keys.some((k: string) => k.startsWith('phone:'))).toBe(true);
    const merge = a.merges.find((m: { status: string }) => m.status === 'merged');
    expect(merge).toBeDefined();
    expect(typeof merge.eventId).toBe('string');
    const funnel = (await t.get('/v1/funnel?steps=play,order&window=1h')).json();
    expect(funnel.overall.steps[1].count).toBeGreaterThanOrEqual(1);
  });

  it('a shared phone cannot merge a crowd: merges past the cap are refused and recorded', async () => {
    const batch = Array.from({ length: 6 }, (_, i) => ev({ name: 'order', orderId: `c${i}`, openId: `crowd_${i}`, phone: '13999999999' }));
    await t.ingest(batch);
    const persons = new Set<string>();
    for (let i = 0; i < 6; i++) persons.add((await personOf(`openid:douyin:crowd_${i}`)).personId);
    expect(persons.size).toBeGreaterThan(1);
    const first = await personOf('openid:douyin:crowd_0');
    expect(first.keys.filter((k: string) => k.startsWith('openid:douyin:'))).toHaveLength(3);
    expect(first.merges.some((m: { status: string; detail: string }) => m.status === 'refused' && m.detail.includes('cap'))).toBe(true);
  });

  it('joins accounts through a pseudonymised delivery address, which never becomes the primary key', async () => {
    const first = ev({ name: 'order', orderId: 'a1', openId: 'addr_A', address: '北京市 朝阳区 建国路 1 号' });
    await t.ingest([first, ev({ name: 'order', platform: 'tiktok', orderId: 'a2', openId: 'addr_B', address: '北京市朝阳区建国路1号' })]);
    const a = await personOf('openid:douyin:addr_A');
    expect(a.personId).toBe((await personOf('openid:tiktok:addr_B')).personId);
    expect(a.keys.filter((k: string) => k.startsWith('address:'))).toHaveLength(1);
    const stored = (await t.get(`/v1/events/${String(first.eventId)}`)).json();
    expect(stored.identityKey).toBe('openid:douyin:addr_A');
  });

  it('identify links identifiers explicitly', async () => {
    await t.ingest([ev({ name: 'play', anonymousId: 'web-1' })]);
    const res = await t.server.inject({ method: 'POST', url: '/v1/identify', headers: { authorization: `Bearer ${t.secretKey}` }, payload: { identifiers: ['user:42', 'anon:web-1'] } });
    expect(res.statusCode).toBe(200);
    expect((await personOf('anon:web-1')).personId).toBe(res.json().personId);
    const bad = await t.server.inject({ method: 'POST', url: '/v1/identify', headers: { authorization: `Bearer ${t.secretKey}` }, payload: { identifiers: ['user:42'] } });
    expect(bad.json().error.code).toBe('identity_invalid_link');
  });
});

describe('consent and erasure', () => {
  it('records consent from events and the API, per purpose', async () => {
    await t.ingest([ev({ name: 'consent', anonymousId: 'c-1', consent: { analytics: true, marketing: false } })]);
    const p = await personOf('anon:c-1');
    const view = (await t.get(`/v1/persons/${p.personId}`)).json();
    expect(view.consent.analytics.state).toBe('granted');
    expect(view.consent.marketing.state).toBe('denied');
    expect(view.consent.personalization.state).toBe('unknown');
    const res = await t.server.inject({ method: 'POST', url: `/v1/persons/${p.personId}/consent`, headers: { authorization: `Bearer ${t.secretKey}` }, payload: { personalization: true } });
    expect(res.json().consent.personalization.state).toBe('granted');
    const bad = await t.server.inject({ method: 'POST', url: `/v1/persons/${p.personId}/consent`, headers: { authorization: `Bearer ${t.secretKey}` }, payload: { telepathy: true } });
    expect(bad.json().error.code).toBe('privacy_unknown_purpose');
  });

  it('DELETE /v1/persons/{id} erases events, identity and consent everywhere and answers what it erased', async () => {
    await t.ingest([
      ev({ name: 'play', anonymousId: 'gone-dev', openId: 'gone' }),
      ev({ name: 'order', orderId: 'g1', openId: 'gone', phone: '13700000000', consent: { analytics: true } }),
      ev({ name: 'play', anonymousId: 'stays' }),
    ]);
    const p = await personOf('openid:douyin:gone');
    const res = await t.server.inject({ method: 'DELETE', url: `/v1/persons/${p.personId}`, headers: { authorization: `Bearer ${t.secretKey}` } });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ personId: p.personId, events: 2, consentRecords: 1 });
    expect(report.identityKeys).toHaveLength(3);
    expect(report.identityEdges).toBe(2);
    expect((await t.get(`/v1/persons/${p.personId}`)).statusCode).toBe(404);
    expect((await t.get(`/v1/persons?key=${encodeURIComponent('openid:douyin:gone')}`)).statusCode).toBe(404);
    expect((await personOf('anon:stays')).personId).toMatch(/^per_/);
  });
});
