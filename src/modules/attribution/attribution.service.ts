import { AppError } from '../../shared/errors/index.js';
import type { EventsService, OptionalAnalysisField } from '../events/index.js';
import type { IdentityService } from '../identity/index.js';
import { attribute, ATTRIBUTION_MODELS, type AttributionModel, type AttributionReport } from './domain/attribute.js';
import { buildJourneys, CLICK_TOUCHES, JOURNEY_DIMENSIONS, refundsByOrder, VIEW_TOUCHES, type JourneyDimension } from './domain/event-journeys.js';
import { parsePathFile } from './domain/path-file.js';
import type { Journey } from './domain/journey.js';

const DAY = 86_400_000;

/** Model options shared by both inputs; every field has a default. */
export interface ModelRequest {
  readonly model: string;
  /** Markov order, 1–4 (default 1). */
  readonly order?: number | undefined;
  /** Markov: collapse consecutive repeats (default true). */
  readonly collapseRepeats?: boolean | undefined;
  /** Time-decay half-life in ms (default 7 days). */
  readonly halfLifeMs?: number | undefined;
}

/** Attribution over the event store. Conversions are `pay` events in [from, to). */
export interface AttributionRequest extends ModelRequest {
  readonly tenant: string;
  /** Channel dimension (default platform). */
  readonly by?: string | undefined;
  /** Click-through window for click-type touches, ms (default 7 days). */
  readonly clickWindowMs?: number | undefined;
  /** View-through window for view-type touches, ms (default 1 day). */
  readonly viewWindowMs?: number | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** Attribution over a ChannelAttribution path file (its text). */
export interface PathsRequest extends ModelRequest { readonly text: string }

/** A report plus the input it came from and the effective options. */
export interface AttributionResult extends AttributionReport {
  readonly source: 'events' | 'paths';
  readonly by: JourneyDimension | null;
  readonly options: {
    readonly order: number; readonly collapseRepeats: boolean; readonly halfLifeMs: number;
    readonly clickWindowMs: number | null; readonly viewWindowMs: number | null; readonly from: number | null; readonly to: number | null;
  };
}

/**
 * Attribution of a ChannelAttribution path file without any store (the CLI's `--paths`). Throws the
 * `attribution_path_file_*` codes, `attribution_invalid_model` / `attribution_invalid_option`.
 */
export function attributePathFile(req: PathsRequest, maxStates = DEFAULT_MAX_STATES): AttributionResult {
  const m = AttributionService.resolveModel(req);
  const file = parsePathFile(req.text);
  const report = attribute(file.journeys, file.hasValue, { ...m, maxStates });
  return { ...report, source: 'paths', by: null, options: { order: m.order, collapseRepeats: m.collapseRepeats, halfLifeMs: m.halfLifeMs, clickWindowMs: null, viewWindowMs: null, from: null, to: null } };
}

/** Transient states the Markov solve accepts by default (the exact inverse is cubic in it). */
export const DEFAULT_MAX_STATES = 1000;

interface Resolved { model: AttributionModel; order: number; collapseRepeats: boolean; halfLifeMs: number }

/**
 * Multi-touch attribution of conversions and net GMV to platforms, creators, videos and live sessions
 * (see README.md for the models, windows and the Shapley definition). Reads only; owns no tables.
 */
export class AttributionService {
  private readonly building = new Map<string, Promise<Journey[]>>();

  /** `maxStates` bounds the Markov chain (the exact solve is cubic in it). */
  constructor(private readonly events: EventsService, private readonly identity: IdentityService, private readonly maxStates = DEFAULT_MAX_STATES) {}

  /** Validates and fills the model options; throws `attribution_invalid_model` / `attribution_invalid_option`. */
  static resolveModel(req: ModelRequest): Resolved {
    if (!(ATTRIBUTION_MODELS as readonly string[]).includes(req.model)) {
      throw new AppError('attribution_invalid_model', `model ${req.model || '(none)'} is not one of ${ATTRIBUTION_MODELS.join(', ')}`);
    }
    const order = req.order ?? 1;
    if (!Number.isInteger(order) || order < 1 || order > 4) throw new AppError('attribution_invalid_option', `order must be an integer from 1 to 4, got ${req.order}`);
    const halfLifeMs = req.halfLifeMs ?? 7 * DAY;
    if (!Number.isSafeInteger(halfLifeMs) || halfLifeMs <= 0) throw new AppError('attribution_invalid_option', 'halfLife must be a positive duration such as 12h or 7d');
    return { model: req.model as AttributionModel, order, collapseRepeats: req.collapseRepeats ?? true, halfLifeMs };
  }

  /** Attribution of a path file's conversions (and value, when the file has the column). */
  runPaths(req: PathsRequest): AttributionResult {
    return attributePathFile(req, this.maxStates);
  }

  /**
   * The journeys of a question, built once for concurrent callers: a dashboard asks for six models of the
   * same journeys at once, and each would otherwise scan the events again. Nothing is kept after the build
   * settles, so an answer is never staler than its request.
   */
  private journeys(tenant: string, by: JourneyDimension, clickWindowMs: number, viewWindowMs: number, from: number | undefined, to: number | undefined): Promise<Journey[]> {
    const key = JSON.stringify([tenant, by, clickWindowMs, viewWindowMs, from ?? null, to ?? null]);
    const pending = this.building.get(key);
    if (pending) return pending;
    const build = (async () => {
      const lookback = from === undefined ? undefined : from - Math.max(clickWindowMs, viewWindowMs);
      // Only the columns journeys read: the channel dimension, and the money of pays and refunds.
      const fields: OptionalAnalysisField[] = by === 'platform' ? ['amount', 'orderId'] : [by, 'amount', 'orderId'];
      const rows = await this.events.scanAnalysisRows(tenant, { names: [...VIEW_TOUCHES, ...CLICK_TOUCHES, 'pay'], from: lookback, to, fields });
      const refunds = refundsByOrder(await this.events.scanAnalysisRows(tenant, { names: ['refund'], from: lookback, fields: ['amount', 'orderId'] }));
      const persons = await this.identity.resolver(tenant);
      const all = buildJourneys(rows, (k) => persons.get(k) ?? k, refunds, { by, clickWindowMs, viewWindowMs });
      return from === undefined ? all : all.filter((j) => (j.convertedAt ?? j.touches[j.touches.length - 1]?.ts ?? from) >= from);
    })();
    this.building.set(key, build);
    void build.then(() => this.building.delete(key), () => this.building.delete(key));
    return build;
  }

  /**
   * Attribution over the tenant's events. Touches up to the longer window before `from` are read, so a
   * conversion early in the period keeps its touches; refunds are counted whenever they happen.
   */
  async run(req: AttributionRequest): Promise<AttributionResult> {
    const m = AttributionService.resolveModel(req);
    const by = (req.by ?? 'platform') as JourneyDimension;
    if (!JOURNEY_DIMENSIONS.includes(by)) throw new AppError('attribution_invalid_option', `by must be one of ${JOURNEY_DIMENSIONS.join(', ')}`);
    const clickWindowMs = req.clickWindowMs ?? 7 * DAY;
    const viewWindowMs = req.viewWindowMs ?? DAY;
    for (const w of [clickWindowMs, viewWindowMs]) if (!Number.isSafeInteger(w) || w < 0) throw new AppError('attribution_invalid_option', 'windows must be durations such as 1d or 7d');
    const journeys = await this.journeys(req.tenant, by, clickWindowMs, viewWindowMs, req.from, req.to);
    const report = attribute(journeys, true, { ...m, maxStates: this.maxStates });
    return {
      ...report, source: 'events', by,
      options: { order: m.order, collapseRepeats: m.collapseRepeats, halfLifeMs: m.halfLifeMs, clickWindowMs, viewWindowMs, from: req.from ?? null, to: req.to ?? null },
    };
  }
}
