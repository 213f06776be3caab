import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PROFILE, syntheticSeries, withStepFactor, type FunnelBucket } from '../../src/modules/alerts/index.js';
import { seededRng } from '../../src/shared/random.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

// Alert states over HTTP: listing, acknowledging, the catalogued errors, and the live stream's guards.
const M = 60_000;
const DAY = 86_400_000;
let t: TestApp;
let alertId = '';

beforeAll(async () => {
  t = await startTestApp();
  // A live session whose checkout broke at minute 10, evaluated minute by minute by the real service.
  const T0 = Date.UTC(2025, 4, 20, 12, 0);
  const scope = { tenant: 't1', creatorId: 'c1', liveId: 'l9', streamStartedAt: T0 };
  const history = [1, 2, 3, 4].flatMap((d) => syntheticSeries(seededRng(d), T0 - d * DAY, 30, () => LIVE_PROFILE, T0 - d * DAY));
  const series = syntheticSeries(seededRng(9), T0, 15, (m) => (m >= 10 ? withStepFactor(LIVE_PROFILE, 'order', 'pay', 0.05) : LIVE_PROFILE), T0);
  for (const current of series) {
    const { changes } = await t.app.alerts.evaluate({ tenant: 't1', scope: 'live:l9', detectorScope: scope, history, current: current as FunnelBucket, now: current.start + M });
    for (const c of changes) alertId = c.alert.id;
  }
});
afterAll(async () => { await t?.close(); });

const post = (url: string, payload: Record<string, unknown> = {}, key = t.secretKey) =>
  t.server.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${key}` } });

describe('GET /v1/alerts and POST /v1/alerts/{id}/acknowledge', () => {
  it('lists the firing alert with its diagnosis and suggested actions, in both languages', async () => {
    const res = await t.get('/v1/alerts');
    expect(res.statusCode).toBe(200);
    const [alert] = res.json().alerts;
    expect(alert).toMatchObject({ id: alertId, scope: 'live:l9', ruleId: 'rate.order.pay', status: 'firing', metric: { kind: 'rate', from: 'order', to: 'pay' } });
    expect(alert.diagnosis.kind).toBe('checkout_failure');
    expect(alert.diagnosis.summary.zh).toMatch(/支付/);
    expect(alert.diagnosis.actions.length).toBeGreaterThan(0);
    expect(alert.tenant).toBeUndefined(); // internal keys stay internal
  });

  it('acknowledges it once (idempotent), keeps it active, and records who', async () => {
    const first = await post(`/v1/alerts/${alertId}/acknowledge`, { by: '运营小王' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: alertId, status: 'acknowledged', acknowledgedBy: '运营小王' });
    const again = await post(`/v1/alerts/${alertId}/acknowledge`);
    expect(again.json().acknowledgedAt).toBe(first.json().acknowledgedAt);
    expect((await t.get('/v1/alerts?status=active')).json().alerts.map((a: { id: string }) => a.id)).toEqual([alertId]);
  });

  it('answers catalogued errors: unknown alert 404, write key 403, bad status 400', async () => {
    const missing = await post('/v1/alerts/alr_nope/acknowledge');
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'alerts_not_found']);
    expect((await post(`/v1/alerts/${alertId}/acknowledge`, {}, t.writeKey)).statusCode).toBe(403);
    expect((await t.get('/v1/alerts?status=firing')).statusCode).toBe(400);
  });
});

describe('GET /v1/live/stream guards', () => {
  it('needs the secret key in the Authorization header and a valid scope', async () => {
    const none = await t.server.inject({ method: 'GET', url: '/v1/live/stream' });
    expect([none.statusCode, none.json().error.code]).toEqual([401, 'api_unauthorized']);
    expect((await t.get('/v1/live/stream', t.writeKey)).statusCode).toBe(403);
    const bad = await t.get('/v1/live/stream?scope=shop');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'api_invalid_request']);
  });
});

describe('GET /v1/live/stream over a real socket', () => {
  it('opens with a snapshot, follows the live minute as events arrive, and ends when the server shuts down', async () => {
    const s = await startTestApp();
    await s.server.listen({ host: '127.0.0.1', port: 0 });
    const port = (s.server.server.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${port}/v1/live/stream?minutes=5`, { headers: { authorization: `Bearer ${s.secretKey}` } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(text)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until(/event: snapshot\ndata: .*\n\n/);
    const snapshot = JSON.parse(/event: snapshot\ndata: (.*)\n/.exec(text)?.[1] ?? '{}');
    expect(snapshot).toMatchObject({ scope: 'all', alerts: [] });
    expect(snapshot.points).toHaveLength(5);
    const now = s.app.clock.now();
    expect((await s.ingest([{ eventId: 'live-1', name: 'impression', platform: 'douyin', ts: now, anonymousId: 'v1' }])).statusCode).toBe(200);
    await until(/event: minute\ndata: .*"impression":1/);
    // Shutdown ends open streams instead of waiting for them.
    await s.close();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(ended).toBe(true);
  });
});

describe('alert settings', () => {
  it('reach every rule: the drop share, for and keep_firing_for come from config', async () => {
    const s = await startTestApp({ env: { REELPATH_ALERTS_DROP_PERCENT: '35', REELPATH_ALERTS_FOR_MS: '30000', REELPATH_ALERTS_KEEP_FIRING_MS: '60000' } });
    try {
      expect(s.app.alerts.config.rules).toHaveLength(15);
      for (const rule of s.app.alerts.config.rules) expect(rule).toMatchObject({ dropShare: 0.35, forMs: 30_000, keepFiringForMs: 60_000 });
    } finally {
      await s.close();
    }
  });
});
