/**
 * The funnel matcher for one person (or one session): ClickHouse `windowFunnel` semantics by default
 * (DESIGN.md) and the options merchants ask for on top of them.
 *
 * - Hits are (timestamp, step, event) triples ordered by (timestamp, step index); an event that matches
 *   several steps is one hit per step.
 * - `default`: step k extends an attempt that reached step k−1 at or before it. `strict_increase`: only
 *   from a strictly earlier timestamp. `strict_order`: only when the attempt's step k−1 event is the
 *   event just before (any other event of the person in between stops that attempt — ClickHouse
 *   `strict_order`). `any_order`: the steps may come in any order; the level is the number of distinct
 *   steps seen in the window that starts at a step event.
 * - The window runs from the attempt's first step (`first_step`, inclusive: t_k ≤ t_1 + window) or from
 *   the previous step (`previous_step`: t_k − t_{k−1} ≤ window). Per-step `minGapMs`/`maxGapMs` bound
 *   t_k − t_{k−1}. An exclusion `{from, to, times}` voids any link between matched steps `from`..`to`
 *   with an exclusion event strictly between the two timestamps.
 * - Among attempts, the first to reach the highest level is the result (ClickHouse keeps the first);
 *   when extending, the candidate with the latest start wins (it leaves the most window), and among
 *   those the earliest, so each matched step is its first occurrence after the previous one.
 */

export type FunnelMode = 'default' | 'strict_order' | 'strict_increase' | 'any_order';
export type WindowFrom = 'first_step' | 'previous_step';

export interface MatchOptions {
  readonly steps: number;
  readonly windowMs: number;
  readonly mode?: FunnelMode | undefined;
  readonly windowFrom?: WindowFrom | undefined;
  /** Indexed by step; the bound on the gap from the previous step (index 0 unused). */
  readonly minGapMs?: readonly (number | undefined)[] | undefined;
  readonly maxGapMs?: readonly (number | undefined)[] | undefined;
}

/** An exclusion between two steps, with the sorted timestamps of the person's exclusion events. */
export interface ExclusionSpan { readonly from: number; readonly to: number; readonly times: readonly number[] }

/** One (event, step) pair; `event` is the event's position in the person's time-ordered events. */
export interface Hit { readonly ts: number; readonly step: number; readonly event: number }

/** The best attempt: level reached (0 = never entered), and per matched step its time and event. */
export interface Match { readonly level: number; readonly times: number[]; readonly events: number[] }

interface State { readonly ts: number; readonly start: number; readonly event: number; readonly prev: State | undefined; readonly level: number }

const NONE: Match = { level: 0, times: [], events: [] };

/** Sorts hits in place by (ts, step, event), the order the semantics are defined on. */
export function sortFunnelHits<T extends Hit>(hits: T[]): T[] {
  return hits.sort((x, y) => x.ts - y.ts || x.step - y.step || x.event - y.event);
}

function unwind(state: State): Match {
  const times: number[] = [];
  const events: number[] = [];
  for (let s: State | undefined = state; s; s = s.prev) { times.push(s.ts); events.push(s.event); }
  return { level: state.level, times: times.reverse(), events: events.reverse() };
}

/** True when some exclusion time lies strictly between a and b. */
function excludedBetween(times: readonly number[], a: number, b: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if ((times[mid] as number) <= a) lo = mid + 1; else hi = mid; }
  return lo < times.length && (times[lo] as number) < b;
}

/** Matches an ordered funnel (every mode but `any_order`) over sorted hits. */
function matchOrdered(hits: readonly Hit[], o: MatchOptions, exclusions: readonly ExclusionSpan[]): Match {
  const mode = o.mode ?? 'default';
  const fromFirst = (o.windowFrom ?? 'first_step') === 'first_step';
  const states: State[][] = Array.from({ length: o.steps }, () => []);
  let best: State | undefined;
  for (const h of hits) {
    let next: State | undefined;
    if (h.step === 0) {
      next = { ts: h.ts, start: h.ts, event: h.event, prev: undefined, level: 1 };
    } else {
      const cands = states[h.step - 1] as State[];
      const minGap = o.minGapMs?.[h.step] ?? 0;
      const maxGap = Math.min(o.maxGapMs?.[h.step] ?? Infinity, fromFirst ? Infinity : o.windowMs);
      let pick: State | undefined;
      // Candidates are in time order: walk back from the newest until none can be in reach.
      for (let i = cands.length - 1; i >= 0; i--) {
        const c = cands[i] as State;
        const gap = h.ts - c.ts;
        if (gap > maxGap || (fromFirst && gap > o.windowMs)) break;
        if (gap < minGap || (fromFirst && h.ts > c.start + o.windowMs)) continue;
        if (mode === 'strict_increase' && gap <= 0) continue;
        if (mode === 'strict_order' && c.event !== h.event - 1 && c.event !== h.event) continue;
        if (exclusions.some((x) => x.from <= h.step - 1 && x.to >= h.step && excludedBetween(x.times, c.ts, h.ts))) continue;
        // Ties on start go to the earlier candidate: each step is its first occurrence after the previous one.
        if (pick === undefined || c.start >= pick.start) pick = c;
      }
      if (pick) next = { ts: h.ts, start: pick.start, event: h.event, prev: pick, level: h.step + 1 };
    }
    if (!next) continue;
    (states[h.step] as State[]).push(next);
    if (best === undefined || next.level > best.level) best = next;
    if (best.level === o.steps) break;
  }
  return best ? unwind(best) : NONE;
}

/** Any order: the most distinct steps inside one window that starts at a step event. */
function matchAnyOrder(hits: readonly Hit[], o: MatchOptions): Match {
  let best: Match = NONE;
  let j = 0;
  for (let i = 0; i < hits.length; i++) {
    const start = (hits[i] as Hit).ts;
    const seen = new Map<number, Hit>();
    for (j = i; j < hits.length && (hits[j] as Hit).ts <= start + o.windowMs; j++) {
      const h = hits[j] as Hit;
      if (!seen.has(h.step)) seen.set(h.step, h);
    }
    if (seen.size > best.level) {
      const firsts = [...seen.values()].sort((a, b) => a.ts - b.ts || a.step - b.step);
      best = { level: seen.size, times: firsts.map((h) => h.ts), events: firsts.map((h) => h.event) };
      if (best.level === o.steps) break;
    }
  }
  return best;
}

/** The best attempt of one person's sorted hits. */
export function matchFunnel(hits: readonly Hit[], o: MatchOptions, exclusions: readonly ExclusionSpan[] = []): Match {
  return (o.mode ?? 'default') === 'any_order' ? matchAnyOrder(hits, o) : matchOrdered(hits, o, exclusions);
}

/**
 * Total conversions: every completed attempt counts. After a completion the search restarts with the
 * hits after its last step; the remainder's best attempt is counted too when it entered the funnel.
 */
export function matchAllConversions(hits: readonly Hit[], o: MatchOptions, exclusions: readonly ExclusionSpan[] = []): Match[] {
  const out: Match[] = [];
  let rest = hits;
  while (rest.length > 0) {
    const m = matchFunnel(rest, o, exclusions);
    if (m.level > 0) out.push(m);
    if (m.level < o.steps) break;
    const end = m.times[m.times.length - 1] as number;
    const lastEvent = Math.max(...m.events);
    rest = rest.filter((h) => h.ts > end || (h.ts === end && h.event > lastEvent));
  }
  return out;
}
