import type { Rng } from '../../../shared/random.js';
import type { Buyer, BuyerAccount } from './buyers.js';
import { COMMERCE_CATEGORIES, PRICE_BANDS, type CommerceCategory } from './catalogue.js';
import type { LiveStream } from './live-schedule.js';
import { SIM_PLATFORMS, type SimPlatform } from './platforms.js';
import { buildSampler, chance, clamp, randomBetween, randomInt, randomLogNormal, type WeightedSampler } from './sampling.js';
import type { Product, World } from './world.js';

/** A generated event in wire form; `eventId` is filled in when the event is emitted. */
export type WireEvent = Record<string, unknown> & { eventId: string; ts: number };

/** Who is browsing, on which app and device, in one session. */
export interface SessionIdentity {
  readonly platform: SimPlatform;
  readonly sessionId: string;
  readonly buyer: Buyer;
  readonly account: BuyerAccount;
  readonly anonymousId: string;
  /** Present when the viewer is logged in to the shop (order and pay always carry it). */
  readonly openId: string | undefined;
  readonly unionId: string | undefined;
}

/** A paid order whose fulfilment events (ship, deliver, refund) are still to come. */
export interface PendingOrder {
  /** Fields every fulfilment event of the order carries. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly amount: number;
  readonly steps: readonly { readonly name: 'ship' | 'deliver' | 'refund'; readonly ts: number }[];
  next: number;
}

interface OrderFields {
  readonly orderId: string;
  readonly skuId: string;
  readonly quantity: number;
  readonly amount: number;
  readonly buyerId: string;
  readonly openId: string;
}

interface Content {
  readonly creatorId: string;
  readonly videoId?: string;
  readonly liveId?: string;
  readonly categoryId: string;
  readonly product: Product | undefined;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const CATEGORY_BY_ID: ReadonlyMap<string, CommerceCategory> = new Map(COMMERCE_CATEGORIES.map((c) => [c.id, c]));
const DEFAULT_CATEGORY = COMMERCE_CATEGORIES[COMMERCE_CATEGORIES.length - 1] as CommerceCategory;

/**
 * Builds the events of one session at a time. Continuation probabilities (see README): play from
 * video and creator quality; watch depth from video quality; complete iff watched ≥ 90 %; product
 * click from category, price band, creator quality, watch depth and buyer intent; cart and order
 * from price band, category, coupon and intent; pay slightly less likely for expensive items.
 */
export class SessionBuilder {
  private readonly videoSamplers: WeightedSampler[];
  private orderSeq = 0;

  constructor(private readonly world: World, private readonly rng: Rng, private readonly seedTag: string) {
    this.videoSamplers = SIM_PLATFORMS.map((platform) => buildSampler(world.videos.map((v) => {
      const creator = world.creators[v.creator];
      return creator?.platform === platform ? creator.weight * (0.3 + v.quality) : 0;
    })));
  }

  /** A feed session: 1–8 videos, each impression → maybe play → complete, interactions, shopping. */
  feed(s: SessionIdentity, startTs: number, out: WireEvent[], orders: PendingOrder[]): void {
    const { world, rng } = this;
    const sampler = this.videoSamplers[SIM_PLATFORMS.indexOf(s.platform)] as WeightedSampler;
    let t = startTs;
    let videos = 1;
    while (videos < 8 && chance(rng, 0.6)) videos++;
    for (let k = 0; k < videos; k++) {
      const video = world.videos[sampler.draw(rng)];
      const creator = video === undefined ? undefined : world.creators[video.creator];
      if (video === undefined || creator === undefined) continue;
      const product = video.product >= 0 ? world.products[video.product] : undefined;
      const c: Content = { creatorId: creator.creatorId, videoId: video.videoId, categoryId: video.categoryId, product };
      out.push(this.event('impression', t, s, c));
      if (!chance(rng, clamp(0.4 + 0.35 * video.quality + 0.15 * creator.quality, 0, 0.95))) {
        t += 600 + randomInt(rng, 2000);
        continue;
      }
      const playTs = t + 150 + randomInt(rng, 750);
      const skipped = chance(rng, 0.55 - 0.35 * video.quality);
      const watched = Math.min(1, skipped ? 0.02 + 0.33 * rng.next() : 0.45 + 0.65 * rng.next());
      const watchMs = Math.round(watched * video.durationMs);
      const depth = { watchMs, durationMs: video.durationMs };
      out.push(Object.assign(this.event('play', playTs, s, c), depth));
      if (watched >= 0.9) out.push(Object.assign(this.event('complete', playTs + watchMs, s, c), depth));
      this.interact(s, c, playTs, watchMs, watched * video.quality, creator.quality * watched, out);
      t = playTs + watchMs;
      if (product !== undefined) {
        const pClick = 0.12 * categoryOf(product).conversion * Math.sqrt(bandOf(product).conversion)
          * (0.5 + creator.quality) * (0.1 + 0.9 * watched) * Math.sqrt(s.buyer.intent);
        if (chance(rng, pClick)) {
          t = this.walkProduct(s, c, product, t + 200 + randomInt(rng, 2800), false, out, orders);
          if (chance(rng, 0.6)) break;
        }
      }
      t += 300 + randomInt(rng, 1200);
    }
  }

  /** A live-room visit: impression, live_enter, likes and comments, maybe shopping, live_exit. */
  live(s: SessionIdentity, stream: LiveStream, startTs: number, inBurst: boolean, out: WireEvent[], orders: PendingOrder[]): void {
    const { world, rng } = this;
    const creator = world.creators[stream.creator];
    if (creator === undefined) return;
    const productAt = (ts: number): Product | undefined =>
      world.products[stream.products[Math.floor((ts - stream.startTs) / stream.slotMs) % stream.products.length] ?? -1];
    const entered = productAt(startTs);
    const c: Content = { creatorId: creator.creatorId, liveId: stream.liveId, categoryId: entered?.categoryId ?? creator.categoryId, product: entered };
    out.push(this.event('impression', startTs, s, c));
    const enterTs = startTs + 500 + randomInt(rng, 1500);
    const dwell = Math.round(clamp(randomLogNormal(rng, inBurst ? 2 * MINUTE : 3 * MINUTE, 1), 10 * SECOND, Math.max(10 * SECOND, stream.endTs - enterTs)));
    out.push(this.event('live_enter', enterTs, s, c));
    const engagement = creator.quality * (inBurst ? 1.5 : 1);
    let likes = 0;
    while (likes < 30 && chance(rng, 0.55 + 0.3 * engagement)) likes++;
    for (let i = 0; i < likes; i++) out.push(this.event('like', enterTs + randomInt(rng, dwell), s, c));
    if (chance(rng, 0.3 + 0.3 * engagement)) out.push(this.event('comment', enterTs + randomInt(rng, dwell), s, c));
    if (chance(rng, 0.04)) out.push(this.event('share', enterTs + randomInt(rng, dwell), s, c));
    if (chance(rng, 0.03 + 0.05 * creator.quality)) out.push(this.event('follow', enterTs + randomInt(rng, dwell), s, c));
    let exitTs = enterTs + dwell;
    const clickTs = enterTs + randomInt(rng, dwell);
    const product = productAt(clickTs);
    if (product !== undefined) {
      const pClick = 0.2 * categoryOf(product).conversion * Math.sqrt(bandOf(product).conversion)
        * (0.6 + 0.8 * creator.quality) * (inBurst ? 1.3 : 1) * Math.sqrt(s.buyer.intent);
      if (chance(rng, pClick)) {
        const shopped = { ...c, categoryId: product.categoryId, product };
        const done = this.walkProduct(s, shopped, product, clickTs, true, out, orders);
        exitTs = Math.max(exitTs, Math.min(done + SECOND + randomInt(rng, 4 * SECOND), stream.endTs));
      }
    }
    out.push(this.event('live_exit', exitTs, s, c));
  }

  /** product_click at `ts`, then detail_view, coupon_claim, add_to_cart, order, pay as they happen. */
  private walkProduct(s: SessionIdentity, c: Content, product: Product, ts: number, live: boolean, out: WireEvent[], orders: PendingOrder[]): number {
    const { rng } = this;
    const band = bandOf(product);
    const category = categoryOf(product);
    let t = ts;
    out.push(this.event('product_click', t, s, c));
    if (!chance(rng, 0.78)) return t + 2 * SECOND;
    t += 800 + randomInt(rng, 3200);
    out.push(this.event('detail_view', t, s, c));
    const coupon = chance(rng, live ? 0.45 : 0.18);
    if (coupon) {
      t += 2 * SECOND + randomInt(rng, 13 * SECOND);
      out.push(this.event('coupon_claim', t, s, c));
    }
    const pCart = 0.35 * band.conversion * category.conversion * s.buyer.intent * (coupon ? 1.3 : 1);
    if (!chance(rng, clamp(pCart, 0, 0.95))) return t + 3 * SECOND + randomInt(rng, 27 * SECOND);
    const skuId = product.skuIds[randomInt(rng, product.skuIds.length)] ?? product.productId;
    const u = rng.next();
    const quantity = product.bandIndex === 0 ? (u < 0.7 ? 1 : u < 0.9 ? 2 : 3) : u < 0.92 ? 1 : 2;
    t += 5 * SECOND + randomInt(rng, 55 * SECOND);
    out.push(Object.assign(this.event('add_to_cart', t, s, c), { skuId, quantity }));
    if (!chance(rng, clamp(0.6 * band.conversion * (0.7 + 0.3 * category.conversion) * Math.sqrt(s.buyer.intent), 0, 0.95))) {
      return t + 5 * SECOND;
    }
    const gross = product.priceFen * quantity;
    const amount = gross - (coupon ? Math.min(Math.round(gross * 0.1), 2000) : 0);
    const commerce: OrderFields & { currency: string } = {
      orderId: `ord_${this.seedTag}_${this.orderSeq++}`, skuId, quantity, amount, currency: 'CNY',
      buyerId: s.account.buyerId, openId: s.account.openId,
    };
    t += 10 * SECOND + randomInt(rng, 170 * SECOND);
    out.push(Object.assign(this.event('order', t, s, c), commerce, { phone: s.buyer.orderPhone }));
    if (!chance(rng, 0.94 - 0.04 * product.bandIndex)) return t + 10 * SECOND;
    t += 5 * SECOND + randomInt(rng, 85 * SECOND);
    out.push(Object.assign(this.event('pay', t, s, c), commerce));
    orders.push(this.fulfilment(s, c, product, commerce, t));
    return t;
  }

  /** Plans ship → deliver (→ return refund), or a refund before shipping, after a payment. */
  private fulfilment(s: SessionIdentity, c: Content, product: Product, commerce: OrderFields, payTs: number): PendingOrder {
    const { rng } = this;
    const fields: Record<string, unknown> = {
      platform: s.platform, buyerId: commerce.buyerId, openId: commerce.openId, orderId: commerce.orderId,
      creatorId: c.creatorId,
      ...(c.videoId !== undefined ? { videoId: c.videoId } : {}),
      ...(c.liveId !== undefined ? { liveId: c.liveId } : {}),
      productId: product.productId, skuId: commerce.skuId, categoryId: product.categoryId, priceBand: product.priceBand,
      quantity: commerce.quantity,
    };
    const refund = chance(rng, categoryOf(product).refundRate);
    const steps: { name: 'ship' | 'deliver' | 'refund'; ts: number }[] = [];
    if (refund && chance(rng, 0.3)) {
      steps.push({ name: 'refund', ts: payTs + Math.round(randomBetween(rng, 10 * MINUTE, 6 * HOUR)) });
    } else {
      const shipTs = payTs + Math.round(randomBetween(rng, 2 * HOUR, 36 * HOUR));
      const deliverTs = shipTs + Math.round(randomBetween(rng, 12 * HOUR, 72 * HOUR));
      steps.push({ name: 'ship', ts: shipTs }, { name: 'deliver', ts: deliverTs });
      if (refund) steps.push({ name: 'refund', ts: deliverTs + Math.round(randomBetween(rng, 6 * HOUR, 72 * HOUR)) });
    }
    return { fields, amount: commerce.amount, steps, next: 0 };
  }

  private interact(s: SessionIdentity, c: Content, playTs: number, watchMs: number, appeal: number, loyalty: number, out: WireEvent[]): void {
    const { rng } = this;
    if (chance(rng, 0.02 + 0.12 * appeal)) out.push(this.event('like', playTs + randomInt(rng, watchMs + 1), s, c));
    if (chance(rng, 0.005 + 0.03 * appeal)) out.push(this.event('comment', playTs + randomInt(rng, watchMs + 1), s, c));
    if (chance(rng, 0.003 + 0.02 * appeal)) out.push(this.event('share', playTs + randomInt(rng, watchMs + 1), s, c));
    if (chance(rng, 0.002 + 0.02 * loyalty)) out.push(this.event('follow', playTs + randomInt(rng, watchMs + 1), s, c));
  }

  private event(name: string, ts: number, s: SessionIdentity, c: Content): WireEvent {
    const e: WireEvent = { eventId: '', name, platform: s.platform, ts, sessionId: s.sessionId, anonymousId: s.anonymousId };
    if (s.openId !== undefined) e.openId = s.openId;
    if (s.unionId !== undefined) e.unionId = s.unionId;
    e.creatorId = c.creatorId;
    if (c.videoId !== undefined) e.videoId = c.videoId;
    if (c.liveId !== undefined) e.liveId = c.liveId;
    e.categoryId = c.categoryId;
    if (c.product !== undefined) {
      e.productId = c.product.productId;
      e.priceBand = c.product.priceBand;
    }
    return e;
  }
}

function categoryOf(product: Product): CommerceCategory {
  return CATEGORY_BY_ID.get(product.categoryId) ?? DEFAULT_CATEGORY;
}

function bandOf(product: Product): (typeof PRICE_BANDS)[number] {
  return PRICE_BANDS[product.bandIndex] ?? { band: product.priceBand, minFen: 0, conversion: 1 };
}
