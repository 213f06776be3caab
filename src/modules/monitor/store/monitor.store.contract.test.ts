import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import type { FunnelCounts, MinuteBucket } from '../domain/monitor-series.js';
import { SqlMonitorStore } from './monitor.sql.js';

// 2025-01-06T12:00:00Z: epoch ms beyond 32 bits, so the BIGINT column is exercised.
const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const M = 60_000;

function counts(base: number): FunnelCounts {
  return { impression: base, play: base + 1, complete: base + 2, product_click: base + 3, detail_view: base + 4, add_to_cart: base + 5, order: base + 6, pay: base + 7 };
}
const bucket = (tenant: string, scope: string, minute: number, base: number): MinuteBucket => ({ tenant, scope, minute, counts: counts(base) });

for (const engine of await sqlEngines('monitor')) {
  describe(`MonitorStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlMonitorStore> => { const s = new SqlMonitorStore(await engine.fresh()); await s.init(); return s; };

    it('round-trips every count column and replaces a row with the newer totals (idempotent)', async () => {
      const s = await open();
      await s.init(); // migrations apply once
      await s.upsertBuckets([bucket('t1', 'all', T0, 1), bucket('t1', 'live:直播-1', T0, 10)]);
      await s.upsertBuckets([bucket('t1', 'all', T0, 1)]);
      expect(await s.loadSince('t1', T0)).toEqual([bucket('t1', 'all', T0, 1), bucket('t1', 'live:直播-1', T0, 10)]);
      await s.upsertBuckets([bucket('t1', 'all', T0, 5)]);
      expect(await s.loadSince('t1', T0)).toEqual([bucket('t1', 'all', T0, 5), bucket('t1', 'live:直播-1', T0, 10)]);
    });

    it('keeps the last of repeated keys in one call', async () => {
      const s = await open();
      await s.upsertBuckets([bucket('t1', 'all', T0, 1), bucket('t1', 'all', T0, 2), bucket('t1', 'all', T0, 3)]);
      expect(await s.loadSince(undefined, 0)).toEqual([bucket('t1', 'all', T0, 3)]);
    });

    it('writes more rows than one statement holds', async () => {
      const s = await open();
      const many = Array.from({ length: 250 }, (_, i) => bucket('t1', `creator:c${String(i).padStart(3, '0')}`, T0 + (i % 7) * M, i));
      await s.upsertBuckets(many);
      const got = await s.loadSince('t1', T0);
      expect(got).toHaveLength(250);
      expect(got).toEqual([...many].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.minute - b.minute)));
    });

    it('loads from a minute on (inclusive), for one tenant or all, ordered by tenant, scope, minute', async () => {
      const s = await open();
      await s.upsertBuckets([
        bucket('t2', 'all', T0 + M, 4), bucket('t1', 'platform:douyin', T0, 3), bucket('t1', 'all', T0 + M, 2),
        bucket('t1', 'all', T0 - M, 1), bucket('t1', 'Zeta', T0, 6), bucket('t1', 'all', T0, 5),
      ]);
      expect((await s.loadSince('t1', T0)).map((b) => [b.scope, b.minute])).toEqual([['Zeta', T0], ['all', T0], ['all', T0 + M], ['platform:douyin', T0]]);
      expect((await s.loadSince(undefined, T0 + M)).map((b) => [b.tenant, b.scope, b.minute])).toEqual([['t1', 'all', T0 + M], ['t2', 'all', T0 + M]]);
      expect(await s.loadSince('t3', 0)).toEqual([]);
    });

    it('prunes minutes before a minute, for every tenant', async () => {
      const s = await open();
      await s.upsertBuckets([bucket('t1', 'all', T0 - M, 1), bucket('t2', 'all', T0 - M, 1), bucket('t1', 'all', T0, 1)]);
      expect(await s.prune(T0)).toBe(2);
      expect(await s.prune(T0)).toBe(0);
      expect((await s.loadSince(undefined, 0)).map((b) => [b.tenant, b.minute])).toEqual([['t1', T0]]);
    });

    it('does nothing for an empty upsert', async () => {
      const s = await open();
      await s.upsertBuckets([]);
      await s.upsertLiveSessions([]);
      expect(await s.loadSince(undefined, 0)).toEqual([]);
      expect(await s.liveSessions(undefined, 0)).toEqual([]);
    });

    it('loads one scope over a minute range (inclusive), by minute', async () => {
      const s = await open();
      await s.upsertBuckets([bucket('t1', 'all', T0 + 2 * M, 3), bucket('t1', 'all', T0, 1), bucket('t1', 'all', T0 + 3 * M, 4), bucket('t1', 'live:a', T0, 9), bucket('t2', 'all', T0, 7)]);
      expect(await s.loadRange('t1', 'all', T0, T0 + 2 * M)).toEqual([bucket('t1', 'all', T0, 1), bucket('t1', 'all', T0 + 2 * M, 3)]);
      expect(await s.loadRange('t1', 'live:b', 0, T0 * 2)).toEqual([]);
    });

    it('keeps live sessions: replaced per (tenant, live), listed by latest minute, a creator\'s earlier ones newest first', async () => {
      const s = await open();
      const live = (tenant: string, liveId: string, creatorId: string | null, startedAt: number, lastMinute: number) => ({ tenant, liveId, creatorId, startedAt, lastMinute });
      await s.upsertLiveSessions([live('t1', 'l1', 'c1', T0 - 3 * 1440 * M, T0 - 3 * 1440 * M + 60 * M), live('t1', 'l2', 'c1', T0 - 1440 * M, T0 - 1440 * M + 90 * M), live('t1', 'l3', null, T0, T0)]);
      await s.upsertLiveSessions([live('t1', 'l3', 'c1', T0, T0 + 5 * M), live('t2', 'l1', 'c1', T0, T0)]);
      await s.upsertLiveSessions([live('t1', 'l3', null, T0 + M, T0 + 2 * M)]); // a narrower, creator-less view only widens
      expect(await s.liveSessions('t1', T0)).toEqual([live('t1', 'l3', 'c1', T0, T0 + 5 * M)]);
      expect((await s.liveSessions(undefined, T0)).map((x) => `${x.tenant}/${x.liveId}`).sort()).toEqual(['t1/l3', 't2/l1']);
      expect((await s.earlierLiveSessions('t1', 'c1', T0, 10)).map((x) => x.liveId)).toEqual(['l2', 'l1']);
      expect((await s.earlierLiveSessions('t1', 'c1', T0, 1)).map((x) => x.liveId)).toEqual(['l2']);
      expect(await s.earlierLiveSessions('t1', 'c2', T0, 10)).toEqual([]);
    });
  });
}
