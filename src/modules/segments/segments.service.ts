import { AppError } from '../../shared/errors/index.js';
import { toIso, type Clock } from '../../shared/time.js';
import type { BuyerQuery, RetentionService } from '../retention/index.js';
import { LAYER_STRATEGIES, type LayerStrategy } from './domain/layer-strategies.js';
import { classifyLayer, DEFAULT_LAYER_RULES, formatLayerRules, LAYER_NAMES, parseLayerRules, type LayerName, type LayerOrOther, type LayerRule } from './domain/rfm-layers.js';
import { cutsProblem, resolveThresholds, scoreRfm, type ExplicitCuts, type RfmThresholds } from './domain/rfm-score.js';

const DAY_MS = 86_400_000;

/** An RFM request: which orders (window, cleaning), as of when, and how to score and layer. */
export interface RfmRequest extends BuyerQuery {
  /** Recency is measured to this time (UTC epoch ms); orders after it are ignored. Default: the clock. */
  readonly asOf?: number | undefined;
  /** k: scores 1 … k (2–10, default 5). */
  readonly scores?: number | undefined;
  /** Explicit cut points (k − 1 ascending values) per dimension; the others are quantiles. */
  readonly cuts?: ExplicitCuts | undefined;
  /** Layer rules, as objects or text (`loyal:R3-5,F4-5;…`); default `DEFAULT_LAYER_RULES` (k = 5 only). */
  readonly rules?: string | readonly LayerRule[] | undefined;
}

/** One buyer's RFM values, scores and layer. */
export interface MemberRow {
  readonly personId: string;
  readonly layer: LayerOrOther;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** Whole days from the last order to asOf. */
  readonly recencyDays: number;
  /** Orders. */
  readonly frequency: number;
  /** Net of refunds, integer fen. */
  readonly monetary: number;
  /** ISO-8601 UTC. */
  readonly lastOrderAt: string;
}

/** One layer's size, rule and strategy. */
export interface LayerReport extends LayerStrategy {
  readonly layer: LayerOrOther;
  readonly size: number;
  /** size / buyers; null without buyers. */
  readonly share: number | null;
  /** The rule as text (`R3-5,F4-5`); null for `other`. */
  readonly rule: string | null;
}

/** Layer sizes, strategies and the thresholds and rules used. */
export interface RfmReport {
  readonly asOf: string;
  readonly buyers: number;
  readonly thresholds: RfmThresholds;
  readonly rules: string;
  readonly layers: LayerReport[];
}

/** A page of layer members, highest monetary first (ties by personId). */
export interface MembersPage {
  readonly layer: LayerOrOther | null;
  readonly total: number;
  readonly limit: number | null;
  readonly offset: number;
  readonly members: MemberRow[];
}

export interface MembersRequest extends RfmRequest {
  /** One layer, or every buyer when absent. */
  readonly layer?: string | undefined;
  /** Page size (default: all) and start. */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

interface Scored { readonly asOf: number; readonly thresholds: RfmThresholds; readonly rules: readonly LayerRule[]; readonly members: MemberRow[] }

const LAYERS_AND_OTHER: readonly LayerOrOther[] = [...LAYER_NAMES, 'other'];

/**
 * RFM segments over the buyers of the retention module: quantile (or explicit) scores, named layers
 * with their content strategies, paged members, and the person → layer map for funnel breakdowns.
 */
export class SegmentsService {
  constructor(private readonly retention: RetentionService, private readonly clock: Clock) {}

  /** Validates scoring options; returns the rules to apply. Throws `segments_invalid_thresholds` / `segments_invalid_rules`. */
  static check(req: RfmRequest): readonly LayerRule[] {
    const k = req.scores ?? 5;
    if (!Number.isSafeInteger(k) || k < 2 || k > 10) throw new AppError('segments_invalid_thresholds', `scores must be an integer from 2 to 10, got ${String(k)}`);
    for (const [dim, cuts] of Object.entries(req.cuts ?? {}) as [string, readonly number[] | undefined][]) {
      const problem = cuts === undefined ? undefined : cutsProblem(cuts, k);
      if (problem) throw new AppError('segments_invalid_thresholds', `${dim}: ${problem}`);
    }
    if (req.rules === undefined) {
      if (k !== 5) throw new AppError('segments_invalid_rules', `the default layer rules are for scores 1-5; give rules for scores 1-${k}`);
      return DEFAULT_LAYER_RULES;
    }
    const text = typeof req.rules === 'string' ? req.rules : formatLayerRules(req.rules);
    const parsed = parseLayerRules(text, k);
    if (!parsed.ok) throw new AppError('segments_invalid_rules', parsed.reason);
    return parsed.rules;
  }

  private async score(req: RfmRequest): Promise<Scored> {
    const rules = SegmentsService.check(req);
    const asOf = req.asOf ?? this.clock.now();
    if (!Number.isSafeInteger(asOf)) throw new AppError('api_invalid_request', `asOf must be epoch ms, got ${String(asOf)}`);
    const to = Math.min(req.to ?? Infinity, asOf + 1);
    const buyers = await this.retention.buyerHistories({ ...req, to });
    const values = buyers.map((b) => {
      const last = (b.orders[b.orders.length - 1] as { ts: number }).ts;
      return { personId: b.personId, last, recencyDays: Math.floor((asOf - last) / DAY_MS), frequency: b.orders.length, monetary: b.net };
    });
    const thresholds = resolveThresholds(values, req.scores ?? 5, req.cuts);
    const members = values.map((v): MemberRow => {
      const s = scoreRfm(v, thresholds);
      return { personId: v.personId, layer: classifyLayer(s, rules), ...s, recencyDays: v.recencyDays, frequency: v.frequency, monetary: v.monetary, lastOrderAt: toIso(v.last) };
    });
    members.sort((a, b) => b.monetary - a.monetary || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
    return { asOf, thresholds, rules, members };
  }

  /** Layer sizes with their strategies, and the thresholds and rules used. */
  async rfm(req: RfmRequest): Promise<RfmReport> {
    const { asOf, thresholds, rules, members } = await this.score(req);
    const sizes = new Map<LayerOrOther, number>();
    for (const m of members) sizes.set(m.layer, (sizes.get(m.layer) ?? 0) + 1);
    const ruleOf = new Map(rules.map((r) => [r.layer, formatLayerRules([r]).slice(r.layer.length + 1)]));
    const layers = LAYERS_AND_OTHER.filter((l) => l === 'other' || ruleOf.has(l as LayerName)).map((layer): LayerReport => {
      const size = sizes.get(layer) ?? 0;
      return { layer, size, share: members.length > 0 ? size / members.length : null, rule: (layer === 'other' ? undefined : ruleOf.get(layer)) ?? null, ...LAYER_STRATEGIES[layer] };
    });
    return { asOf: toIso(asOf), buyers: members.length, thresholds, rules: formatLayerRules(rules), layers };
  }

  /** One layer's members (or every buyer's), paged. Throws `segments_unknown_layer`, `api_invalid_request` for bad paging. */
  async members(req: MembersRequest): Promise<MembersPage> {
    if (req.layer !== undefined && !(LAYERS_AND_OTHER as readonly string[]).includes(req.layer)) {
      throw new AppError('segments_unknown_layer', `unknown layer ${req.layer}; use ${LAYERS_AND_OTHER.join(', ')}`);
    }
    const offset = req.offset ?? 0;
    const badPage = (n: number | undefined): boolean => n !== undefined && (!Number.isSafeInteger(n) || n < 0);
    if (badPage(req.limit) || badPage(offset)) throw new AppError('api_invalid_request', `limit and offset must be non-negative integers, got ${String(req.limit)}, ${String(offset)}`);
    const { members } = await this.score(req);
    const chosen = req.layer === undefined ? members : members.filter((m) => m.layer === req.layer);
    const page = chosen.slice(offset, req.limit === undefined ? undefined : offset + req.limit);
    return { layer: (req.layer as LayerOrOther | undefined) ?? null, total: chosen.length, limit: req.limit ?? null, offset, members: page };
  }

  /**
   * Person id → layer for every buyer of the tenant (default scoring and rules unless given): the
   * breakdown a funnel can group by. Persons without an order are absent.
   * @example const layers = await segments.layerMap('t1'); layers.get(personId) // 'loyal' | … | 'other' | undefined
   */
  async layerMap(tenant: string, req: Omit<RfmRequest, 'tenant'> = {}): Promise<Map<string, LayerOrOther>> {
    const { members } = await this.score({ ...req, tenant });
    return new Map(members.map((m) => [m.personId, m.layer]));
  }
}
