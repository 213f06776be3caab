import { mean, percentile, ratio } from '../../../shared/stats.js';

/** One counted unit (a person, a session or a conversion attempt) after matching. */
export interface FunnelUnit {
  /** Steps reached (0 = never entered). */
  readonly level: number;
  /** Timestamps of the matched steps (length = level). */
  readonly times: readonly number[];
  /** The first event the unit did after its last matched step, when it did not convert. */
  readonly nextEvent?: string | null | undefined;
  /** For a converted unit with conversion value on: the last step's amount and its orders' refunds (fen). */
  readonly value?: { readonly gross: number; readonly refunds: number } | undefined;
}

/** Time from the previous step, in ms, over the units that reached this step. */
export interface StepTiming { readonly meanMs: number; readonly p50Ms: number; readonly p90Ms: number }

/** One step of a funnel report. */
export interface FunnelStepReport {
  readonly name: string;
  /** Units that reached this step (entered it). */
  readonly count: number;
  /** Of those, how many reached the next step (the last step: all of them). */
  readonly converted: number;
  readonly dropped: number;
  /** Share of the previous step's units that reached this one (1 for the first step). */
  readonly conversionFromPrevious: number;
  /** Share of the first step's units that reached this one. */
  readonly conversionFromFirst: number;
  readonly timeFromPrevious: StepTiming | null;
  /** The most common first events of those who stopped at this step. */
  readonly dropOffNext: { readonly event: string; readonly count: number }[];
}

/** Conversion value of the converted units: GMV of the last step's events net of refunds, integer fen. */
export interface FunnelValue { readonly gross: number; readonly refunds: number; readonly net: number; readonly perConversion: number }

/** A funnel for one breakdown group (`all` overall). */
export interface FunnelGroupReport {
  readonly group: string;
  /** The breakdown values of this group, by dimension. */
  readonly values: Readonly<Record<string, string>>;
  readonly steps: FunnelStepReport[];
  readonly value?: FunnelValue | undefined;
}

function timing(gaps: number[]): StepTiming | null {
  if (gaps.length === 0) return null;
  const s = gaps.sort((a, b) => a - b);
  return { meanMs: mean(s) as number, p50Ms: percentile(s, 0.5) as number, p90Ms: percentile(s, 0.9) as number };
}

function topNext(counts: Map<string, number>, n: number): { event: string; count: number }[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([event, count]) => ({ event, count }));
}


/** Aggregates units into per-step counts, conversion, timing, drop-off next events and value. */
export function summariseUnits(
  group: string, values: Readonly<Record<string, string>>, stepNames: readonly string[], units: readonly FunnelUnit[],
  options: { nextEvents: number; value: boolean },
): FunnelGroupReport {
  const n = stepNames.length;
  const counts = new Array<number>(n).fill(0);
  const gaps: number[][] = stepNames.map(() => []);
  const next = stepNames.map(() => new Map<string, number>());
  let gross = 0;
  let refunds = 0;
  for (const u of units) {
    for (let k = 0; k < u.level; k++) {
      counts[k] = (counts[k] as number) + 1;
      if (k > 0) (gaps[k] as number[]).push((u.times[k] as number) - (u.times[k - 1] as number));
    }
    if (u.level > 0 && u.level < n && u.nextEvent) {
      const m = next[u.level - 1] as Map<string, number>;
      m.set(u.nextEvent, (m.get(u.nextEvent) ?? 0) + 1);
    }
    if (u.level === n && u.value) { gross += u.value.gross; refunds += u.value.refunds; }
  }
  const first = counts[0] ?? 0;
  const steps = stepNames.map((name, k): FunnelStepReport => {
    const count = counts[k] as number;
    const converted = k === n - 1 ? count : (counts[k + 1] as number);
    return {
      name, count, converted, dropped: count - converted,
      conversionFromPrevious: k === 0 ? 1 : ratio(count, counts[k - 1] as number),
      conversionFromFirst: ratio(count, first),
      timeFromPrevious: k === 0 ? null : timing(gaps[k] as number[]),
      dropOffNext: k === n - 1 ? [] : topNext(next[k] as Map<string, number>, options.nextEvents),
    };
  });
  const conversions = counts[n - 1] as number;
  const value = options.value ? { gross, refunds, net: gross - refunds, perConversion: conversions === 0 ? 0 : Math.round((gross - refunds) / conversions) } : undefined;
  return value ? { group, values, steps, value } : { group, values, steps };
}
