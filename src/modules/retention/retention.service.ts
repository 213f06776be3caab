import { AppError } from '../../shared/errors/index.js';
import { toIso, type Clock } from '../../shared/time.js';
import type { EventsService } from '../events/index.js';
import type { IdentityService } from '../identity/index.js';
import { collectBuyerHistories, type BuyerHistory } from './domain/buyer-orders.js';
import { buildCohortTable, RETENTION_MODES, type ActivityHistory, type CohortTable, type RetentionMode } from './domain/cohorts.js';
import { summariseLtv, type BuyerValue, type LtvSummary } from './domain/ltv.js';
import { PERIOD_UNITS, type PeriodUnit } from './domain/periods.js';
import { summariseRepurchase, type RepurchaseSummary } from './domain/repurchase.js';

/** Who enters a cohort when: their first event of any kind, or their first order. */
export type CohortBasis = 'first_event' | 'first_order';
/** The cohort bases, for validation. */
export const COHORT_BASES: readonly CohortBasis[] = ['first_event', 'first_order'];

/** Which orders count: the tenant, the window [from, to) in UTC epoch ms, and the cleaning options. */
export interface BuyerQuery {
  readonly tenant: string;
  readonly from?: number | undefined;
  /** End of observation, exclusive; default the clock. */
  readonly to?: number | undefined;
  /** Keep persons known only by anonymous ids (guest checkouts); default false. */
  readonly includeGuests?: boolean | undefined;
  /** productIds whose pay and refund rows are ignored (e.g. postage lines); default none. */
  readonly excludeProducts?: readonly string[] | undefined;
}

export interface RetentionRequest extends BuyerQuery {
  readonly cohort: CohortBasis;
  readonly period: PeriodUnit;
  readonly mode: RetentionMode;
  /** Columns after period 0 (1–120). */
  readonly periods: number;
}

/** A cohort retention table with the parameters that produced it. */
export interface RetentionReport extends CohortTable {
  readonly cohort: CohortBasis;
  readonly period: PeriodUnit;
  readonly mode: RetentionMode;
  readonly periods: number;
  /** End of observation, ISO-8601 UTC. */
  readonly end: string;
  readonly persons: number;
}

export interface RepurchaseRequest extends BuyerQuery { readonly withinDays?: number | undefined }
export interface RepurchaseReport extends RepurchaseSummary { readonly end: string }

export interface LtvRequest extends BuyerQuery {
  readonly period?: PeriodUnit | undefined;
  /** Page of per-buyer values (highest net first): default 20, at most 1,000. */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}
export interface LtvReport extends Omit<LtvSummary, 'perBuyer'> {
  readonly period: PeriodUnit;
  readonly end: string;
  readonly perBuyer: { readonly limit: number; readonly offset: number; readonly items: BuyerValue[] };
}

const isInt = (n: number | undefined, min: number, max: number): boolean => n !== undefined && Number.isSafeInteger(n) && n >= min && n <= max;

/**
 * Retention and repurchase over persons (identity graph) and orders (`pay` events net of `refund`
 * events): cohort tables, repurchase rate and time between orders, lifetime value. Reads only.
 */
export class RetentionService {
  constructor(private readonly events: EventsService, private readonly identity: IdentityService, private readonly clock: Clock) {}

  /** Throws `retention_invalid_range` when from/to are not an increasing pair of epoch ms. */
  private static checkWindow(q: BuyerQuery): void {
    if (q.from !== undefined && q.to !== undefined && q.from >= q.to) throw new AppError('retention_invalid_range', `from (${q.from}) must be before to (${q.to})`);
  }

  /** Validates a retention request; throws `retention_invalid_option` or `retention_invalid_range`. */
  static check(req: RetentionRequest): void {
    if (!COHORT_BASES.includes(req.cohort)) throw new AppError('retention_invalid_option', `cohort must be one of ${COHORT_BASES.join(', ')}, got ${String(req.cohort)}`);
    if (!PERIOD_UNITS.includes(req.period)) throw new AppError('retention_invalid_option', `period must be one of ${PERIOD_UNITS.join(', ')}, got ${String(req.period)}`);
    if (!RETENTION_MODES.includes(req.mode)) throw new AppError('retention_invalid_option', `mode must be one of ${RETENTION_MODES.join(', ')}, got ${String(req.mode)}`);
    if (!isInt(req.periods, 1, 120)) throw new AppError('retention_invalid_range', `periods must be an integer from 1 to 120, got ${String(req.periods)}`);
    RetentionService.checkWindow(req);
  }

  /**
   * Every buyer's orders and money in the window, after the cleaning rules (README), sorted by
   * personId. The shared order extraction other modules (segments) build on.
   */
  async buyerHistories(q: BuyerQuery): Promise<BuyerHistory[]> {
    RetentionService.checkWindow(q);
    const rows = await this.events.scanAnalysisRows(q.tenant, { names: ['pay', 'refund'], from: q.from, to: q.to, fields: ['amount', 'orderId', 'productId'] });
    const persons = await this.identity.resolver(q.tenant);
    return collectBuyerHistories(rows, (key) => persons.get(key) ?? key, {
      includeGuests: q.includeGuests ?? false, excludeProducts: new Set(q.excludeProducts ?? []),
    });
  }

  /** Cohort retention (on / on or after, weekly / monthly in UTC). */
  async cohorts(req: RetentionRequest): Promise<RetentionReport> {
    RetentionService.check(req);
    const endTs = req.to ?? this.clock.now();
    const q = { ...req, to: endTs };
    let histories: ActivityHistory[];
    if (req.cohort === 'first_order') {
      histories = (await this.buyerHistories(q)).map((b) => ({ times: b.orders.map((o) => o.ts) }));
    } else {
      const rows = await this.events.scanAnalysisRows(req.tenant, { from: req.from, to: endTs, fields: [] });
      const persons = await this.identity.resolver(req.tenant);
      const times = new Map<string, number[]>();
      for (const row of rows) {
        const person = persons.get(row.identityKey) ?? row.identityKey;
        const list = times.get(person);
        if (list) list.push(row.ts); else times.set(person, [row.ts]);
      }
      histories = [...times.values()].map((t) => ({ times: t }));
    }
    const table = buildCohortTable(histories, { unit: req.period, mode: req.mode, periods: req.periods, endTs });
    return { cohort: req.cohort, period: req.period, mode: req.mode, periods: req.periods, end: toIso(endTs), persons: table.cohorts.reduce((s, c) => s + c.size, 0), ...table };
  }

  /** Repurchase rate (≥ 2 orders, and optionally within N days of the first) and time between orders. */
  async repurchase(req: RepurchaseRequest): Promise<RepurchaseReport> {
    if (req.withinDays !== undefined && !isInt(req.withinDays, 1, 3650)) throw new AppError('retention_invalid_range', `withinDays must be an integer from 1 to 3650, got ${String(req.withinDays)}`);
    const endTs = req.to ?? this.clock.now();
    const buyers = await this.buyerHistories({ ...req, to: endTs });
    return { ...summariseRepurchase(buyers, req.withinDays, endTs), end: toIso(endTs) };
  }

  /** Lifetime value net of refunds: totals, per cohort of first order, and a page of buyers. */
  async ltv(req: LtvRequest): Promise<LtvReport> {
    const period = req.period ?? 'month';
    if (!PERIOD_UNITS.includes(period)) throw new AppError('retention_invalid_option', `period must be one of ${PERIOD_UNITS.join(', ')}, got ${String(period)}`);
    const limit = req.limit ?? 20;
    const offset = req.offset ?? 0;
    if (!isInt(limit, 0, 1000) || !isInt(offset, 0, Number.MAX_SAFE_INTEGER)) throw new AppError('retention_invalid_range', `limit must be 0–1000 and offset ≥ 0, got ${String(limit)}, ${String(offset)}`);
    const endTs = req.to ?? this.clock.now();
    const { perBuyer, ...summary } = summariseLtv(await this.buyerHistories({ ...req, to: endTs }), period);
    return { ...summary, period, end: toIso(endTs), perBuyer: { limit, offset, items: perBuyer.slice(offset, offset + limit) } };
  }
}
