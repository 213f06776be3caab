import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { EventStore } from '../events.store.js';
import { aStoredEvent } from '../../../../test/builders/events.builder.js';

/** How a contract run reaches one adapter: `reset` empties its place, `open` opens a store on it. */
export interface EventStoreHarness {
  reset(): Promise<void>;
  open(): Promise<EventStore>;
}

/**
 * The contract every EventStore adapter passes. Call it from a test file per adapter.
 */
export function describeEventStoreContract(engine: string, harness: EventStoreHarness): void {
  describe(`EventStore contract — ${engine}`, () => {
    let store: EventStore;
    beforeEach(async () => { await harness.reset(); store = await harness.open(); await store.init(); });
    afterEach(async () => { await store.close(); });

    it('stores a batch and reads it back with every field intact', async () => {
      const e = aStoredEvent({ name: 'pay', orderId: 'o1', amount: 1999, currency: 'CNY', properties: { coupon: 'X', nested: { a: 1 } } });
      expect(await store.append([e])).toEqual([true]);
      const back = await store.find('t1', e.eventId);
      expect(back).toEqual(e);
    });

    it('keeps exactly one copy of a repeated eventId, within a batch and across batches', async () => {
      const a = aStoredEvent();
      const b = aStoredEvent();
      expect(await store.append([a, b, a])).toEqual([true, true, false]);
      expect(await store.append([b, aStoredEvent({ eventId: a.eventId, name: 'like' })])).toEqual([false, false]);
      expect(await store.countByName('t1')).toEqual({ play: 2 });
    });

    it('treats the same eventId in two tenants as two events', async () => {
      const a = aStoredEvent({ tenant: 't1' });
      const b = { ...a, tenant: 't2' };
      expect(await store.append([a, b])).toEqual([true, true]);
      expect(await store.countByName('t2')).toEqual({ play: 1 });
    });

    it('counts by name within a time range and name filter', async () => {
      const t = 1_800_000_000_000;
      await store.append([
        aStoredEvent({ name: 'impression', ts: t }), aStoredEvent({ name: 'play', ts: t + 1 }),
        aStoredEvent({ name: 'play', ts: t + 2 }), aStoredEvent({ name: 'pay', ts: t + 3, orderId: 'o', amount: 1, currency: 'CNY' }),
      ]);
      expect(await store.countByName('t1', { from: t + 1, to: t + 3 })).toEqual({ play: 2 });
      expect(await store.countByName('t1', { names: ['impression', 'pay'] })).toEqual({ impression: 1, pay: 1 });
    });

    it('scans analysis rows ordered by identity then time', async () => {
      await store.append([
        aStoredEvent({ anonymousId: 'b', ts: 5 }),
        aStoredEvent({ anonymousId: 'a', ts: 9, creatorId: 'c1', name: 'pay', orderId: 'o', sessionId: 's1', amount: 1999, currency: 'CNY', priceBand: '<50', platform: 'kuaishou' }),
        aStoredEvent({ anonymousId: 'a', ts: 3 }),
      ]);
      const rows = await store.scanAnalysisRows('t1');
      expect(rows.map((r) => [r.identityKey, r.ts])).toEqual([['anon:a', 3], ['anon:a', 9], ['anon:b', 5]]);
      expect(rows[1]).toEqual({
        identityKey: 'anon:a', name: 'pay', ts: 9, platform: 'kuaishou', creatorId: 'c1', videoId: null, liveId: null,
        productId: null, categoryId: null, priceBand: '<50', amount: 1999, sessionId: 's1', orderId: 'o',
      });
      expect(rows[0]?.amount).toBeNull();
      expect(rows[0]?.attrs).toBeUndefined();
      const narrow = await store.scanAnalysisRows('t1', { fields: ['creatorId'] });
      expect(narrow[1]).toEqual({ ...rows[1], videoId: null, liveId: null, productId: null, categoryId: null, priceBand: null, amount: null, sessionId: null, orderId: null });
      const withAttrs = await store.scanAnalysisRows('t1', { withAttrs: true });
      expect(JSON.parse(withAttrs[0]?.attrs ?? '{}')).toMatchObject({ anonymousId: 'a', properties: { source: 'builder' } });
    });

    it('deletes by identity keys and phone hashes, and stores a replay after erasure again', async () => {
      const mine = aStoredEvent({ anonymousId: 'me' });
      const other = aStoredEvent({ anonymousId: 'other', phoneHash: 'ph1' });
      const keep = aStoredEvent({ anonymousId: 'keep' });
      await store.append([mine, other, keep]);
      expect(await store.listByIdentity('t1', ['anon:me'], 10)).toHaveLength(1);
      expect(await store.deleteByIdentity('t1', ['anon:me'], ['ph1'])).toBe(2);
      expect(await store.find('t1', mine.eventId)).toBeUndefined();
      expect(await store.find('t1', keep.eventId)).toBeDefined();
      expect(await store.append([mine])).toEqual([true]);
    });

    it('answers concurrent reads completely (a dashboard fires them all at once)', async () => {
      const events = Array.from({ length: 3000 }, (_, i) => aStoredEvent({ anonymousId: `p${i % 50}`, ts: 1_000 + i }));
      await store.append(events);
      const answers = await Promise.all([
        store.scanAnalysisRows('t1'), store.countByName('t1'), store.scanAnalysisRows('t1', { names: ['play'] }),
        store.find('t1', events[10]?.eventId ?? ''), store.scanAnalysisRows('t1'), store.listByIdentity('t1', ['anon:p1'], 100),
      ]);
      expect(answers[0]).toHaveLength(3000);
      expect(answers[1]).toEqual({ play: 3000 });
      expect(answers[2]).toHaveLength(3000);
      expect(answers[3]?.eventId).toBe(events[10]?.eventId);
      expect(answers[4]).toHaveLength(3000);
      expect(answers[5]).toHaveLength(60);
      const streamed = [];
      for await (const batch of store.streamAnalysisRows('t1')) streamed.push(...batch);
      expect(streamed).toEqual(answers[0]);
    });

    it('folds measures around anchor events into per-group moments (hand-computed)', async () => {
      const T = 1_700_000_000_000;
      const H = 3_600_000;
      const x = (who: string, ts: number, group: string, extra: Record<string, unknown> = {}) => aStoredEvent({ anonymousId: who, name: 'exposure', ts, experimentId: 'exp_1', variantId: group, ...extra });
      const pay = (who: string, ts: number, amount: number, orderId: string) => aStoredEvent({ anonymousId: who, name: 'pay', ts, amount, currency: 'CNY', orderId });
      await store.append([
        x('a', T, 'A'), pay('a', T + H, 500, 'o1'), pay('a', T + 2 * H, 300, 'o1'), pay('a', T + 30 * H, 900, 'o2'), // second order outside 24 h
        x('b', T + 5, 'B'), x('b', T + 9, 'B'), aStoredEvent({ anonymousId: 'b', name: 'refund', ts: T + H, amount: 200, currency: 'CNY', orderId: 'o9' }),
        x('c', T, 'A'), x('c', T + 1, 'B'), pay('c', T + H, 100, 'o3'), // two groups: excluded
        x('d', T, 'B', { experimentId: 'exp_2' }), // another experiment
        x('e', T, 'A'), pay('f', T + H, 100, 'o4'), // e never pays; f was never exposed
        x('u2', T + 100, 'B'), pay('u1', T + H, 1000, 'o5'), // u1 and u2 are one person: their exposure and pay meet
      ]);
      const result = await store.anchoredMoments('t1', {
        anchorName: 'exposure', anchorAttr: 'experimentId', anchorValues: ['exp_1'], groupAttr: 'variantId', until: T + 100 * H,
        persons: new Map([['anon:u1', 'per_u'], ['anon:u2', 'per_u']]),
        measures: [
          { op: 'any', names: ['pay'], from: 0, to: 24 * H }, { op: 'sum', names: ['pay'], negate: ['refund'], from: 0, to: 24 * H },
          { op: 'orders', names: ['pay'], from: 0, to: 48 * H }, { op: 'any', from: 200 * H, to: 201 * H, complete: true },
        ],
        products: [[0, 1]],
      });
      expect(result.conflicts).toBe(1);
      const [a, b] = result.groups;
      expect([a?.group, a?.units, b?.group, b?.units]).toEqual(['A', 2, 'B', 2]);
      expect(a?.measures[0]).toEqual({ n: 2, sum: 1, sumSquares: 1, count: 2, countSquares: 2, sumByCount: 1 });
      expect(a?.measures[1]).toMatchObject({ sum: 800, sumSquares: 640_000 });
      expect(b?.measures[1]).toMatchObject({ sum: 800, sumSquares: 200 * 200 + 1000 * 1000 });
      expect(a?.measures[2]).toMatchObject({ sum: 2 }); // o1 (two rows) and o2
      expect(a?.measures[3]).toMatchObject({ n: 0, sum: 0, count: 0 }); // not observable before its window ends
      expect(a?.products).toEqual([800]);
    });

    it('keeps stored events across close and reopen', async () => {
      const e = aStoredEvent();
      await store.append([e]);
      await store.close();
      store = await harness.open();
      await store.init();
      expect(await store.append([e])).toEqual([false]);
    });
  });
}

