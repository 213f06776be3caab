import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/time.js';
import { openSqlite } from '../../storage/sqlite-db.js';
import type { CanonicalEvent, EventName, Platform } from '../events/index.js';
import { MINUTE_MS } from './domain/monitor-series.js';
import { MonitorService } from './monitor.service.js';
import { SqlMonitorStore } from './store/monitor.sql.js';

// What the alert loop reads from the monitor: live sessions, the watermark, stock, history and backfill.
const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const M = MINUTE_MS;
let seq = 0;
function ev(name: EventName, ts: number, extra: Partial<CanonicalEvent> = {}): CanonicalEvent {
  seq++;
  return { eventId: `evt_${seq}`, tenant: 't1', name, platform: 'douyin' as Platform, ts, receivedAt: ts, schemaVersion: 1, anonymousId: `a${seq}`, properties: {}, ...extra };
}
async function open() {
  const store = new SqlMonitorStore(openSqlite(':memory:'));
  await store.init();
  return store;
}

describe('MonitorService for the alert loop', () => {
  it('learns live sessions (creator, first and latest minute) and the latest event time; a restart keeps the sessions', async () => {
    const store = await open();
    const clock = fixedClock(T0 + 3 * M);
    const a = new MonitorService(store, clock);
    await a.warm();
    a.observe('t1', [ev('impression', T0 + M + 5, { liveId: 'l1' }), ev('play', T0 + 5, { liveId: 'l1', creatorId: 'c1' }), ev('play', T0 + 2 * M + 7, { liveId: 'l1' })]);
    a.observe('t1', [ev('like', T0 + 3 * M, { liveId: 'l2' })]); // not a funnel event: no session, no watermark
    expect(a.liveSessions('t1', T0)).toEqual([{ tenant: 't1', liveId: 'l1', creatorId: 'c1', startedAt: T0, lastMinute: T0 + 2 * M }]);
    expect(a.liveSessions('t1', T0 + 3 * M)).toEqual([]);
    expect(a.latestEventAt('t1')).toBe(T0 + 2 * M + 7);
    expect(a.tenants()).toEqual(['t1']);
    await a.flush();
    const b = new MonitorService(store, clock);
    await b.warm();
    expect(b.liveSessions('t1', T0)).toEqual(a.liveSessions('t1', T0));
    expect(b.latestEventAt('t1')).toBe(T0 + 2 * M); // from the stored minutes: a minute's start
  });

  it('knows which products are sold out, for the shop and for the products a live room showed', async () => {
    const s = new MonitorService(await open(), fixedClock(T0));
    s.observe('t1', [
      ev('product_click', T0, { liveId: 'l1', productId: 'p1' }), ev('product_click', T0, { liveId: 'l2', productId: 'p2' }),
      ev('inventory_update', T0, { productId: 'p1', stock: 0 }), ev('inventory_update', T0, { productId: 'p2', stock: 0 }), ev('inventory_update', T0, { productId: 'p3', stock: 4 }),
    ]);
    expect(s.stock('t1', 'l1')).toEqual({ soldOutProductIds: ['p1'], productIds: ['p1'] });
    expect([...s.stock('t1').soldOutProductIds].sort()).toEqual(['p1', 'p2']);
    s.observe('t1', [ev('inventory_update', T0 + 1, { productId: 'p1', stock: 10 })]); // restocked
    expect(s.stock('t1', 'l1').soldOutProductIds).toEqual([]);
  });

  it('backfills history older than the lateness into the store, and reads history from store and memory alike', async () => {
    const store = await open();
    const clock = fixedClock(T0 + 10 * 24 * 60 * M);
    const s = new MonitorService(store, clock);
    await s.warm();
    const old = [ev('impression', T0, { liveId: 'old', creatorId: 'c1' }), ev('play', T0 + 1, { liveId: 'old', creatorId: 'c1' }), ev('impression', T0 + 5 * M, { liveId: 'old' })];
    expect(s.observe('t1', old).tooLate).toBe(3); // too late for live counting…
    expect(await s.backfill('t1', old)).toBe(4 + 3); // …but backfilled: all, platform:douyin, creator:c1, live:old; then without the creator
    expect((await s.history('t1', 'live:old', T0, T0 + 10 * M)).map((b) => [b.minute, b.counts.impression, b.counts.play])).toEqual([[T0, 1, 1], [T0 + 5 * M, 1, 0]]);
    expect(await s.earlierLiveSessions('t1', 'c1', clock.now(), 5)).toEqual([{ tenant: 't1', liveId: 'old', creatorId: 'c1', startedAt: T0, lastMinute: T0 + 5 * M }]);
    const now = clock.now();
    s.observe('t1', [ev('order', now - 2 * M)]);
    expect((await s.history('t1', 'all', now - 5 * M, now)).map((b) => [b.minute, b.counts.order])).toEqual([[Math.floor((now - 2 * M) / M) * M, 1]]);
  });

  it('backfills a session in several calls and in large ones: its bounds widen, 200,000 events at once are fine', async () => {
    const store = await open();
    const clock = fixedClock(T0 + 10 * 24 * 60 * M);
    const s = new MonitorService(store, clock);
    await s.warm();
    const minute = (m: number, n: number) => Array.from({ length: n }, (_, i) => ({ name: 'impression' as const, platform: 'douyin' as Platform, ts: T0 + m * M + (i % 60_000), liveId: 'big', creatorId: 'c9' }));
    await s.backfill('t1', minute(0, 200_000));
    await s.backfill('t1', minute(30, 10));
    await s.backfill('t1', minute(10, 10));
    expect(await s.earlierLiveSessions('t1', 'c9', clock.now(), 5)).toEqual([{ tenant: 't1', liveId: 'big', creatorId: 'c9', startedAt: T0, lastMinute: T0 + 30 * M }]);
    expect((await s.history('t1', 'live:big', T0, T0 + 40 * M)).map((b) => b.counts.impression)).toEqual([200_000, 10, 10]);
  });
});
