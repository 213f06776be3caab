import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

// Ingestion feeds the live per-minute funnel: counted by event time, each event once, late ones refused.
const clock = fixedClock(Date.UTC(2026, 10, 22, 20, 30, 30));
const minute = Date.UTC(2026, 10, 22, 20, 30, 0);
let t: TestApp;
const ev = (id: string, name: string, ts: number, over: Record<string, unknown> = {}) =>
  ({ eventId: id, anonymousId: `a-${id}`, name, platform: 'douyin', ts, productId: 'p1', creatorId: 'cr1', liveId: 'live1', ...over });

beforeAll(async () => { t = await startTestApp({ clock }); });
afterAll(async () => { await t.close(); });

describe('GET /v1/monitor/series', () => {
  it('counts ingested events per minute and scope, once per event, and leaves late ones out', async () => {
    const batch = [
      ev('i1', 'impression', minute + 1_000), ev('i2', 'impression', minute + 2_000), ev('p1', 'play', minute + 3_000),
      ev('i0', 'impression', minute - 60_000 + 5_000, { platform: 'kuaishou', liveId: undefined }),
      ev('old', 'impression', minute - 10 * 60_000),
    ];
    expect((await t.ingest(batch)).json().accepted).toBe(5);
    expect((await t.ingest(batch)).json().duplicates).toBe(5);
    const all = (await t.get('/v1/monitor/series?minutes=2')).json();
    expect(all.points.map((p: { minute: number; counts: { impression: number; play: number } }) => [p.minute, p.counts.impression, p.counts.play]))
      .toEqual([[minute - 60_000, 1, 0], [minute, 2, 1]]);
    expect(all.points[1].rates.impression_to_play).toBe(0.5);
    const live = (await t.get('/v1/monitor/series?minutes=2&scope=live:live1')).json();
    expect(live.points.map((p: { counts: { impression: number } }) => p.counts.impression)).toEqual([0, 2]);
    const kuaishou = (await t.get('/v1/monitor/series?minutes=2&scope=platform:kuaishou')).json();
    expect(kuaishou.points.map((p: { counts: { impression: number } }) => p.counts.impression)).toEqual([1, 0]);
  });

  it('keeps the counts across a restart (flushed on close, warmed on start)', async () => {
    const dir = t.dataDir;
    await t.app.close();
    const again = await startTestApp({ clock, keepDir: dir });
    try {
      const all = (await again.get('/v1/monitor/series?minutes=1', t.secretKey)).json();
      expect(all.points[0].counts.impression).toBe(2);
    } finally {
      await again.server.close();
      await again.app.close();
    }
  });

  it('answers api_invalid_request for a bad scope or range', async () => {
    const fresh = await startTestApp({ clock });
    try {
      for (const q of ['scope=shop:1', 'from=2000&to=1000']) {
        const res = await fresh.get(`/v1/monitor/series?${q}`);
        expect([res.statusCode, res.json().error.code], q).toEqual([400, 'api_invalid_request']);
      }
    } finally {
      await fresh.close();
    }
  });
});
