import { describe, expect, it } from 'vitest';
import { EVIDENCE_NOW, itemEvidence } from '../../../test/builders/item-evidence.builder.js';
import { seededRng } from '../../shared/random.js';
import { fixedClock } from '../../shared/time.js';
import { openSqlite } from '../../storage/sqlite-db.js';
import { AllocationService } from './allocation.service.js';
import { SqlAllocationStore } from './store/allocation.sql.js';

async function service() {
  const clock = fixedClock(EVIDENCE_NOW);
  const s = new AllocationService(new SqlAllocationStore(openSqlite(':memory:')), clock, seededRng(5), { refreshMs: 1000, flushMs: 60_000 });
  await s.init();
  return { s, clock };
}

const established = Array.from({ length: 40 }, (_, i) => itemEvidence(`old${i}`, { categoryId: `c${i % 8}`, merchantId: `m${i % 10}`, impressions: 5000, clicks: 200 + i }));
const newcomers = ['new0', 'new1', 'new2'].map((id) => itemEvidence(id, { impressions: 0, clicks: 0, pays: 0, gmv: 0, refunds: 0, firstSeen: EVIDENCE_NOW - 3_600_000, merchantId: 'm1' }));
const snapshot = { generation: 1, revision: 1, items: [...established, ...newcomers] };
const candidates = established.map((_, index) => ({ index, relevance: 0.5 }));

describe('AllocationService', () => {
  it('gives new items exploration slots until each reaches the guaranteed impressions, then stops exploring them', async () => {
    const { s, clock } = await service();
    await s.publish('t1', { parameters: { coldStartImpressions: 30, exploreShare: 0.2 } }, 'test');
    const served = new Map<string, number>();
    for (let r = 0; r < 400; r++) {
      const { placed, table } = await s.allocate('t1', snapshot, candidates, 10, () => true);
      const items = placed.map((p) => ({ itemId: table.items[p.index]?.itemId as string, position: p.position, propensity: p.propensity, explored: p.explored, score: p.score }));
      for (const it of items.filter((i) => i.explored)) {
        served.set(it.itemId, (served.get(it.itemId) ?? 0) + 1);
        expect(it.propensity).toBeGreaterThan(0);
        expect(it.propensity).toBeLessThanOrEqual(1);
      }
      s.record({ requestId: `rec_${r}`, tenant: 't1', ts: clock.now(), slot: 'feed', personId: null, mode: 'non_personalised', policyVersion: 1, items });
      clock.advance(1000);
    }
    for (const id of ['new0', 'new1', 'new2']) expect(served.get(id) ?? 0).toBeGreaterThanOrEqual(30);
    // Graduated: the pool is empty, so later slates explore nothing.
    const { placed } = await s.allocate('t1', snapshot, candidates, 10, () => true);
    expect(placed.some((p) => p.explored)).toBe(false);
    // A new small merchant's item stays in the pool whatever its impressions (fairness for newcomers).
    const withShop = { generation: 1, revision: 2, items: [...snapshot.items, itemEvidence('shop-item', { merchantId: 'new-shop', pays: 1, firstSeen: EVIDENCE_NOW - 86_400_000 })] };
    clock.advance(5000);
    const later = await s.allocate('t1', withShop, candidates, 10, () => true);
    expect(later.placed.filter((p) => p.explored).map((p) => later.table.items[p.index]?.itemId)).toEqual(['shop-item', 'shop-item'].slice(0, later.placed.filter((p) => p.explored).length));
    expect(later.placed.some((p) => p.explored)).toBe(true);
    await s.close();
  });

  it('restricts exploration to what the request allows', async () => {
    const { s } = await service();
    const { placed, table } = await s.allocate('t1', snapshot, candidates, 10, (i) => snapshot.items[i]?.itemId !== 'new0');
    expect(placed.filter((p) => p.explored).map((p) => table.items[p.index]?.itemId)).not.toContain('new0');
    await s.close();
  });

  it('writes served slates on flush and erases a person\'s', async () => {
    const { s, clock } = await service();
    s.record({ requestId: 'rec_a', tenant: 't1', ts: clock.now(), slot: 'feed', personId: 'per_1', mode: 'personalised', policyVersion: 0, items: [] });
    s.record({ requestId: 'rec_b', tenant: 't1', ts: clock.now(), slot: 'feed', personId: null, mode: 'non_personalised', policyVersion: 0, items: [] });
    expect((await s.served('t1', { from: 0, to: clock.now() + 1, limit: 10 })).map((x) => x.requestId)).toEqual(['rec_a', 'rec_b']);
    expect(await s.erase('t1', 'per_1')).toBe(1);
    await s.close();
  });
});
