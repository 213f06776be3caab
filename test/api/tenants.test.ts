import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, key?: string) =>
  t.server.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('tenants and keys over HTTP', () => {
  it('creates a tenant with the admin token and answers its keys once', async () => {
    const res = await post('/v1/tenants', { id: 'shop-http', name: '直播店' }, 'admin-test-token');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.writeKey).toMatch(/^rp_pub_/);
    expect(body.secretKey).toMatch(/^rp_sec_/);
    const me = await t.get('/v1/tenant', body.secretKey);
    expect(me.json()).toMatchObject({ id: 'shop-http', name: '直播店' });
    expect(JSON.stringify(me.json())).not.toContain(body.secretKey);
    const ingest = await t.ingest([{ eventId: 'th1', name: 'play', platform: 'douyin', ts: Date.now() - 1000, anonymousId: 'a' }], { key: body.writeKey });
    expect(ingest.json().accepted).toBe(1);
  });

  it('refuses tenant creation without the admin token, and a taken id', async () => {
    expect((await post('/v1/tenants', { id: 'shop-x' })).json().error.code).toBe('api_admin_token_required');
    expect((await post('/v1/tenants', { id: 'shop-x' }, t.secretKey)).json().error.code).toBe('api_admin_token_required');
    const again = await post('/v1/tenants', { id: 't1' }, 'admin-test-token');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('tenants_exists');
  });

  it('lets a secret key mint more keys, and a write key not', async () => {
    const minted = await post('/v1/keys', { kind: 'public' }, t.secretKey);
    expect(minted.statusCode).toBe(201);
    expect(minted.json().key).toMatch(/^rp_pub_/);
    expect((await post('/v1/keys', { kind: 'secret' }, t.writeKey)).json().error.code).toBe('api_forbidden');
    expect((await post('/v1/keys', { kind: 'root' }, t.secretKey)).json().error.code).toBe('api_invalid_request');
  });
});
