import { describe, expect, it } from 'vitest';
import type { AnalysisRow } from '../../events/index.js';
import { buildJourneys, refundsByOrder } from './event-journeys.js';

const H = 3_600_000;
const D = 24 * H;
const row = (identityKey: string, name: string, ts: number, over: Partial<AnalysisRow> = {}): AnalysisRow => ({
  identityKey, name, ts, platform: 'douyin', creatorId: null, videoId: null, liveId: null, productId: null, categoryId: null,
  priceBand: null, amount: null, sessionId: null, orderId: null, ...over,
});
const opts = { by: 'creatorId' as const, clickWindowMs: 7 * D, viewWindowMs: D };
const same = (k: string): string => k;
const channels = (j: { touches: readonly { channel: string }[] }): string[] => j.touches.map((t) => t.channel);

describe('buildJourneys', () => {
  it('keeps view touches within 1 day and click touches within 7 days before the pay (inclusive)', () => {
    const pay = 10 * D;
    const rows = [
      row('u', 'impression', pay - D - 1, { creatorId: 'v-old' }), row('u', 'play', pay - D, { creatorId: 'v-edge' }),
      row('u', 'product_click', pay - 7 * D - 1, { creatorId: 'c-old' }), row('u', 'detail_view', pay - 7 * D, { creatorId: 'c-edge' }),
      row('u', 'like', pay - H, { creatorId: 'not-a-touch' }), row('u', 'play', pay - H),
      row('u', 'pay', pay, { amount: 5000, creatorId: 'c-pay' }), row('u', 'impression', pay, { creatorId: 'same-ms' }),
    ];
    const [j, ...rest] = buildJourneys(rows, same, new Map(), opts);
    // Rows at the pay's millisecond sort before it and count; a row without the dimension is no touch.
    expect(j && channels(j)).toEqual(['c-edge', 'v-edge', 'same-ms']);
    expect(j).toMatchObject({ conversions: 1, value: 5000, nulls: 0, convertedAt: pay });
    expect(rest).toEqual([]);
  });

  it('ends a journey at each pay, merges a person\'s identity keys, and leaves trailing touches as a null journey', () => {
    const rows = [
      row('anon:1', 'play', 0, { creatorId: 'A' }), row('open:1', 'play', H, { creatorId: 'B' }), row('anon:1', 'pay', 2 * H, { amount: 100 }),
      row('open:1', 'play', 3 * H, { creatorId: 'C' }), row('anon:1', 'pay', 4 * H, { amount: 200 }),
      row('anon:1', 'play', 5 * H, { creatorId: 'D' }), row('anon:1', 'play', 6 * H, { creatorId: 'E' }),
      row('other', 'play', 0, { creatorId: 'A' }),
    ];
    const js = buildJourneys(rows, (k) => (k === 'open:1' ? 'anon:1' : k), new Map(), opts);
    expect(js.map((j) => [channels(j), j.conversions, j.nulls, j.value])).toEqual([
      [['A', 'B'], 1, 0, 100], [['C'], 1, 0, 200], [['D', 'E'], 0, 1, 0], [['A'], 0, 1, 0],
    ]);
  });

  it('nets refunds of the same order once, never below zero; a pay with no touch in the window has no touches', () => {
    const refunds = refundsByOrder([
      row('x', 'refund', 0, { orderId: 'o1', amount: 300 }), row('y', 'refund', 0, { orderId: 'o1', amount: 200 }),
      row('x', 'refund', 0, { orderId: 'o2', amount: 9000 }), row('x', 'refund', 0, { orderId: null, amount: 5 }),
    ]);
    expect([...refunds]).toEqual([['o1', 500], ['o2', 9000]]);
    const js = buildJourneys([
      row('u', 'pay', 10 * D, { orderId: 'o1', amount: 2000 }), row('u', 'pay', 11 * D, { orderId: 'o1', amount: 2000 }),
      row('v', 'play', 0, { creatorId: 'A' }), row('v', 'pay', 10 * D, { orderId: 'o2', amount: 1000 }),
    ], same, refunds, opts);
    expect(js.map((j) => [channels(j), j.value])).toEqual([[[], 1500], [[], 2000], [[], 0]]);
  });
});
