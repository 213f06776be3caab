import type { Rng } from '../../../shared/random.js';
import type { WireEvent } from './sessions.js';

/** The eight funnel nodes in order, as the burst emits them. */
const NODES = ['impression', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay'] as const;
export type BurstNode = (typeof NODES)[number];

/** One live session to replay minute by minute. */
export interface LiveBurstOptions {
  readonly platform: string;
  readonly creatorId: string;
  readonly liveId: string;
  /** Products in the room's cart; each buyer picks one. */
  readonly products: readonly { readonly productId: string; readonly priceFen: number }[];
  /** Prefix of the viewers' anonymous ids and event ids (unique per session). */
  readonly idPrefix: string;
}

/**
 * The events of one minute of a live session with exactly `counts` per funnel node (counts must not grow
 * along the funnel): the first `counts[play]` of the minute's viewers play, and so on, so each node's
 * events are a subset of the one before it, as in a real room. Times are spread over the minute in funnel
 * order per viewer. Deterministic for a seeded `rng`.
 */
export function liveBurstMinute(rng: Rng, options: LiveBurstOptions, minuteStart: number, minuteIndex: number, counts: Readonly<Record<BurstNode, number>>): WireEvent[] {
  const out: WireEvent[] = [];
  const viewers = counts.impression;
  for (let v = 0; v < viewers; v++) {
    const anonymousId = `${options.idPrefix}-m${minuteIndex}-v${v}`;
    const product = options.products[Math.floor(rng.next() * options.products.length)];
    // A viewer's steps fit in the minute: start in the first half, then 0–3 s between steps.
    let ts = minuteStart + Math.floor(rng.next() * 30_000);
    for (let k = 0; k < NODES.length; k++) {
      const node = NODES[k] as BurstNode;
      if (v >= counts[node]) break;
      const e: WireEvent = {
        eventId: `${options.idPrefix}-m${minuteIndex}-v${v}-${k}`, name: node, ts: Math.min(ts, minuteStart + 59_999),
        platform: options.platform, anonymousId, creatorId: options.creatorId, liveId: options.liveId,
      };
      if (k >= 3 && product) e.productId = product.productId;
      if (k >= 6) e.orderId = `${options.idPrefix}-o${minuteIndex}-${v}`;
      if (node === 'pay' && product) { e.amount = product.priceFen; e.currency = 'CNY'; }
      out.push(e);
      ts += Math.floor(rng.next() * 3_000);
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}
