import type { CanonicalEvent } from '../../events/index.js';

/**
 * How strongly each canonical event says "this person wants this item" (SAR-style signal strengths).
 * Events without a `productId` carry no item signal. Impressions are exposure, not interest: weight 0,
 * but they mark the item as seen.
 */
export const SIGNAL_WEIGHTS: Readonly<Partial<Record<CanonicalEvent['name'], number>>> = Object.freeze({
  play: 1, complete: 1.5, like: 1.5, comment: 1.5, share: 2, favorite: 2.5,
  product_click: 2, detail_view: 2, add_to_cart: 3, order: 4, pay: 5,
});

/** Interaction events counted in an item's interaction rate. */
export const INTERACTION_EVENTS: ReadonlySet<string> = new Set(['like', 'comment', 'share', 'follow', 'favorite']);

/** The signal weight of an event name (0 when it says nothing about interest). */
export function signalWeight(name: string): number {
  return SIGNAL_WEIGHTS[name as CanonicalEvent['name']] ?? 0;
}
