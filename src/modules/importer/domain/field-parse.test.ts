import { describe, expect, it } from 'vitest';
import { createUtcDateTimeParser, parsePlainInt, parseScaledDecimal, parseUtcDateTime } from './field-parse.js';
import { hashRowFields, importEventId } from './import-id.js';

describe('parsePlainInt', () => {
  it('reads plain integers and refuses everything else', () => {
    expect(parsePlainInt('0')).toBe(0);
    expect(parsePlainInt('-6')).toBe(-6);
    expect(parsePlainInt('1511544070')).toBe(1511544070);
    for (const bad of ['', '-', '1.0', '1e3', ' 1', '+1', '12a', '99999999999999999999']) expect(parsePlainInt(bad)).toBeUndefined();
  });
});

describe('parseScaledDecimal', () => {
  it('scales exactly without float error', () => {
    expect(parseScaledDecimal('25.71', 2)).toBe(2571);
    expect(parseScaledDecimal('0.29', 2)).toBe(29);
    expect(parseScaledDecimal('3', 2)).toBe(300);
    expect(parseScaledDecimal('2.1', 3)).toBe(2100);
    expect(parseScaledDecimal('.5', 2)).toBe(50);
    expect(parseScaledDecimal('-11062.06', 2)).toBe(-1106206);
  });

  it('rounds the first dropped digit half away from zero', () => {
    expect(parseScaledDecimal('1.005', 2)).toBe(101);
    expect(parseScaledDecimal('1.0049', 2)).toBe(100);
    expect(parseScaledDecimal('-1.005', 2)).toBe(-101);
  });

  it('refuses non-decimals', () => {
    for (const bad of ['', '-', '.', '1.2.3', '1e2', 'abc', '1,5']) expect(parseScaledDecimal(bad, 2)).toBeUndefined();
  });
});

describe('parseUtcDateTime', () => {
  it('reads the dataset shapes as UTC', () => {
    expect(parseUtcDateTime('2019-10-01 00:00:00 UTC')).toBe(Date.UTC(2019, 9, 1));
    expect(parseUtcDateTime('2010-12-01 08:26:00')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseUtcDateTime('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
  });

  it('refuses impossible dates and other shapes', () => {
    for (const bad of ['2019-02-29 00:00:00', '2019-13-01 00:00:00', '2019-10-01 24:00:00', '2019-10-01', '2019-10-01 00:00:00 CET', '2019/10/01 00:00:00']) {
      expect(parseUtcDateTime(bad)).toBeUndefined();
    }
  });

  it('gives the same answers through the caching parser', () => {
    const parse = createUtcDateTimeParser();
    expect([parse('2019-10-01 00:00:01 UTC'), parse('2019-10-01 00:00:01 UTC'), parse('bad'), parse('2019-10-01 00:00:02 UTC')])
      .toEqual([Date.UTC(2019, 9, 1, 0, 0, 1), Date.UTC(2019, 9, 1, 0, 0, 1), undefined, Date.UTC(2019, 9, 1, 0, 0, 2)]);
  });
});

describe('importEventId', () => {
  it('is deterministic and depends on the line, the content and field boundaries', () => {
    const row = ['2019-10-01 00:00:00 UTC', 'view', '44600062'];
    expect(importEventId('rees46', 2, row)).toBe(importEventId('rees46', 2, [...row]));
    expect(importEventId('rees46', 2, row)).toMatch(/^rees46_2_[0-9a-v]{13}$/);
    expect(importEventId('rees46', 3, row)).not.toBe(importEventId('rees46', 2, row));
    expect(hashRowFields(['ab', 'c'])).not.toBe(hashRowFields(['a', 'bc']));
    expect(hashRowFields(['x', 'view'])).not.toBe(hashRowFields(['x', 'cart']));
    expect(hashRowFields(['x\u0000'])).not.toBe(hashRowFields(['x']));
  });

  it('gives 200,000 similar rows 200,000 different hashes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      seen.add(hashRowFields(['2019-10-01 00:00:00 UTC', 'view', String(i), '543272936']));
      seen.add(hashRowFields(['2019-10-01 00:00:00 UTC', 'view', '543272936', String(i)]));
    }
    expect(seen.size).toBe(200_000);
  });
});
