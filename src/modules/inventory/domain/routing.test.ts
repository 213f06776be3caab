import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGION_CENTRES, type GeoPoint } from './geo.js';
import { lowestIdRule, nearestWarehouseRule, rankByDistance, routeOrder, ROUTING_RULES, type RouteLine, type RoutingInput, type RoutingRule, type WarehouseSite } from './routing.js';

const at = (code: string): GeoPoint => {
  const c = REGION_CENTRES[code];
  if (!c) throw new Error(code);
  return { lat: c.lat, lon: c.lon };
};

// From Shanghai: Hangzhou ~165 km, Beijing ~1,067 km, Guangzhou ~1,213 km.
const SH: WarehouseSite = { id: 'wh_sh', location: at('CN-SH'), region: 'CN-SH' };
const HZ: WarehouseSite = { id: 'wh_hz', location: at('CN-ZJ'), region: 'CN-ZJ' };
const BJ: WarehouseSite = { id: 'wh_bj', location: at('CN-BJ'), region: 'CN-BJ' };
const GZ: WarehouseSite = { id: 'wh_gz', location: at('CN-GD'), region: 'CN-GD' };
const ALL = [GZ, BJ, HZ, SH];

/** Availability from a table keyed `sku@warehouse`; missing entries are 0. */
const stock = (table: Record<string, number>) => (sku: string, warehouse: string): number => table[`${sku}@${warehouse}`] ?? 0;

const order = (lines: RouteLine[], table: Record<string, number>, overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  lines, warehouses: ALL, available: stock(table), destination: at('CN-SH'), allowSplit: false, ...overrides,
});

describe('nearest warehouse rule', () => {
  it('ranks by distance from the destination', () => {
    expect(rankByDistance(ALL, at('CN-SH')).map((w) => w.id)).toEqual(['wh_sh', 'wh_hz', 'wh_bj', 'wh_gz']);
    expect(rankByDistance(ALL, at('CN-GD')).map((w) => w.id)).toEqual(['wh_gz', 'wh_hz', 'wh_sh', 'wh_bj']);
  });

  it('skips a nearer warehouse without the stock', () => {
    const r = routeOrder(order([{ sku: 'A', quantity: 3 }], { 'A@wh_sh': 2, 'A@wh_hz': 3, 'A@wh_bj': 10 }));
    expect(r).toEqual({ ok: true, allocations: [{ sku: 'A', warehouse: 'wh_hz', quantity: 3 }], split: false });
  });

  it('ships the whole order from one farther warehouse rather than split it, even when split is allowed', () => {
    const table = { 'A@wh_sh': 2, 'B@wh_hz': 2, 'A@wh_bj': 2, 'B@wh_bj': 2, 'A@wh_gz': 9, 'B@wh_gz': 9 };
    const r = routeOrder(order([{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 2 }], table, { allowSplit: true }));
    expect(r).toEqual({ ok: true, allocations: [{ sku: 'A', warehouse: 'wh_bj', quantity: 2 }, { sku: 'B', warehouse: 'wh_bj', quantity: 2 }], split: false });
  });

  describe('when no warehouse has the whole order', () => {
    const lines = [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 2 }];
    const table = { 'A@wh_sh': 2, 'B@wh_hz': 2, 'B@wh_gz': 1 };

    it('splits by line when allowed', () => {
      expect(routeOrder(order(lines, table, { allowSplit: true }))).toEqual({
        ok: true, split: true,
        allocations: [{ sku: 'A', warehouse: 'wh_sh', quantity: 2 }, { sku: 'B', warehouse: 'wh_hz', quantity: 2 }],
      });
    });

    it('refuses when not allowed, naming the first SKU the nearest warehouse lacks when each fits somewhere', () => {
      expect(routeOrder(order(lines, table))).toEqual({ ok: false, code: 'inventory_insufficient_stock', sku: 'B', short: 2 });
      // From Guangzhou, wh_gz ranks first: it lacks A entirely (short 2) before B (short 1).
      expect(routeOrder(order(lines, table, { destination: at('CN-GD') }))).toMatchObject({ ok: false, sku: 'A', short: 2 });
    });

    it('refuses with the first line no single warehouse covers, short against the best single warehouse', () => {
      // B fits in wh_hz alone; A (5) is never in one place: best single is wh_hz with 4.
      const r = routeOrder(order([{ sku: 'B', quantity: 2 }, { sku: 'A', quantity: 5 }], { 'A@wh_sh': 3, 'A@wh_hz': 4, 'B@wh_hz': 2 }));
      expect(r).toEqual({ ok: false, code: 'inventory_insufficient_stock', sku: 'A', short: 1 });
    });
  });

  it('prefers one warehouse for a line (nearest such) over a nearest-first split', () => {
    const table = { 'A@wh_sh': 3, 'A@wh_hz': 1, 'A@wh_bj': 4, 'A@wh_gz': 4, 'B@wh_sh': 1 };
    const r = routeOrder(order([{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 1 }], table, { allowSplit: true }));
    expect(r).toEqual({ ok: true, split: true, allocations: [{ sku: 'A', warehouse: 'wh_bj', quantity: 4 }, { sku: 'B', warehouse: 'wh_sh', quantity: 1 }] });
  });

  it('splits a line nearest-first when no warehouse has all of it, allocations in line then distance order', () => {
    const table = { 'B@wh_gz': 1, 'A@wh_gz': 5, 'A@wh_bj': 2, 'A@wh_hz': 1, 'A@wh_sh': 3 };
    const r = routeOrder(order([{ sku: 'B', quantity: 1 }, { sku: 'A', quantity: 8 }], table, { allowSplit: true }));
    expect(r).toEqual({
      ok: true, split: true,
      allocations: [
        { sku: 'B', warehouse: 'wh_gz', quantity: 1 },
        { sku: 'A', warehouse: 'wh_sh', quantity: 3 }, { sku: 'A', warehouse: 'wh_hz', quantity: 1 },
        { sku: 'A', warehouse: 'wh_bj', quantity: 2 }, { sku: 'A', warehouse: 'wh_gz', quantity: 2 },
      ],
    });
  });

  it('refuses with the units missing across all warehouses, first short SKU by line order', () => {
    const table = { 'A@wh_sh': 3, 'A@wh_hz': 4, 'A@wh_bj': 2, 'B@wh_gz': 4 };
    expect(routeOrder(order([{ sku: 'A', quantity: 10 }], table, { allowSplit: true }))).toEqual({ ok: false, code: 'inventory_insufficient_stock', sku: 'A', short: 1 });
    expect(routeOrder(order([{ sku: 'B', quantity: 5 }, { sku: 'A', quantity: 10 }], table, { allowSplit: true }))).toMatchObject({ ok: false, sku: 'B', short: 1 });
    expect(routeOrder(order([{ sku: 'C', quantity: 2 }], table, { allowSplit: true }))).toMatchObject({ ok: false, sku: 'C', short: 2 });
  });

  it('refuses every line when there are no warehouses, and accepts an empty order', () => {
    expect(routeOrder(order([{ sku: 'A', quantity: 2 }], {}, { warehouses: [], allowSplit: true }))).toMatchObject({ ok: false, sku: 'A', short: 2 });
    expect(routeOrder(order([{ sku: 'A', quantity: 2 }], {}, { warehouses: [] }))).toMatchObject({ ok: false, sku: 'A', short: 2 });
    expect(routeOrder(order([], {}))).toEqual({ ok: true, allocations: [], split: false });
  });

  it('sums repeated SKU lines before routing and merges their allocations', () => {
    const lines = [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }, { sku: 'A', quantity: 3 }];
    // Each A line alone fits wh_sh (4), the sum (5) does not.
    const whole = routeOrder(order(lines, { 'A@wh_sh': 4, 'B@wh_sh': 1, 'A@wh_hz': 5, 'B@wh_hz': 1 }));
    expect(whole).toEqual({ ok: true, split: false, allocations: [{ sku: 'A', warehouse: 'wh_hz', quantity: 5 }, { sku: 'B', warehouse: 'wh_hz', quantity: 1 }] });
    const split = routeOrder(order(lines, { 'A@wh_sh': 4, 'B@wh_sh': 1, 'A@wh_hz': 1 }, { allowSplit: true }));
    expect(split).toEqual({ ok: true, split: true, allocations: [{ sku: 'A', warehouse: 'wh_sh', quantity: 4 }, { sku: 'A', warehouse: 'wh_hz', quantity: 1 }, { sku: 'B', warehouse: 'wh_sh', quantity: 1 }] });
    expect(routeOrder(order(lines, { 'A@wh_sh': 4, 'B@wh_sh': 1 }, { allowSplit: true }))).toMatchObject({ ok: false, sku: 'A', short: 1 });
  });

  it('breaks distance ties, and routes without a destination, by warehouse id', () => {
    const twins = [{ id: 'wh_b', location: at('CN-SH') }, { id: 'wh_c', location: at('CN-SH') }, { id: 'wh_a', location: at('CN-SH') }];
    const table = { 'A@wh_a': 1, 'A@wh_b': 1, 'A@wh_c': 1 };
    for (const warehouses of [twins, [...twins].reverse()]) {
      expect(routeOrder(order([{ sku: 'A', quantity: 1 }], table, { warehouses }))).toMatchObject({ allocations: [{ warehouse: 'wh_a' }] });
      expect(routeOrder(order([{ sku: 'A', quantity: 3 }], table, { warehouses, allowSplit: true }))).toMatchObject({ allocations: [{ warehouse: 'wh_a' }, { warehouse: 'wh_b' }, { warehouse: 'wh_c' }] });
    }
    expect(rankByDistance(ALL, null).map((w) => w.id)).toEqual(['wh_bj', 'wh_gz', 'wh_hz', 'wh_sh']);
    expect(routeOrder(order([{ sku: 'A', quantity: 1 }], { 'A@wh_sh': 1, 'A@wh_gz': 1 }, { destination: null }))).toMatchObject({ allocations: [{ warehouse: 'wh_gz' }] });
  });

  it('never allocates more than available reports: negatives count as 0, fractions are floored', () => {
    const table = { 'A@wh_sh': -5, 'A@wh_hz': 2.9, 'A@wh_bj': Number.NaN, 'A@wh_gz': 1 };
    expect(routeOrder(order([{ sku: 'A', quantity: 3 }], table, { allowSplit: true }))).toEqual({
      ok: true, split: true, allocations: [{ sku: 'A', warehouse: 'wh_hz', quantity: 2 }, { sku: 'A', warehouse: 'wh_gz', quantity: 1 }],
    });
    expect(routeOrder(order([{ sku: 'A', quantity: 4 }], table, { allowSplit: true }))).toMatchObject({ ok: false, short: 1 });
  });

  it('asks for availability once per SKU and warehouse, and counts a duplicated warehouse id once', () => {
    const calls: string[] = [];
    const available = (sku: string, w: string): number => { calls.push(`${sku}@${w}`); return w === 'wh_sh' ? 2 : 0; };
    const r = routeOrder({ lines: [{ sku: 'A', quantity: 3 }, { sku: 'A', quantity: 1 }], warehouses: [...ALL, SH], available, destination: at('CN-SH'), allowSplit: true });
    expect(r).toMatchObject({ ok: false, sku: 'A', short: 2 });
    expect(calls.sort()).toEqual(['A@wh_bj', 'A@wh_gz', 'A@wh_hz', 'A@wh_sh']);
  });
});

describe('rules are pluggable', () => {
  it('registers nearest and lowest_id, nearest by default', () => {
    expect(Object.keys(ROUTING_RULES).sort()).toEqual(['lowest_id', 'nearest']);
    expect(ROUTING_RULES['nearest']).toBe(nearestWarehouseRule);
    expect(ROUTING_RULES['lowest_id']).toBe(lowestIdRule);
  });

  it('lowest_id ignores distance where nearest does not', () => {
    const input = order([{ sku: 'A', quantity: 1 }], { 'A@wh_sh': 1, 'A@wh_bj': 1 });
    expect(routeOrder(input)).toMatchObject({ allocations: [{ warehouse: 'wh_sh' }] });
    expect(routeOrder(input, lowestIdRule)).toMatchObject({ allocations: [{ warehouse: 'wh_bj' }] });
  });

  it('accepts a custom rule', () => {
    const alwaysRefuse: RoutingRule = { name: 'always_refuse', route: (i) => ({ ok: false, code: 'inventory_insufficient_stock', sku: i.lines[0]?.sku ?? '', short: 0 }) };
    expect(routeOrder(order([{ sku: 'A', quantity: 1 }], {}), alwaysRefuse)).toMatchObject({ ok: false, sku: 'A' });
  });
});

describe('property: a split order is covered exactly or refused for a real shortage', () => {
  const WAREHOUSE_IDS = ['w1', 'w2', 'w3', 'w4', 'w5'];
  const SKUS = ['A', 'B', 'C'];
  const arbitraryInput = fc.record({
    warehouses: fc.uniqueArray(fc.record({
      id: fc.constantFrom(...WAREHOUSE_IDS),
      location: fc.record({ lat: fc.double({ min: 18, max: 54, noNaN: true }), lon: fc.double({ min: 73, max: 135, noNaN: true }) }),
    }), { selector: (w) => w.id, maxLength: WAREHOUSE_IDS.length }),
    lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 20 }) }), { maxLength: 6 }),
    table: fc.dictionary(fc.constantFrom(...SKUS.flatMap((s) => WAREHOUSE_IDS.map((w) => `${s}@${w}`))), fc.integer({ min: -3, max: 15 })),
    destination: fc.option(fc.constantFrom(...Object.keys(REGION_CENTRES)).map(at), { nil: null }),
  });

  for (const rule of [nearestWarehouseRule, lowestIdRule]) {
    it(`holds for ${rule.name}`, () => {
      fc.assert(fc.property(arbitraryInput, ({ warehouses, lines, table, destination }) => {
        const available = stock(table);
        const input: RoutingInput = { lines, warehouses, available, destination, allowSplit: true };
        const requested = new Map<string, number>();
        for (const l of lines) requested.set(l.sku, (requested.get(l.sku) ?? 0) + l.quantity);
        const totalOf = (sku: string): number => warehouses.reduce((s, w) => s + Math.max(0, available(sku, w.id)), 0);
        const r = routeOrder(input, rule);
        if (r.ok) {
          const pairs = r.allocations.map((a) => `${a.sku}@${a.warehouse}`);
          expect(new Set(pairs).size).toBe(pairs.length);
          for (const a of r.allocations) {
            expect(a.quantity).toBeGreaterThan(0);
            expect(a.quantity).toBeLessThanOrEqual(available(a.sku, a.warehouse));
          }
          for (const [sku, q] of requested) expect(r.allocations.filter((a) => a.sku === sku).reduce((s, a) => s + a.quantity, 0)).toBe(q);
          expect(r.split).toBe(new Set(r.allocations.map((a) => a.warehouse)).size > 1);
          // Whole-order preference: a split happens only when no warehouse could ship everything.
          if (r.split) expect(warehouses.some((w) => [...requested].every(([sku, q]) => available(sku, w.id) >= q))).toBe(false);
        } else {
          const q = requested.get(r.sku) ?? 0;
          expect(totalOf(r.sku)).toBeLessThan(q);
          expect(r.short).toBe(q - totalOf(r.sku));
        }
        // Refusing the split never turns a shortage into a success, and a whole-order success is the same either way.
        const whole = routeOrder({ ...input, allowSplit: false }, rule);
        if (whole.ok) expect(r).toEqual(whole);
        else expect(whole.short).toBeGreaterThan(0);
      }), { numRuns: 500 });
    });
  }
});
