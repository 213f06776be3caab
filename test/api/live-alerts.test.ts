import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LIVE_PLAN, replayLiveSession, seedLiveHistory } from '../../src/flows/live-replay.flow.js';
import { floorMinute } from '../../src/modules/monitor/index.js';
import { acceleratedClock, systemClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { startWebhookReceiver } from '../harness/webhook-receiver.js';

// The whole live-monitoring path on the real app: the demo's fault replay (traffic throttled in minutes
// 5–9, checkout broken in 13–17) is ingested through the API flow on a clock 60× faster than real time;
// the evaluation loop runs as `serve` runs it; alerts reach a signed-webhook receiver on loopback and a
// live-board client over server-sent events.
const M = 60_000;
const SPEED = 60;
const plan = DEMO_LIVE_PLAN;
const clock = acceleratedClock((plan.minutes + 2) * M, SPEED);
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let secret = '';
let startAt = 0;
type Hook = { kind: string; verified: boolean; latencyMs: number; data: { ruleId: string; diagnosis: { kind: string } | null; firingSince: number } };
const hooks: Hook[] = [];
const sse: { event: string; data: unknown }[] = [];
let sseAbort: AbortController;

async function readSse(url: string, key: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` }, signal: sseAbort.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) sse.push({ event, data: JSON.parse(data) });
    }
  }
}

beforeAll(async () => {
  t = await startTestApp({ clock, wallClock: systemClock });
  receiver = await startWebhookReceiver<Hook['data']>(() => secret, (h) => {
    // Latency in the app's (60×) time from the moment the alert was due to fire until it was received.
    hooks.push({ kind: h.kind, verified: h.verified, latencyMs: clock.now() - (h.data.firingSince ?? 0), data: h.data });
  });
  const created = await t.server.inject({ method: 'POST', url: '/v1/alerts/endpoints', headers: { authorization: `Bearer ${t.secretKey}` }, payload: { url: receiver.url } });
  secret = created.json().secret;
  await t.server.listen({ host: '127.0.0.1', port: 0 });
  startAt = floorMinute(clock.accelerate()) + M;
  await seedLiveHistory(t.app.monitor, 't1', plan, startAt);
  sseAbort = new AbortController();
  const port = (t.server.server.address() as { port: number }).port;
  void readSse(`http://127.0.0.1:${port}/v1/live/stream?scope=live:live-demo-${plan.seed}`, t.secretKey);

  const tenant = await t.app.tenants.getTenant('t1');
  let watching = true;
  const loop = (async () => { while (watching) { await t.app.watcher.tick(); await new Promise((r) => setTimeout(r, 50)); } })();
  await replayLiveSession(t.app, tenant, plan, startAt);
  watching = false;
  await loop;
}, 120_000);

afterAll(async () => {
  sseAbort?.abort();
  await t?.close();
  await receiver?.close();
});

describe('live fault replay → alerts', () => {
  it('raises exactly two alerts: traffic_drop on impressions in the throttled minutes, checkout_failure on order → pay in the broken ones', async () => {
    const alerts = (await t.get('/v1/alerts?status=all')).json().alerts as { ruleId: string; firingSince: number; diagnosis: { kind: string; step: { from: string; to: string } | null }; scope: string }[];
    const summary = alerts.map((a) => ({ rule: a.ruleId, kind: a.diagnosis.kind, minute: (a.firingSince - startAt) / M, scope: a.scope })).reverse();
    expect(summary.map((a) => [a.rule, a.kind, a.scope])).toEqual([
      ['count.impression', 'traffic_drop', `live:live-demo-${plan.seed}`],
      ['rate.order.pay', 'checkout_failure', `live:live-demo-${plan.seed}`],
    ]);
    // `for` is 2 minutes: each fires 2–3.5 minutes into its fault, and never before it.
    expect(summary[0]?.minute).toBeGreaterThanOrEqual(5 + 2);
    expect(summary[0]?.minute).toBeLessThan(5 + 3.5);
    expect(summary[1]?.minute).toBeGreaterThanOrEqual(13 + 2);
    expect(summary[1]?.minute).toBeLessThan(13 + 3.5);
    expect(alerts[0]?.diagnosis.step).toMatchObject({ from: 'order', to: 'pay' });
  });

  it('delivers them as signed webhooks, and the throttling one resolved after traffic came back', () => {
    expect(hooks.every((h) => h.verified)).toBe(true);
    // The first rule to fire opens the incident (for a throttled room any count may be first); the API
    // then names the rule that explains it best (count.impression, checked above).
    expect(hooks.map((h) => `${h.kind}:${h.data.diagnosis?.kind}`)).toEqual(['alert.firing:traffic_drop', 'alert.resolved:traffic_drop', 'alert.firing:checkout_failure']);
    // At 60× app time, 5 real seconds are 300 s: the goal holds when every firing webhook arrived within it.
    for (const h of hooks.filter((x) => x.kind === 'alert.firing')) expect(h.latencyMs).toBeLessThan(5_000 * SPEED);
  });

  it('pushes the same alerts and the live minutes to the live board over server-sent events', () => {
    expect(sse[0]?.event).toBe('snapshot');
    expect(sse.filter((e) => e.event === 'minute').length).toBeGreaterThan(plan.minutes / 2);
    expect(sse.filter((e) => e.event === 'alert').map((e) => { const a = e.data as { diagnosis: { kind: string }; status: string }; return `${a.status}:${a.diagnosis.kind}`; }))
      .toEqual(['firing:traffic_drop', 'resolved:traffic_drop', 'firing:checkout_failure']);
  });
});
