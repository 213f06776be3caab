import type { EventsService } from '../events/index.js';
import type { IdentityService } from '../identity/index.js';
import { computeKpis, DEFAULT_KPI_TARGETS, scoreKpis, type KpiEvent, type KpiIndicator, type KpiKey } from './domain/kpi-indicators.js';
import { parseKpiTargets } from './domain/kpi-targets.js';

export interface RadarRequest {
  readonly tenant: string;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** Targets for this answer only, `key=value,…`; they override the installation's. */
  readonly targets?: string | undefined;
}

export interface RadarResult { readonly from: number | null; readonly to: number | null; readonly indicators: KpiIndicator[] }

const NAMES = ['impression', 'play', 'product_click', 'pay', 'refund', 'ship'];

/** The KPI health radar: every indicator against its target, in one answer a radar chart can draw. */
export class KpiService {
  private readonly targets: Readonly<Record<KpiKey, number>>;

  /** `configuredTargets` is the installation's `kpi.targets` text; bad text fails at start with `kpi_invalid_target`. */
  constructor(private readonly events: EventsService, private readonly identity: IdentityService, configuredTargets = '') {
    this.targets = { ...DEFAULT_KPI_TARGETS, ...parseKpiTargets(configuredTargets) };
  }

  async radar(req: RadarRequest): Promise<RadarResult> {
    const targets = { ...this.targets, ...parseKpiTargets(req.targets) };
    const rows = await this.events.scanAnalysisRows(req.tenant, { names: NAMES, from: req.from, to: req.to, fields: ['amount', 'orderId'] });
    const persons = await this.identity.resolver(req.tenant);
    const events: KpiEvent[] = rows.map((r) => ({ person: persons.get(r.identityKey) ?? r.identityKey, name: r.name, ts: r.ts, amount: r.amount, orderId: r.orderId }));
    // Rows come ordered by identity key; a person's keys interleave, so order by (person, time).
    events.sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : a.ts - b.ts));
    return { from: req.from ?? null, to: req.to ?? null, indicators: scoreKpis(computeKpis(events), targets) };
  }
}
