import { describe, expect, it } from 'vitest';
import { StockLevels } from './stock-levels.js';

describe('StockLevels', () => {
  it('keeps the products of the latest sessions only, so ended sessions do not grow memory', () => {
    const s = new StockLevels(100, 500, 2);
    s.setStock('t1', 'p1', 0);
    for (const live of ['l1', 'l2', 'l3']) s.seenInSession('t1', live, 'p1');
    expect(s.signal('t1', 'l1')).toEqual({ soldOutProductIds: ['p1'], productIds: [] }); // forgotten: shop-wide view
    expect(s.signal('t1', 'l3')).toEqual({ soldOutProductIds: ['p1'], productIds: ['p1'] });
  });
});
