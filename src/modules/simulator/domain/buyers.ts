import type { Rng } from '../../../shared/random.js';
import { PLATFORM_CODES, PLATFORM_SHARES, platformAt, type SimPlatform } from './platforms.js';
import { buildSampler, chance, clamp, hex8, permute32, pickOne, randomInt, randomLogNormal } from './sampling.js';

/** A buyer's account on one platform: ids the platform and the shop issue for them. */
export interface BuyerAccount {
  readonly platform: SimPlatform;
  /** Platform open id (per app), seen once the viewer authorises the shop / mini-program. */
  readonly openId: string;
  /** Shop buyer id, seen on orders and fulfilment events. */
  readonly buyerId: string;
  /** One SDK-issued anonymous id per device the buyer uses this app on. */
  readonly anonymousIds: readonly string[];
}

/** A simulated person and their identities across platforms. */
export interface Buyer {
  readonly index: number;
  /** The person's own mobile number (raw; the ingestion edge hashes it). */
  readonly phone: string;
  /** The number put on orders: usually `phone`, for some buyers a shared proxy number. */
  readonly orderPhone: string;
  /** Cross-app union id (WeChat / Douyin open platform), when the person has one. */
  readonly unionId?: string;
  /** One account per platform used; two for multi-platform buyers (same phone on both). */
  readonly accounts: readonly BuyerAccount[];
  /** Relative session frequency (log-normal, median 1). */
  readonly activity: number;
  /** Multiplier on the buyer's cart and order continuation (log-normal, median 1). */
  readonly intent: number;
}

/** Real CN mobile prefixes (China Mobile / Unicom / Telecom). */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158',
  '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '198', '199',
];

/** Number of shared / proxy phones in a world, and the share of buyers who order with one. */
export const PROXY_PHONES = { count: 6, buyerShare: 0.03 } as const;

function drawPhone(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const phone = pickOne(rng, MOBILE_PREFIXES) + String(randomInt(rng, 100_000_000)).padStart(8, '0');
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

/**
 * Generates `count` buyers: each on one platform (drawn by traffic share); more active buyers are
 * more often also on a second platform with the same phone (and keener to buy); 1–2 devices; half
 * with a union id; 3 % order with one of a few shared proxy phones. Ids are bijections of indices,
 * so they never collide.
 */
export function generateBuyers(rng: Rng, salt: number, count: number): { buyers: Buyer[]; proxyPhones: string[] } {
  const taken = new Set<string>();
  const proxyPhones = Array.from({ length: PROXY_PHONES.count }, () => drawPhone(rng, taken));
  const platformSampler = buildSampler(PLATFORM_SHARES);
  const buyers: Buyer[] = [];
  for (let b = 0; b < count; b++) {
    const activity = randomLogNormal(rng, 1, 1);
    const primary = platformSampler.draw(rng);
    const platforms = [primary];
    // Heavy, keen shoppers are the ones most often on a second platform.
    const multi = chance(rng, clamp(0.12 * activity, 0.03, 0.7));
    if (multi) {
      let second = platformSampler.draw(rng);
      while (second === primary) second = platformSampler.draw(rng);
      platforms.push(second);
    }
    const devices = chance(rng, 0.2) ? 2 : 1;
    const accounts = platforms.map((p): BuyerAccount => {
      const key = b * 8 + p; // unique per (buyer, platform) while count < 2^29
      const code = PLATFORM_CODES[p] ?? 'xx';
      return {
        platform: platformAt(p),
        openId: `${code}_o${hex8(permute32(key ^ salt))}`,
        buyerId: `${code}_b${hex8(permute32(key ^ (salt + 1)))}`,
        anonymousIds: Array.from({ length: devices }, (_, d) => `anon_${hex8(permute32(((key * 2 + d) ^ (salt + 2)) >>> 0))}`),
      };
    });
    const phone = drawPhone(rng, taken);
    const proxy = chance(rng, PROXY_PHONES.buyerShare) ? pickOne(rng, proxyPhones) : undefined;
    buyers.push({
      index: b,
      phone,
      orderPhone: proxy ?? phone,
      ...(chance(rng, 0.5) ? { unionId: `un_${hex8(permute32(b ^ (salt + 3)))}` } : {}),
      accounts,
      activity,
      intent: randomLogNormal(rng, multi ? 1.5 : 1, 0.5),
    });
  }
  return { buyers, proxyPhones };
}
