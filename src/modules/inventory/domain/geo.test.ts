import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, greatCircleKm, REGION_CENTRES, resolveDestination, type GeoPoint } from './geo.js';

const BEIJING: GeoPoint = { lat: 39.9042, lon: 116.4074 };
const SHANGHAI: GeoPoint = { lat: 31.2304, lon: 121.4737 };
const GUANGZHOU: GeoPoint = { lat: 23.1291, lon: 113.2644 };

// An independent reference: the spherical law of cosines, d = R·acos(sin φ1 sin φ2 + cos φ1 cos φ2 cos Δλ).
// Well conditioned for the distances used here (> 1 km), where it agrees with haversine to centimetres.
const rad = (d: number): number => (d * Math.PI) / 180;
const lawOfCosinesKm = (a: GeoPoint, b: GeoPoint): number =>
  EARTH_RADIUS_KM * Math.acos(Math.min(1, Math.max(-1, Math.sin(rad(a.lat)) * Math.sin(rad(b.lat)) + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon)))));

const point = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) });

describe('greatCircleKm', () => {
  it('Beijing–Shanghai is about 1,067 km', () => {
    // By hand, law of cosines, R = 6371.0088 km:
    //   sin 39.9042° · sin 31.2304° = 0.641506 × 0.518481 = 0.332609
    //   cos 39.9042° · cos 31.2304° · cos(121.4737° − 116.4074° = 5.0663°) = 0.767118 × 0.855089 × 0.996093 = 0.653392
    //   acos(0.332609 + 0.653392 = 0.986000) = 0.167526 rad → × 6371.0088 = 1067.31 km
    const d = greatCircleKm(BEIJING, SHANGHAI);
    expect(Math.abs(d - 1067.31)).toBeLessThanOrEqual(2);
    expect(d).toBeGreaterThan(1067);
    expect(d).toBeLessThan(1070);
  });

  it('Guangzhou–Beijing is about 1,889 km', () => {
    // By hand, law of cosines, R = 6371.0088 km:
    //   sin 23.1291° · sin 39.9042° = 0.392804 × 0.641506 = 0.251986
    //   cos 23.1291° · cos 39.9042° · cos(116.4074° − 113.2644° = 3.1430°) = 0.919622 × 0.767118 × 0.998496 = 0.704398
    //   acos(0.251986 + 0.704398 = 0.956384) = 0.296435 rad → × 6371.0088 = 1888.59 km
    const d = greatCircleKm(GUANGZHOU, BEIJING);
    expect(Math.abs(d - 1888.59)).toBeLessThanOrEqual(2);
    expect(d).toBeGreaterThan(1888);
    expect(d).toBeLessThan(1890);
  });

  it('is 0 from a point to itself, including at the poles and the antimeridian', () => {
    for (const p of [BEIJING, { lat: 90, lon: 0 }, { lat: -90, lon: 123 }, { lat: 0, lon: 180 }]) expect(greatCircleKm(p, p)).toBe(0);
    // 180° and −180° are the same meridian.
    expect(greatCircleKm({ lat: 10, lon: 180 }, { lat: 10, lon: -180 })).toBeCloseTo(0, 9);
  });

  it('is half the circumference (π·R ≈ 20,015.11 km) between antipodes', () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 6);
    expect(greatCircleKm({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(20015.11, 1);
    expect(greatCircleKm(BEIJING, { lat: -BEIJING.lat, lon: BEIJING.lon - 180 })).toBeCloseTo(20015.11, 1);
    fc.assert(fc.property(point, (p) => {
      expect(greatCircleKm(p, { lat: -p.lat, lon: p.lon > 0 ? p.lon - 180 : p.lon + 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 3);
    }));
  });

  it('is symmetric and bounded by π·R for any two points', () => {
    fc.assert(fc.property(point, point, (a, b) => {
      const d = greatCircleKm(a, b);
      expect(d).toBe(greatCircleKm(b, a));
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 1e-9);
    }));
  });

  it('agrees with the law of cosines to within a metre', () => {
    fc.assert(fc.property(point, point, (a, b) => {
      const reference = lawOfCosinesKm(a, b);
      fc.pre(reference > 1);
      expect(Math.abs(greatCircleKm(a, b) - reference)).toBeLessThan(0.001);
    }));
  });
});

describe('REGION_CENTRES', () => {
  const CODES = ['CN-AH', 'CN-BJ', 'CN-CQ', 'CN-FJ', 'CN-GD', 'CN-GS', 'CN-GX', 'CN-GZ', 'CN-HA', 'CN-HB', 'CN-HE', 'CN-HI', 'CN-HK', 'CN-HL', 'CN-HN', 'CN-JL', 'CN-JS',
    'CN-JX', 'CN-LN', 'CN-MO', 'CN-NM', 'CN-NX', 'CN-QH', 'CN-SC', 'CN-SD', 'CN-SH', 'CN-SN', 'CN-SX', 'CN-TJ', 'CN-TW', 'CN-XJ', 'CN-XZ', 'CN-YN', 'CN-ZJ'];

  it('holds exactly the 34 province-level ISO 3166-2:CN codes', () => {
    expect(CODES).toHaveLength(34);
    expect(Object.keys(REGION_CENTRES).sort()).toEqual(CODES);
  });

  it('places every centre inside China with both names', () => {
    for (const [code, c] of Object.entries(REGION_CENTRES)) {
      expect(c.lat, code).toBeGreaterThan(18);
      expect(c.lat, code).toBeLessThan(54);
      expect(c.lon, code).toBeGreaterThan(73);
      expect(c.lon, code).toBeLessThan(135);
      expect(c.name.length, code).toBeGreaterThan(1);
      expect(c.nameZh, code).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });

  it('uses the capital cities', () => {
    expect(REGION_CENTRES['CN-GD']).toEqual({ name: 'Guangdong', nameZh: '广东', lat: 23.1291, lon: 113.2644 });
    expect(REGION_CENTRES['CN-BJ']).toMatchObject({ nameZh: '北京', ...BEIJING });
    expect(REGION_CENTRES['CN-SH']).toMatchObject({ nameZh: '上海', ...SHANGHAI });
    // Capitals, not centroids: these provinces' geographic centres lie hundreds of km from their capitals.
    expect(greatCircleKm(REGION_CENTRES['CN-SC']!, { lat: 30.66, lon: 104.06 })).toBeLessThan(15); // Chengdu
    expect(greatCircleKm(REGION_CENTRES['CN-XJ']!, { lat: 43.83, lon: 87.62 })).toBeLessThan(15); // Ürümqi
    expect(greatCircleKm(REGION_CENTRES['CN-NM']!, { lat: 40.84, lon: 111.75 })).toBeLessThan(15); // Hohhot
  });

  it('is frozen', () => {
    expect(Object.isFrozen(REGION_CENTRES)).toBe(true);
  });
});

describe('resolveDestination', () => {
  it('prefers valid explicit coordinates over the region', () => {
    expect(resolveDestination({ region: 'CN-GD', lat: 31.2, lon: 121.5 })).toEqual({ lat: 31.2, lon: 121.5 });
    expect(resolveDestination({ lat: -90, lon: 180 })).toEqual({ lat: -90, lon: 180 });
    expect(resolveDestination({ lat: 0, lon: -180 })).toEqual({ lat: 0, lon: -180 });
  });

  it('falls back to the region capital when the coordinates are missing, partial or invalid', () => {
    const guangzhou = { lat: 23.1291, lon: 113.2644 };
    expect(resolveDestination({ region: 'CN-GD' })).toEqual(guangzhou);
    for (const bad of [{ lat: 91, lon: 100 }, { lat: 30, lon: 180.5 }, { lat: Number.NaN, lon: 100 }, { lat: 30, lon: Number.POSITIVE_INFINITY }, { lat: 30 }, { lon: 100 }]) {
      expect(resolveDestination({ region: 'CN-GD', ...bad }), JSON.stringify(bad)).toEqual(guangzhou);
    }
  });

  it('matches the region code case-insensitively and returns a bare point', () => {
    const p = resolveDestination({ region: ' cn-sh ' });
    expect(p).toEqual(SHANGHAI);
    expect(p).not.toHaveProperty('name');
    expect(resolveDestination({ region: 'Cn-Bj' })).toEqual(BEIJING);
  });

  it('is null without usable coordinates or a known region', () => {
    expect(resolveDestination({})).toBeNull();
    expect(resolveDestination({ region: 'CN-XX' })).toBeNull();
    expect(resolveDestination({ region: 'GD' })).toBeNull();
    expect(resolveDestination({ region: 'CN-11' })).toBeNull(); // the pre-2017 numeric code for Beijing
    expect(resolveDestination({ region: 'constructor' })).toBeNull();
    expect(resolveDestination({ region: '__proto__' })).toBeNull();
    expect(resolveDestination({ region: 'toString', lat: 100, lon: 0 })).toBeNull();
  });
});
