/**
 * Geography for warehouse routing: points in degrees, great-circle distance on a spherical Earth and
 * the centres of China's province-level divisions, so an order that only names its region can still be
 * routed to the nearest warehouse. Pure: no I/O.
 */

/** A point on the Earth in decimal degrees (WGS 84 latitude and longitude). */
export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** Mean Earth radius in km (IUGG R₁), the sphere `greatCircleKm` measures on. */
export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (deg: number): number => (deg * Math.PI) / 180;

/**
 * Great-circle distance in km between two points (haversine on a sphere of radius 6371.0088 km). The
 * spherical model errs by up to about 0.5 % against the ellipsoid, which is ample for ranking warehouses.
 * @example greatCircleKm(REGION_CENTRES['CN-BJ']!, REGION_CENTRES['CN-SH']!) // ≈ 1067.3
 */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  // Near antipodes rounding can leave h an ulp or two above 1; the clamp keeps asin from returning NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A region's representative point with its English and Chinese names. */
export type RegionCentre = GeoPoint & { readonly name: string; readonly nameZh: string };

/**
 * The 31 province-level divisions of mainland China plus Hong Kong, Macau and Taiwan, keyed by their
 * ISO 3166-2:CN code (the current two-letter codes, e.g. `CN-GD`). Each point is the division's
 * capital city (for the four municipalities and the two SARs, the city itself; for Taiwan, Taipei),
 * not its geographic centroid: most orders, and most warehouses, sit near the capital. Coordinates are
 * the commonly published city-centre values to 4 decimals.
 */
export const REGION_CENTRES: Readonly<Record<string, RegionCentre>> = Object.freeze({
  'CN-AH': { name: 'Anhui', nameZh: '安徽', lat: 31.8206, lon: 117.2272 }, // Hefei
  'CN-BJ': { name: 'Beijing', nameZh: '北京', lat: 39.9042, lon: 116.4074 },
  'CN-CQ': { name: 'Chongqing', nameZh: '重庆', lat: 29.5630, lon: 106.5516 },
  'CN-FJ': { name: 'Fujian', nameZh: '福建', lat: 26.0745, lon: 119.2965 }, // Fuzhou
  'CN-GD': { name: 'Guangdong', nameZh: '广东', lat: 23.1291, lon: 113.2644 }, // Guangzhou
  'CN-GS': { name: 'Gansu', nameZh: '甘肃', lat: 36.0611, lon: 103.8343 }, // Lanzhou
  'CN-GX': { name: 'Guangxi', nameZh: '广西', lat: 22.8170, lon: 108.3665 }, // Nanning
  'CN-GZ': { name: 'Guizhou', nameZh: '贵州', lat: 26.6470, lon: 106.6302 }, // Guiyang
  'CN-HA': { name: 'Henan', nameZh: '河南', lat: 34.7466, lon: 113.6253 }, // Zhengzhou
  'CN-HB': { name: 'Hubei', nameZh: '湖北', lat: 30.5928, lon: 114.3055 }, // Wuhan
  'CN-HE': { name: 'Hebei', nameZh: '河北', lat: 38.0428, lon: 114.5149 }, // Shijiazhuang
  'CN-HI': { name: 'Hainan', nameZh: '海南', lat: 20.0440, lon: 110.1999 }, // Haikou
  'CN-HK': { name: 'Hong Kong', nameZh: '香港', lat: 22.3193, lon: 114.1694 },
  'CN-HL': { name: 'Heilongjiang', nameZh: '黑龙江', lat: 45.8038, lon: 126.5350 }, // Harbin
  'CN-HN': { name: 'Hunan', nameZh: '湖南', lat: 28.2282, lon: 112.9388 }, // Changsha
  'CN-JL': { name: 'Jilin', nameZh: '吉林', lat: 43.8171, lon: 125.3235 }, // Changchun
  'CN-JS': { name: 'Jiangsu', nameZh: '江苏', lat: 32.0603, lon: 118.7969 }, // Nanjing
  'CN-JX': { name: 'Jiangxi', nameZh: '江西', lat: 28.6820, lon: 115.8579 }, // Nanchang
  'CN-LN': { name: 'Liaoning', nameZh: '辽宁', lat: 41.8057, lon: 123.4315 }, // Shenyang
  'CN-MO': { name: 'Macau', nameZh: '澳门', lat: 22.1987, lon: 113.5439 },
  'CN-NM': { name: 'Inner Mongolia', nameZh: '内蒙古', lat: 40.8424, lon: 111.7490 }, // Hohhot
  'CN-NX': { name: 'Ningxia', nameZh: '宁夏', lat: 38.4872, lon: 106.2309 }, // Yinchuan
  'CN-QH': { name: 'Qinghai', nameZh: '青海', lat: 36.6171, lon: 101.7782 }, // Xining
  'CN-SC': { name: 'Sichuan', nameZh: '四川', lat: 30.5728, lon: 104.0668 }, // Chengdu
  'CN-SD': { name: 'Shandong', nameZh: '山东', lat: 36.6512, lon: 117.1201 }, // Jinan
  'CN-SH': { name: 'Shanghai', nameZh: '上海', lat: 31.2304, lon: 121.4737 },
  'CN-SN': { name: 'Shaanxi', nameZh: '陕西', lat: 34.3416, lon: 108.9398 }, // Xi'an
  'CN-SX': { name: 'Shanxi', nameZh: '山西', lat: 37.8706, lon: 112.5489 }, // Taiyuan
  'CN-TJ': { name: 'Tianjin', nameZh: '天津', lat: 39.0842, lon: 117.2010 },
  'CN-TW': { name: 'Taiwan', nameZh: '台湾', lat: 25.0330, lon: 121.5654 }, // Taipei
  'CN-XJ': { name: 'Xinjiang', nameZh: '新疆', lat: 43.8256, lon: 87.6168 }, // Ürümqi
  'CN-XZ': { name: 'Tibet', nameZh: '西藏', lat: 29.6525, lon: 91.1721 }, // Lhasa
  'CN-YN': { name: 'Yunnan', nameZh: '云南', lat: 24.8801, lon: 102.8329 }, // Kunming
  'CN-ZJ': { name: 'Zhejiang', nameZh: '浙江', lat: 30.2741, lon: 120.1551 }, // Hangzhou
});

/** Where an order is going, as the caller knows it: a region code, coordinates, or both. */
export interface DestinationInput {
  readonly region?: string | undefined;
  readonly lat?: number | undefined;
  readonly lon?: number | undefined;
}

const isLatitude = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -90 && v <= 90;
const isLongitude = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -180 && v <= 180;

/**
 * The point to route an order to. Explicit coordinates win when both are present and valid (finite,
 * lat in [−90, 90], lon in [−180, 180]); otherwise the capital of `region` (an ISO 3166-2:CN code,
 * case-insensitive, surrounding blanks ignored); otherwise null (route without distance).
 * @example resolveDestination({ region: 'cn-gd' }) // { lat: 23.1291, lon: 113.2644 }
 * @example resolveDestination({ region: 'CN-GD', lat: 31.2, lon: 121.5 }) // { lat: 31.2, lon: 121.5 }
 */
export function resolveDestination(d: DestinationInput): GeoPoint | null {
  if (isLatitude(d.lat) && isLongitude(d.lon)) return { lat: d.lat, lon: d.lon };
  if (typeof d.region !== 'string') return null;
  const code = d.region.trim().toUpperCase();
  // hasOwn, not `in`: a region such as 'constructor' must not reach Object.prototype.
  if (!Object.hasOwn(REGION_CENTRES, code)) return null;
  const centre = REGION_CENTRES[code];
  return centre ? { lat: centre.lat, lon: centre.lon } : null;
}
