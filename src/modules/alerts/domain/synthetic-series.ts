import { randomNormal, type Rng } from '../../../shared/random.js';
import { evaluate, type DetectorConfig, type DetectorScope, type Evaluation, type FunnelBucket, type SeriesTransition } from './detector.js';
import type { AlertState } from './alert-state.js';
import type { InventorySignal } from './diagnosis.js';
import { FUNNEL_NODES, FUNNEL_STEPS, type FunnelCounts, type FunnelNode } from './rules.js';

/**
 * Seeded synthetic funnel series with known change points, for the detector's tests and a fault replay:
 * impressions per minute are Poisson(mean), each later node a binomial thinning of the one before it,
 * so every count is Poisson and every adjacent rate is exactly binomial. Faults are injected by changing
 * the profile for chosen minutes; `replay` runs the detector over such a series as a live board would.
 */

/** Mean impressions per minute and the seven adjacent step rates (impression → play … order → pay). */
export interface FunnelProfile { readonly impressions: number; readonly rates: readonly number[] }

/** A live-room-like funnel: 3,000 impressions/min, ~15 orders/min, 90 % of orders paid. */
export const LIVE_PROFILE: FunnelProfile = { impressions: 3000, rates: [0.5, 0.3, 0.2, 0.7, 0.4, 0.6, 0.9] };
/** A steady shop feed: 2,000 impressions/min and 2 % of impressions clicking a product (the false-alarm test). */
export const FEED_PROFILE: FunnelProfile = { impressions: 2000, rates: [0.4, 0.25, 0.2, 0.6, 0.3, 0.5, 0.9] };

/** The profile with one step's rate multiplied (e.g. withStepFactor(p, 'order', 'pay', 0.1): checkout broken). */
export function withStepFactor(p: FunnelProfile, from: FunnelNode, to: FunnelNode, factor: number): FunnelProfile {
  const i = FUNNEL_STEPS.findIndex((s) => s.from === from && s.to === to);
  return { impressions: p.impressions, rates: p.rates.map((r, j) => (j === i ? r * factor : r)) };
}

/** A Poisson draw: Knuth's product method up to mean 50, the rounded normal approximation above. */
export function samplePoisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * randomNormal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let prod = rng.next(); prod > limit; prod *= rng.next()) k++;
  return k;
}

/** A binomial draw: Bernoulli trials while n·p·(1 − p) ≤ 50, the rounded normal approximation above. */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  const variance = n * p * (1 - p);
  if (variance > 50) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance) * randomNormal(rng))));
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

/** One minute's counts drawn from a profile. */
export function sampleFunnelCounts(rng: Rng, profile: FunnelProfile): FunnelCounts {
  const counts: Record<string, number> = {};
  let previous = samplePoisson(rng, profile.impressions);
  counts.impression = previous;
  for (let i = 1; i < FUNNEL_NODES.length; i++) {
    previous = sampleBinomial(rng, previous, profile.rates[i - 1] ?? 0);
    counts[FUNNEL_NODES[i] as FunnelNode] = previous;
  }
  return counts as FunnelCounts;
}

/**
 * `minutes` consecutive one-minute buckets from `start`, the profile of each minute chosen by
 * `profileAt(minuteIndex)`; live-session buckets when `streamStartedAt` is given.
 */
export function syntheticSeries(rng: Rng, start: number, minutes: number, profileAt: (minute: number) => FunnelProfile, streamStartedAt?: number): FunnelBucket[] {
  return Array.from({ length: minutes }, (_, m) => {
    const bucket = { start: start + m * 60_000, counts: sampleFunnelCounts(rng, profileAt(m)) };
    return streamStartedAt === undefined ? bucket : { ...bucket, streamStartedAt };
  });
}

export interface ReplayOptions {
  readonly scope: DetectorScope;
  readonly history: readonly FunnelBucket[];
  readonly config?: DetectorConfig;
  /** Evaluate every tickMs within each minute (partial buckets); default 60 000: complete buckets only. */
  readonly tickMs?: number;
  /** Draws the partial counts (events arriving uniformly within the minute); needed when tickMs < 60 000. */
  readonly rng?: Rng;
  /** Evaluate partial minutes as sliding minutes (pass the previous complete bucket), as the live loop does. */
  readonly sliding?: boolean;
  /** Inventory evidence by minute index of the series. */
  readonly inventoryAt?: (minute: number) => InventorySignal | undefined;
}

export interface ReplayStep { readonly at: number; readonly minute: number; readonly evaluation: Evaluation }

/** Runs the detector over buckets in order, carrying alert states; returns every evaluation and transition. */
export function replay(buckets: readonly FunnelBucket[], options: ReplayOptions): { steps: ReplayStep[]; transitions: SeriesTransition[] } {
  const tick = options.tickMs ?? 60_000;
  let states: Readonly<Record<string, AlertState>> = {};
  const steps: ReplayStep[] = [];
  const transitions: SeriesTransition[] = [];
  buckets.forEach((bucket, minute) => {
    const seen: Record<string, number> = Object.fromEntries(FUNNEL_NODES.map((n) => [n, 0]));
    let fraction = 0;
    for (let elapsed = tick; elapsed <= 60_000; elapsed += tick) {
      // Uniform arrivals: of the events not seen yet, each arrives in this tick with probability Δf / (1 − f).
      const next = elapsed / 60_000;
      for (const n of FUNNEL_NODES) {
        const rest = bucket.counts[n] - (seen[n] as number);
        seen[n] = (seen[n] as number) + (next >= 1 || !options.rng ? rest : sampleBinomial(options.rng, rest, (next - fraction) / (1 - fraction)));
      }
      fraction = next;
      const inventory = options.inventoryAt?.(minute);
      const previous = options.sliding && minute > 0 ? buckets[minute - 1] : undefined;
      const evaluation = evaluate({
        ...(previous ? { previous } : {}),
        scope: options.scope, history: options.history, current: { ...bucket, counts: { ...seen } as FunnelCounts }, now: bucket.start + elapsed, states,
        ...(options.config ? { config: options.config } : {}), ...(inventory ? { inventory } : {}),
      });
      states = evaluation.states;
      transitions.push(...evaluation.transitions);
      steps.push({ at: bucket.start + elapsed, minute, evaluation });
    }
  });
  return { steps, transitions };
}
