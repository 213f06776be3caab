import { AppError } from '../../../shared/errors/index.js';
import { FUNNEL_NODES, type FunnelNode } from '../../events/index.js';

/** One UTC minute in epoch ms. */
export const MINUTE_MS = 60_000;

/** The start of the UTC minute that contains `ts` (epoch ms), also for times before 1970. */
export function floorMinute(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

/** Counts of the eight funnel nodes, keyed by node name. */
export type FunnelCounts = Readonly<Record<FunnelNode, number>>;

/** A key of the conversion between two adjacent funnel nodes, e.g. `impression_to_play`. */
export type ConversionKey = `${FunnelNode}_to_${FunnelNode}`;

/** The seven adjacent pairs of the funnel, in funnel order. */
export const CONVERSIONS: readonly { readonly key: ConversionKey; readonly from: FunnelNode; readonly to: FunnelNode }[] =
  FUNNEL_NODES.slice(1).map((to, i) => {
    const from = FUNNEL_NODES[i] as FunnelNode;
    return { key: `${from}_to_${to}` as ConversionKey, from, to };
  });

/** One bucket: counts of one tenant's scope in one UTC minute (`minute` is its start, epoch ms). */
export interface MinuteBucket {
  readonly tenant: string;
  readonly scope: string;
  readonly minute: number;
  readonly counts: FunnelCounts;
}

/** Orders buckets by tenant, scope (UTF-16 code unit order, the same on every engine), then minute. */
export function compareBuckets(a: MinuteBucket, b: MinuteBucket): number {
  if (a.tenant !== b.tenant) return a.tenant < b.tenant ? -1 : 1;
  if (a.scope !== b.scope) return a.scope < b.scope ? -1 : 1;
  return a.minute - b.minute;
}

/**
 * One minute of a series: the counts and, per adjacent pair, `to ÷ from` within the minute (null when
 * `from` is 0). A rate can exceed 1: a minute's pays may follow clicks of earlier minutes.
 */
export interface SeriesPoint {
  readonly minute: number;
  readonly counts: FunnelCounts;
  readonly rates: Readonly<Record<ConversionKey, number | null>>;
}

/** Scope kinds: the whole tenant, one platform, one creator, one live session. */
export type ScopeKind = 'all' | 'platform' | 'creator' | 'live';

/** The scope of the whole tenant. */
export const SCOPE_ALL = 'all';

/** `platform:<p>`, `creator:<id>` or `live:<id>`. */
export function scopeOf(kind: Exclude<ScopeKind, 'all'>, id: string): string {
  return `${kind}:${id}`;
}

/** The kind of a scope string; throws `api_invalid_request` for anything else. */
export function parseScope(scope: string): ScopeKind {
  if (scope === SCOPE_ALL) return 'all';
  const colon = scope.indexOf(':');
  const kind = scope.slice(0, colon);
  if (colon > 0 && colon < scope.length - 1 && (kind === 'platform' || kind === 'creator' || kind === 'live')) return kind;
  throw new AppError('api_invalid_request', `scope must be all, platform:<p>, creator:<id> or live:<id>; got ${JSON.stringify(scope)}`);
}

/** Counts as a record, from an array in FUNNEL_NODES order (missing entries read as 0). */
export function countsFromArray(values: ArrayLike<number>): FunnelCounts {
  const out = {} as Record<FunnelNode, number>;
  FUNNEL_NODES.forEach((node, i) => { out[node] = values[i] ?? 0; });
  return out;
}

/** A series point from a minute's counts: adjacent conversion rates, null over a zero denominator. */
export function toSeriesPoint(minute: number, counts: FunnelCounts): SeriesPoint {
  const rates = {} as Record<ConversionKey, number | null>;
  for (const c of CONVERSIONS) rates[c.key] = counts[c.from] === 0 ? null : counts[c.to] / counts[c.from];
  return { minute, counts, rates };
}
