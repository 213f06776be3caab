import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors/index.js';
import type { EventName, Platform } from '../../events/index.js';
import { MinuteBuckets, type MonitorEvent } from './minute-buckets.js';
import { floorMinute, MINUTE_MS } from './monitor-series.js';

// 2025-01-06T12:00:00Z, a minute start.
const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const HOUR = 60 * MINUTE_MS;

function ev(name: EventName, ts: number, extra: Partial<MonitorEvent> = {}): MonitorEvent {
  return { tenant: 't1', name, platform: 'douyin' as Platform, ts, ...extra };
}

/** The counts of one node per minute of a series. */
const column = (agg: MinuteBuckets, scope: string, from: number, to: number, node: 'impression' | 'play' | 'pay', tenant = 't1'): number[] =>
  agg.series(tenant, scope, from, to).map((p) => p.counts[node]);

describe('MinuteBuckets: bucketing by event time', () => {
  it('floors to the UTC minute, boundaries included (golden)', () => {
    expect(floorMinute(T0 + 59_999)).toBe(T0);
    expect(floorMinute(T0 + 60_000)).toBe(T0 + MINUTE_MS);
    expect(floorMinute(-1)).toBe(-MINUTE_MS);
    const agg = new MinuteBuckets();
    const out = agg.add([ev('impression', T0 - 1), ev('impression', T0), ev('impression', T0 + 59_999), ev('impression', T0 + 60_000)], T0 + 90_000);
    expect(out).toEqual({ counted: 4, ignored: 0, tooLate: 0, tooEarly: 0, scopeDropped: 0 });
    const series = agg.series('t1', 'all', T0 - MINUTE_MS, T0 + MINUTE_MS);
    expect(series.map((p) => p.minute)).toEqual([T0 - MINUTE_MS, T0, T0 + MINUTE_MS]);
    expect(series.map((p) => new Date(p.minute).toISOString())).toEqual(['2025-01-06T11:59:00.000Z', '2025-01-06T12:00:00.000Z', '2025-01-06T12:01:00.000Z']);
    expect(series.map((p) => p.counts.impression)).toEqual([1, 2, 1]);
  });

  it('counts each event in all, its platform, its creator and its live session; ignores non-funnel events', () => {
    const agg = new MinuteBuckets();
    const out = agg.add([
      ev('play', T0, { creatorId: 'c1', liveId: 'l1' }),
      ev('play', T0 + 1, { platform: 'kuaishou', creatorId: 'c1' }),
      ev('like', T0 + 2, { creatorId: 'c1' }),
      ev('refund', T0 + 3),
    ], T0 + 10);
    expect(out).toMatchObject({ counted: 2, ignored: 2 });
    expect(agg.scopes('t1')).toEqual(['all', 'creator:c1', 'live:l1', 'platform:douyin', 'platform:kuaishou']);
    expect(column(agg, 'all', T0, T0, 'play')).toEqual([2]);
    expect(column(agg, 'platform:douyin', T0, T0, 'play')).toEqual([1]);
    expect(column(agg, 'platform:kuaishou', T0, T0, 'play')).toEqual([1]);
    expect(column(agg, 'creator:c1', T0, T0, 'play')).toEqual([2]);
    expect(column(agg, 'live:l1', T0, T0, 'play')).toEqual([1]);
    expect(column(agg, 'all', T0, T0, 'play', 't2')).toEqual([0]);
  });

  it('uses the given tenant over the events’ own', () => {
    const agg = new MinuteBuckets();
    agg.add([ev('pay', T0, { tenant: 'other' })], T0, 't9');
    expect(column(agg, 'all', T0, T0, 'pay', 't9')).toEqual([1]);
    expect(agg.scopes('other')).toEqual([]);
  });
});

describe('MinuteBuckets: lateness and skew', () => {
  const now = T0 + 10 * MINUTE_MS;

  it('corrects an event within the lateness into its own minute and marks that minute dirty again', () => {
    const agg = new MinuteBuckets();
    agg.add([ev('play', T0 + 6 * MINUTE_MS)], T0 + 6 * MINUTE_MS);
    agg.markClean();
    const out = agg.add([ev('play', now - 5 * MINUTE_MS), ev('play', now - 5 * MINUTE_MS + 1)], now);
    expect(out).toMatchObject({ counted: 2, tooLate: 0 });
    expect(column(agg, 'all', T0 + 5 * MINUTE_MS, T0 + 6 * MINUTE_MS, 'play')).toEqual([2, 1]);
    expect(agg.dirty().filter((b) => b.scope === 'all').map((b) => [b.minute, b.counts.play])).toEqual([[T0 + 5 * MINUTE_MS, 2]]);
  });

  it('refuses events older than now − lateness as tooLate and beyond the future skew as tooEarly', () => {
    const agg = new MinuteBuckets();
    const out = agg.add([
      ev('play', now - 5 * MINUTE_MS - 1), ev('play', now + MINUTE_MS), ev('play', now + MINUTE_MS + 1), ev('like', now - HOUR),
    ], now);
    expect(out).toEqual({ counted: 1, ignored: 1, tooLate: 1, tooEarly: 1, scopeDropped: 0 });
    expect(agg.stats()).toMatchObject({ counted: 1, ignored: 1, tooLate: 1, tooEarly: 1 });
    expect(column(agg, 'all', now - 6 * MINUTE_MS, now + MINUTE_MS, 'play')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('takes the lateness and skew from its options', () => {
    const agg = new MinuteBuckets({ latenessMs: 0, maxFutureSkewMs: 0 });
    expect(agg.add([ev('play', now), ev('play', now - 1), ev('play', now + 1)], now)).toMatchObject({ counted: 1, tooLate: 1, tooEarly: 1 });
  });
});

describe('MinuteBuckets: bounded memory', () => {
  it('evicts buckets, scopes and tenants past the retention window', () => {
    const agg = new MinuteBuckets();
    agg.add([ev('pay', T0, { liveId: 'l1' })], T0);
    agg.add([], T0 + 3 * HOUR + 59_999);
    expect(column(agg, 'live:l1', T0, T0, 'pay')).toEqual([1]);
    agg.add([], T0 + 3 * HOUR + MINUTE_MS);
    expect(column(agg, 'live:l1', T0, T0, 'pay')).toEqual([0]);
    expect(agg.stats()).toMatchObject({ tenants: 0, scopes: 0, buckets: 0 });
  });

  it('keeps a scope while any of its minutes is retained', () => {
    const agg = new MinuteBuckets({ retentionMs: 10 * MINUTE_MS });
    agg.add([ev('play', T0, { creatorId: 'c1' })], T0);
    agg.add([ev('play', T0 + 5 * MINUTE_MS, { creatorId: 'c1' })], T0 + 5 * MINUTE_MS);
    agg.add([], T0 + 11 * MINUTE_MS);
    expect(agg.scopes('t1')).toEqual(['all', 'creator:c1', 'platform:douyin']);
    expect(agg.stats().buckets).toBe(3);
  });

  it('tracks at most maxScopesPerTenant creator and live scopes; all and platform always count', () => {
    const agg = new MinuteBuckets({ maxScopesPerTenant: 2, retentionMs: 10 * MINUTE_MS });
    const out = agg.add([
      ev('impression', T0, { creatorId: 'c1' }), ev('impression', T0, { creatorId: 'c2' }),
      ev('impression', T0, { creatorId: 'c3', liveId: 'l3' }), ev('impression', T0, { creatorId: 'c1' }),
      ev('impression', T0, { tenant: 't2', creatorId: 'c3' }),
    ], T0);
    expect(out).toMatchObject({ counted: 5, scopeDropped: 1 });
    expect(agg.scopes('t1')).toEqual(['all', 'creator:c1', 'creator:c2', 'platform:douyin']);
    expect(agg.scopes('t2')).toEqual(['all', 'creator:c3', 'platform:douyin']);
    expect(column(agg, 'all', T0, T0, 'impression')).toEqual([4]);
    expect(column(agg, 'platform:douyin', T0, T0, 'impression')).toEqual([4]);
    expect(column(agg, 'creator:c1', T0, T0, 'impression')).toEqual([2]);
    expect(column(agg, 'creator:c3', T0, T0, 'impression')).toEqual([0]);
    // Once c1 and c2 age out, the room is free again.
    agg.add([ev('impression', T0 + 11 * MINUTE_MS, { creatorId: 'c3' })], T0 + 11 * MINUTE_MS);
    expect(agg.scopes('t1')).toEqual(['all', 'creator:c3', 'platform:douyin']);
    expect(agg.stats().scopeDropped).toBe(1);
  });

  it('refuses options that do not make sense', () => {
    const code = (fn: () => unknown): string | undefined => { try { fn(); } catch (e) { return (e as AppError).code; } return undefined; };
    expect(code(() => new MinuteBuckets({ latenessMs: 4 * HOUR }))).toBe('config_invalid');
    expect(code(() => new MinuteBuckets({ maxScopesPerTenant: -1 }))).toBe('config_invalid');
    expect(code(() => new MinuteBuckets({ retentionMs: 1.5 }))).toBe('config_invalid');
  });
});

describe('MinuteBuckets: series', () => {
  it('zero-fills minutes and gives adjacent rates, null over a zero denominator (golden)', () => {
    const agg = new MinuteBuckets();
    const names: EventName[] = ['impression', 'impression', 'impression', 'impression', 'play', 'play', 'product_click', 'detail_view', 'detail_view', 'pay'];
    agg.add(names.map((n) => ev(n, T0 + 2 * MINUTE_MS + 5)), T0 + 3 * MINUTE_MS);
    const series = agg.series('t1', 'all', T0 + MINUTE_MS, T0 + 3 * MINUTE_MS + 30_000);
    expect(series).toHaveLength(3);
    expect(series[0]).toEqual({
      minute: T0 + MINUTE_MS,
      counts: { impression: 0, play: 0, complete: 0, product_click: 0, detail_view: 0, add_to_cart: 0, order: 0, pay: 0 },
      rates: {
        impression_to_play: null, play_to_complete: null, complete_to_product_click: null, product_click_to_detail_view: null,
        detail_view_to_add_to_cart: null, add_to_cart_to_order: null, order_to_pay: null,
      },
    });
    expect(series[1]?.counts).toEqual({ impression: 4, play: 2, complete: 0, product_click: 1, detail_view: 2, add_to_cart: 0, order: 0, pay: 1 });
    expect(series[1]?.rates).toEqual({
      impression_to_play: 0.5, play_to_complete: 0, complete_to_product_click: null, product_click_to_detail_view: 2,
      detail_view_to_add_to_cart: 0, add_to_cart_to_order: null, order_to_pay: null,
    });
  });

  it('refuses a bad scope, a reversed range and a range longer than the limit with api_invalid_request', () => {
    const agg = new MinuteBuckets({ maxSeriesMinutes: 60 });
    const code = (fn: () => unknown): string | undefined => { try { fn(); } catch (e) { return (e as AppError).code; } return undefined; };
    for (const scope of ['', 'creator', 'creator:', 'shop:x', 'ALL']) expect(code(() => agg.series('t1', scope, T0, T0))).toBe('api_invalid_request');
    expect(code(() => agg.series('t1', 'all', T0, T0 - MINUTE_MS))).toBe('api_invalid_request');
    expect(code(() => agg.series('t1', 'all', T0, T0 + 60 * MINUTE_MS))).toBe('api_invalid_request');
    expect(agg.series('t1', 'live:a:b', T0, T0 + 59 * MINUTE_MS)).toHaveLength(60);
  });
});

describe('MinuteBuckets: dirty tracking and warming', () => {
  it('markClean(snapshot) keeps buckets that changed after the snapshot dirty', () => {
    const agg = new MinuteBuckets();
    agg.add([ev('play', T0), ev('play', T0 + MINUTE_MS)], T0 + MINUTE_MS);
    const snapshot = agg.dirty().filter((b) => b.scope === 'all');
    expect(snapshot.map((b) => [b.minute, b.counts.play])).toEqual([[T0, 1], [T0 + MINUTE_MS, 1]]);
    agg.add([ev('play', T0 + MINUTE_MS)], T0 + MINUTE_MS);
    agg.markClean(snapshot);
    expect(agg.dirty().filter((b) => b.scope === 'all').map((b) => [b.minute, b.counts.play])).toEqual([[T0 + MINUTE_MS, 2]]);
    agg.markClean();
    expect(agg.dirty()).toEqual([]);
  });

  it('hands out evicted buckets that were never flushed', () => {
    const agg = new MinuteBuckets({ retentionMs: 10 * MINUTE_MS });
    agg.add([ev('order', T0)], T0);
    agg.add([], T0 + HOUR);
    expect(agg.stats().buckets).toBe(0);
    expect(agg.dirty().map((b) => [b.scope, b.counts.order])).toEqual([['all', 1], ['platform:douyin', 1]]);
  });

  it('load replaces counts without marking them dirty, skips expired minutes and respects the cap', () => {
    const agg = new MinuteBuckets({ maxScopesPerTenant: 1 });
    const counts = { impression: 7, play: 3, complete: 0, product_click: 0, detail_view: 0, add_to_cart: 0, order: 0, pay: 1 };
    agg.add([ev('impression', T0)], T0);
    agg.markClean();
    const kept = agg.load([
      { tenant: 't1', scope: 'all', minute: T0, counts },
      { tenant: 't1', scope: 'creator:a', minute: T0, counts },
      { tenant: 't1', scope: 'creator:b', minute: T0, counts },
      { tenant: 't1', scope: 'all', minute: T0 - 4 * HOUR, counts },
    ], T0 + MINUTE_MS);
    expect(kept).toBe(2);
    expect(agg.dirty()).toEqual([]);
    expect(agg.series('t1', 'all', T0, T0)[0]?.counts).toEqual(counts);
    expect(agg.scopes('t1')).toEqual(['all', 'creator:a', 'platform:douyin']);
    agg.add([ev('impression', T0 + 30_000)], T0 + MINUTE_MS);
    expect(agg.dirty().find((b) => b.scope === 'all')?.counts.impression).toBe(8);
  });
});
