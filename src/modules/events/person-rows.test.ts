import { describe, expect, it } from 'vitest';
import type { AnalysisRow } from './events.store.js';
import { forEachPersonRows } from './person-rows.js';

const row = (identityKey: string, ts: number): AnalysisRow => ({
  identityKey, name: 'play', ts, platform: 'douyin', creatorId: null, videoId: null, liveId: null, productId: null, categoryId: null, priceBand: null, amount: null, sessionId: null, orderId: null,
});
async function* batches(...list: AnalysisRow[][]): AsyncIterable<AnalysisRow[]> { for (const b of list) yield b; }

describe('forEachPersonRows', () => {
  it('hands single-key persons over as their key ends and merged persons at the end in time order, skipping unwanted ones', async () => {
    const persons = new Map([['anon:a', 'per_1'], ['user:1', 'per_1'], ['anon:b', 'per_2'], ['anon:c', 'per_3']]);
    const seen: [string, number[]][] = [];
    await forEachPersonRows(
      batches([row('anon:a', 5), row('anon:a', 9), row('anon:b', 1)], [row('anon:b', 2), row('anon:c', 3), row('anon:x', 4), row('user:1', 7)]),
      persons, (person, rows) => seen.push([person, rows.map((r) => r.ts)]), (person) => person !== 'per_3',
    );
    expect(seen).toEqual([['per_2', [1, 2]], ['anon:x', [4]], ['per_1', [5, 7, 9]]]);
  });
});
