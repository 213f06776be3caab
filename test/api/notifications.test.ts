import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { startWebhookReceiver } from '../harness/webhook-receiver.js';

// Alert webhooks over the API, delivered to a real HTTP receiver on loopback that verifies signatures.
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let hookUrl = '';
let secret = '';
let received: { kind: string; verified: boolean }[] = [];
const seen = () => received.map(({ kind, verified }) => ({ kind, verified }));

beforeAll(async () => {
  t = await startTestApp();
  receiver = await startWebhookReceiver(() => secret);
  hookUrl = receiver.url;
  received = receiver.received;
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const call = (method: 'POST' | 'GET' | 'DELETE', url: string, payload?: unknown) =>
  t.server.inject({ method, url, headers: { authorization: `Bearer ${t.secretKey}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

describe('alert webhook endpoints', () => {
  it('registers an endpoint, answers its secret once, test-delivers a signed ping, and logs the delivery', async () => {
    const created = await call('POST', '/v1/alerts/endpoints', { url: hookUrl });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json();
    secret = endpoint.secret;
    expect(secret).toMatch(/^whsec_/);
    const listed = (await call('GET', '/v1/alerts/endpoints')).json();
    expect(listed).toEqual([{ id: endpoint.id, tenant: 't1', url: hookUrl, createdAt: endpoint.createdAt }]);
    const ping = (await call('POST', `/v1/alerts/endpoints/${endpoint.id}/test`)).json();
    expect(ping).toMatchObject({ kind: 'ping', status: 'delivered', attempts: 1, lastStatus: 200 });
    expect(seen()).toEqual([{ kind: 'ping', verified: true }]);
    const log = (await call('GET', '/v1/alerts/deliveries')).json();
    expect(log.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([[ping.id, 'delivered']]);
    expect((await call('DELETE', `/v1/alerts/endpoints/${endpoint.id}`)).statusCode).toBe(204);
    expect((await call('GET', '/v1/alerts/endpoints')).json()).toEqual([]);
  });

  it('answers catalogued errors for a bad URL and an unknown endpoint, and needs the secret key', async () => {
    const bad = await call('POST', '/v1/alerts/endpoints', { url: 'not a url' });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'notifications_invalid_url']);
    const missing = await call('POST', '/v1/alerts/endpoints/wep_nope/test');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'notifications_endpoint_not_found']);
    const writeKey = await t.server.inject({ method: 'GET', url: '/v1/alerts/endpoints', headers: { authorization: `Bearer ${t.writeKey}` } });
    expect(writeKey.statusCode).toBe(403);
  });
});
