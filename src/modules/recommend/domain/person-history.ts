import { decayFactor } from './interaction-matrix.js';

/** One item signal in a person's history. */
export interface HistoryEntry {
  readonly itemId: string;
  readonly weight: number;
  readonly ts: number;
}

/** Bounds of one identity key's history (recent signals, bought and seen items). */
export const HISTORY_LIMITS = { recent: 100, bought: 500, seen: 1000 } as const;

/** SAR's affinity half-life in days (Recommenders' `time_decay_coefficient`). */
export const AFFINITY_HALF_LIFE_DAYS = 30;

/** What one identity key did with items: recent weighted signals, items paid for, items seen. */
export class KeyHistory {
  readonly recent: HistoryEntry[] = [];
  readonly bought = new Set<string>();
  readonly seen = new Set<string>();

  /** Adds one event: a signal when `weight` > 0; `pay` marks bought; anything with an item marks seen. */
  add(name: string, itemId: string, weight: number, ts: number): void {
    if (weight > 0) {
      this.recent.push({ itemId, weight, ts });
      if (this.recent.length > HISTORY_LIMITS.recent) this.recent.splice(0, this.recent.length - HISTORY_LIMITS.recent);
    }
    if (name === 'pay') bounded(this.bought, itemId, HISTORY_LIMITS.bought);
    bounded(this.seen, itemId, HISTORY_LIMITS.seen);
  }
}

function bounded(set: Set<string>, value: string, limit: number): void {
  set.delete(value);
  set.add(value);
  if (set.size > limit) set.delete(set.values().next().value as string);
}

/** A person's merged history over all their keys, ready for scoring. */
export interface PersonProfile {
  /** itemId → Σ weight · 2^(−age / half-life) at `now`. */
  readonly affinity: ReadonlyMap<string, number>;
  /** Items any of the person's keys paid for (looked up across the keys, not copied). */
  readonly bought: ItemLookup;
  /** Items any of the person's keys saw or interacted with. */
  readonly seen: ItemLookup;
  /** Signals in the profile (0 = a person we know nothing about). */
  readonly signals: number;
}

/** Membership of an item in a set spread over a person's keys. */
export interface ItemLookup {
  has(itemId: string): boolean;
}

/** Merges the histories of a person's keys into one time-decayed profile at `now`. */
export function profileOf(histories: readonly KeyHistory[], now: number): PersonProfile {
  const affinity = new Map<string, number>();
  const decay = { halfLifeDays: AFFINITY_HALF_LIFE_DAYS, nowMs: now };
  let signals = 0;
  for (const h of histories) {
    for (const e of h.recent) {
      const decayed = e.weight * decayFactor(e.ts, decay);
      affinity.set(e.itemId, (affinity.get(e.itemId) ?? 0) + decayed);
      signals++;
    }
  }
  // Looked up across the keys on demand: most requests filter on neither, and a key keeps up to 1,000 seen items.
  const bought: ItemLookup = { has: (id) => histories.some((h) => h.bought.has(id)) };
  const seen: ItemLookup = { has: (id) => histories.some((h) => h.seen.has(id)) };
  return { affinity, bought, seen, signals };
}
