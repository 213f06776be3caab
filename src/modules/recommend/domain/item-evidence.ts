import type { ItemEvidence } from '../../allocation/index.js';
import { INTERACTION_EVENTS, signalWeight } from './event-signals.js';

/** Half-life of the decayed demand score behind trending (recent days count most). */
export const TRENDING_HALF_LIFE_MS = 86_400_000;

/** The fields of an event the catalogue reads (a canonical event or an analysis row fits). */
export interface ItemEventFields {
  readonly name: string;
  readonly ts: number;
  readonly productId?: string | null | undefined;
  readonly categoryId?: string | null | undefined;
  readonly priceBand?: string | null | undefined;
  readonly creatorId?: string | null | undefined;
  readonly amount?: number | null | undefined;
  readonly stock?: number | null | undefined;
  /** The seller when the sender names one (`properties.merchantId` / `shopId`). */
  readonly merchantId?: string | null | undefined;
}

type MutableEvidence = { -readonly [K in keyof ItemEvidence]: ItemEvidence[K] };

/**
 * A shop's items and their evidence, append-only: an item keeps its index until the catalogue is
 * rebuilt (a new generation). `revision` counts every change, so readers can tell what is stale.
 */
export class ItemCatalogue {
  readonly items: MutableEvidence[] = [];
  /** Signal-weighted demand decayed with `TRENDING_HALF_LIFE_MS`, relative to `epoch` (compare, do not read as counts). */
  readonly trending: number[] = [];
  private readonly byId = new Map<string, number>();
  revision = 0;

  /** @param epoch reference time of the decayed scores (the build time): scores are order-independent. */
  constructor(readonly generation: number, readonly epoch: number) {}

  /** The index of an item, or -1. */
  indexOf(itemId: string): number {
    return this.byId.get(itemId) ?? -1;
  }

  /**
   * Counts one event into its item's evidence (events without a productId are ignored). The seller is
   * the sender's `merchantId` when given, else the creator the item was first sold through, else the shop.
   */
  apply(e: ItemEventFields): void {
    if (!e.productId) return;
    let i = this.byId.get(e.productId);
    if (i === undefined) {
      i = this.items.length;
      this.byId.set(e.productId, i);
      this.trending.push(0);
      this.items.push({
        itemId: e.productId, categoryId: e.categoryId ?? null, priceBand: e.priceBand ?? null, merchantId: e.merchantId ?? e.creatorId ?? 'shop',
        firstSeen: e.ts, impressions: 0, clicks: 0, plays: 0, completes: 0, interactions: 0, pays: 0, gmv: 0, refunds: 0, stock: null,
      });
    }
    const it = this.items[i] as MutableEvidence;
    if (e.ts < it.firstSeen) it.firstSeen = e.ts;
    if (it.categoryId === null && e.categoryId) it.categoryId = e.categoryId;
    if (it.priceBand === null && e.priceBand) it.priceBand = e.priceBand;
    if (e.merchantId && it.merchantId !== e.merchantId) it.merchantId = e.merchantId;
    count(it, e);
    const w = signalWeight(e.name);
    if (w > 0) {
      this.trending[i] = (this.trending[i] as number) + w * Math.pow(2, (e.ts - this.epoch) / TRENDING_HALF_LIFE_MS);
    }
    this.revision++;
  }
}

function count(it: MutableEvidence, e: ItemEventFields): void {
  switch (e.name) {
    case 'impression': it.impressions++; break;
    case 'product_click': it.clicks++; break;
    case 'play': it.plays++; break;
    case 'complete': it.completes++; break;
    case 'pay': it.pays++; it.gmv += e.amount ?? 0; break;
    case 'refund': it.refunds++; break;
    case 'inventory_update': if (typeof e.stock === 'number') it.stock = e.stock; break;
    default: if (INTERACTION_EVENTS.has(e.name)) it.interactions++;
  }
}
