import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/time.js';
import { openSqlite } from '../../storage/sqlite-db.js';
import type { CanonicalEvent, EventName, Platform } from '../events/index.js';
import { MINUTE_MS } from './domain/monitor-series.js';
import { MonitorService } from './monitor.service.js';
import { SqlMonitorStore } from './store/monitor.sql.js';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
let seq = 0;

function ev(name: EventName, ts: number, extra: { platform?: Platform; creatorId?: string; liveId?: string } = {}): CanonicalEvent {
  seq++;
  return { eventId: `evt_${seq}`, tenant: 't1', name, platform: 'douyin' as Platform, ts, receivedAt: ts, schemaVersion: 1, anonymousId: `a${seq % 50}`, properties: {}, ...extra };
}

async function openStore(): Promise<SqlMonitorStore> {
  const store = new SqlMonitorStore(openSqlite(':memory:'));
  await store.init();
  return store;
}

describe('MonitorService', () => {
  it('observe → flush → a new service warms from the store and answers the same series', async () => {
    const store = await openStore();
    const clock = fixedClock(T0 + 2 * MINUTE_MS);
    const a = new MonitorService(store, clock);
    expect(await a.warm()).toBe(0);
    a.observe('t1', [
      ev('impression', T0), ev('impression', T0 + 1), ev('play', T0 + 2, { liveId: 'l1', creatorId: 'c1' }),
      ev('impression', T0 + MINUTE_MS, { platform: 'kuaishou' }), ev('pay', T0 + MINUTE_MS + 1, { liveId: 'l1' }), ev('like', T0),
    ]);
    expect(await a.flush()).toBe(8); // all ×2, douyin ×2, kuaishou, creator:c1, live:l1 ×2
    expect(await a.flush()).toBe(0);
    // A late event within the lateness corrects an already persisted minute.
    clock.advance(MINUTE_MS);
    expect(a.observe('t1', [ev('play', T0 + 3)])).toMatchObject({ counted: 1, tooLate: 0 });
    expect(await a.flush()).toBe(2);

    const b = new MonitorService(store, clock);
    expect(await b.warm()).toBe(8);
    for (const scope of ['all', 'platform:douyin', 'platform:kuaishou', 'creator:c1', 'live:l1']) {
      expect(b.series('t1', scope, T0 - MINUTE_MS, T0 + 3 * MINUTE_MS), scope).toEqual(a.series('t1', scope, T0 - MINUTE_MS, T0 + 3 * MINUTE_MS));
    }
    expect(b.series('t1', 'all', T0, T0)[0]?.counts).toMatchObject({ impression: 2, play: 2 });
    expect(b.series('t1', 'all', T0, T0)[0]?.rates.impression_to_play).toBe(1);
    expect(b.scopes('t1')).toEqual(a.scopes('t1'));
    // Counts restored as totals: a further event adds to them, and the flush writes the new total.
    b.observe('t1', [ev('impression', T0 + 4)]);
    await b.flush();
    const stored = await store.loadSince('t1', T0);
    expect(stored.find((r) => r.scope === 'all' && r.minute === T0)?.counts.impression).toBe(3);
  });

  it('warms only the retention window and refuses to warm after observing', async () => {
    const store = await openStore();
    const clock = fixedClock(T0);
    const a = new MonitorService(store, clock, { retentionMs: 30 * MINUTE_MS });
    a.observe('t1', [ev('order', T0)]);
    await a.flush();
    await expect(a.warm()).rejects.toMatchObject({ code: 'internal_error' });
    clock.advance(31 * MINUTE_MS);
    const b = new MonitorService(store, clock, { retentionMs: 30 * MINUTE_MS });
    expect(await b.warm()).toBe(0);
    expect(b.series('t1', 'all', T0, T0)[0]?.counts.order).toBe(0);
  });

  it('keeps buckets dirty when a flush fails, and writes them with the next one', async () => {
    const db = openSqlite(':memory:');
    const store = new SqlMonitorStore(db);
    const clock = fixedClock(T0);
    const s = new MonitorService(store, clock);
    s.observe('t1', [ev('add_to_cart', T0)]);
    await expect(s.flush()).rejects.toThrow(/monitor_minutes/); // table not created yet
    await store.init();
    expect(await s.flush()).toBe(2);
    expect((await store.loadSince('t1', T0)).map((b) => b.counts.add_to_cart)).toEqual([1, 1]);
  });

  it('serialises flushes: whatever is observed while one is in flight goes out with a later one', async () => {
    const store = new SqlMonitorStore(openSqlite(':memory:', { thread: true }));
    await store.init();
    const s = new MonitorService(store, fixedClock(T0));
    const flushes: Promise<number>[] = [];
    for (let i = 0; i < 60; i++) {
      s.observe('t1', [ev('play', T0 + (i % 3) * 1000)]);
      flushes.push(s.flush());
      if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const written = await Promise.all(flushes);
    expect(written.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(await s.flush()).toBe(0);
    expect((await store.loadSince('t1', T0)).map((b) => [b.scope, b.counts.play])).toEqual([['all', 60], ['platform:douyin', 60]]);
  });

  it('prunes stored minutes older than historyMs', async () => {
    const store = await openStore();
    const clock = fixedClock(T0);
    const s = new MonitorService(store, clock, { historyMs: 24 * 60 * MINUTE_MS });
    s.observe('t1', [ev('play', T0)]);
    await s.flush();
    clock.advance(24 * 60 * MINUTE_MS);
    expect(await s.prune()).toBe(0);
    clock.advance(MINUTE_MS);
    expect(await s.prune()).toBe(2);
    expect(() => new MonitorService(store, clock, { historyMs: 60 * MINUTE_MS })).toThrow(/historyMs/);
  });

  // Not a benchmark (tests never assert wall time): prints the cost of observe per event on the
  // ingest hot path, and checks the counts of the run it measured.
  it('observe: the cost per event (measured, printed) and the counts of the measured run', async () => {
    const clock = fixedClock(T0 + 4 * MINUTE_MS);
    const s = new MonitorService(await openStore(), clock);
    const names: EventName[] = ['impression', 'impression', 'impression', 'play', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'like'];
    const batch = Array.from({ length: 1000 }, (_, i) => ev(names[i % names.length] as EventName, T0 + (i % 240) * 1000, { creatorId: `c${i % 200}`, liveId: `l${i % 50}` }));
    const rounds = 200;
    s.observe('t1', batch); // warm up the JIT
    const start = performance.now();
    for (let r = 0; r < rounds; r++) s.observe('t1', batch);
    const ns = ((performance.now() - start) * 1e6) / (rounds * batch.length);
    console.log(`monitor observe: ${ns.toFixed(0)} ns/event over ${rounds * batch.length} events (4 scopes each, 200 creators, 50 live sessions)`);
    const all = s.series('t1', 'all', T0, T0 + 4 * MINUTE_MS);
    expect(all.reduce((sum, p) => sum + p.counts.impression, 0)).toBe((rounds + 1) * 300);
    expect(s.stats()).toMatchObject({ counted: (rounds + 1) * 900, ignored: (rounds + 1) * 100, scopeDropped: 0 });
  });
});
