/**
 * An ordered window funnel with ClickHouse `windowFunnel` default semantics (DESIGN.md):
 * - events are ordered by (timestamp, step index); an event matching several steps counts for each;
 * - a step-1 event starts a new attempt; step k advances an attempt that reached step k−1 when
 *   t_k ≤ t_start + window (inclusive); earlier attempts stay alive, and the best level is kept;
 * - time to convert is measured between the matched step timestamps of the best attempt.
 */

/** One matched (event, step) pair of a person, `tag` carries the breakdown value of that event. */
export interface StepHit { readonly ts: number; readonly step: number; readonly tag: string | null }

/** The best attempt of one person. */
export interface FunnelMatch {
  /** Steps reached: 0 = never entered, n = converted. */
  readonly level: number;
  /** Timestamps of the matched steps of the best attempt (length = level). */
  readonly times: number[];
  /** Breakdown value of the attempt's first step event. */
  readonly tag: string | null;
}

interface Attempt { times: number[]; tag: string | null }

/** Sorts hits in place by (ts, step), the order the semantics are defined on. */
export function sortHits(hits: StepHit[]): StepHit[] {
  return hits.sort((x, y) => x.ts - y.ts || x.step - y.step);
}

/**
 * Matches one person's hits (sorted by `sortHits`) against `steps` steps within `windowMs`.
 * Among attempts reaching the same level, the earliest-started is kept (ClickHouse keeps the first).
 */
export function matchWindowFunnel(hits: readonly StepHit[], steps: number, windowMs: number): FunnelMatch {
  // best[k] = the attempt that reached level k+1 with the latest start (latest start keeps most window left).
  const best: (Attempt | undefined)[] = new Array(steps).fill(undefined);
  let result: Attempt | undefined;
  for (const hit of hits) {
    if (hit.step === 0) {
      best[0] = { times: [hit.ts], tag: hit.tag };
    } else {
      const prev = best[hit.step - 1];
      if (prev === undefined || hit.ts > (prev.times[0] as number) + windowMs) continue;
      const cur = best[hit.step];
      if (cur === undefined || (prev.times[0] as number) > (cur.times[0] as number)) {
        best[hit.step] = { times: [...prev.times, hit.ts], tag: prev.tag };
      }
    }
    const reached = best[hit.step] as Attempt;
    if (result === undefined || reached.times.length > result.times.length) result = reached;
    if (result.times.length === steps) break;
  }
  return result === undefined ? { level: 0, times: [], tag: null } : { level: result.times.length, times: result.times, tag: result.tag };
}
