import { AppError } from '../../shared/errors/index.js';
import type { Clock } from '../../shared/time.js';
import { forEachPersonRows, type AnalysisRow, type EventsService } from '../events/index.js';
import { MomentAccumulator } from './domain/accumulate.js';
import { analyseExperiment, type ExperimentAnalysis } from './domain/analysis.js';
import { ExposureIndex } from './domain/exposure-index.js';
import type { Experiment } from './domain/experiment.js';
import { computeUnitMetrics, eventsOf } from './domain/unit-metrics.js';
import type { ExperimentsService } from './experiments.service.js';
import type { ExperimentsStore } from './experiments.store.js';

/** identity key → person id of a tenant (the identity graph), as analyses use it. */
export type PersonResolver = (tenant: string) => Promise<ReadonlyMap<string, string>>;

/** A report: the experiment, when it was computed, what was excluded, and the analysis. */
export interface ExperimentReport extends ExperimentAnalysis {
  readonly experiment: Experiment;
  /** ISO-8601 UTC. */
  readonly computedAt: string;
  /** Events up to this instant count (the stop time of a stopped experiment), ISO-8601 UTC. */
  readonly observedUntil: string;
  readonly exclusions: { readonly multipleVariations: number; readonly burnIn: number };
}

const PAGE = 50_000;
const DAY = 86_400_000;

/**
 * Builds experiment reports: exposures from the log, outcomes from the event store (net of refunds),
 * per-unit metrics folded into moments, then the statistics engine. One pass over the events.
 */
export class ExperimentReports {
  constructor(
    private readonly experiments: ExperimentsService, private readonly store: ExperimentsStore,
    private readonly events: EventsService, private readonly resolver: PersonResolver, private readonly clock: Clock,
  ) {}

  /** The full report of one experiment. Throws `experiments_not_found`, `experiments_not_started`. */
  async report(tenant: string, id: string): Promise<ExperimentReport> {
    await this.experiments.flush();
    const e = await this.experiments.get(tenant, id);
    if (e.startedAt === null) throw new AppError('experiments_not_started', `experiment ${id} is a draft: start it first`, { details: { id } });
    const now = this.clock.now();
    const until = Math.min(now, e.stoppedAt ?? now);
    const persons = await this.resolver(tenant);
    const personOf = (key: string): string => persons.get(key) ?? key;
    const index = new ExposureIndex(e.design);
    for (let after: [string, string] | undefined; ;) {
      const page = await this.store.exposures(tenant, id, { after, limit: PAGE });
      for (const x of page) index.add({ person: personOf(x.key), unit: x.unit, cluster: x.cluster, variation: x.variation, ts: x.ts });
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) break;
      after = [last.personId, last.unit];
    }
    const metrics = [...e.metrics, ...e.guardrails];
    const clustered = e.design.kind !== 'person';
    const lookback = clustered || !e.analysis.cuped ? 0 : e.analysis.cupedLookbackDays;
    const acc = new MomentAccumulator(e.variations.length, metrics, clustered);
    // Counted before the scan: measuring a person takes them out of the index.
    const counts = index.unitCounts(e.variations.length);
    const exclusions = { multipleVariations: index.conflicts, burnIn: index.burnIn };
    const measure = (person: string, rows: readonly AnalysisRow[]): void => {
      for (const u of index.take(person)) {
        acc.add(u.variation, computeUnitMetrics(rows, u.ts, Math.min(until, u.until), metrics, e.analysis.conversionWindowHours, lookback), u.cluster);
      }
    };
    const earliest = index.earliest();
    if (earliest !== undefined) await this.scan(tenant, metrics.map(eventsOf), earliest - lookback * DAY, until + 1, persons, index, measure);
    for (const person of [...index.people()]) measure(person, []);
    const analysis = analyseExperiment(e, acc.finish(), counts);
    return { experiment: e, computedAt: new Date(now).toISOString(), observedUntil: new Date(until).toISOString(), exclusions, ...analysis };
  }

  /** One ordered scan of the events the metrics read, person by person (exposed persons only). */
  private async scan(
    tenant: string, names: readonly (readonly string[] | undefined)[], from: number, to: number,
    persons: ReadonlyMap<string, string>, index: ExposureIndex, measure: (person: string, rows: readonly AnalysisRow[]) => void,
  ): Promise<void> {
    const wanted = names.some((n) => n === undefined) ? undefined : [...new Set(names.flatMap((n) => n ?? []))];
    const batches = this.events.streamAnalysisRows(tenant, { names: wanted, from, to, fields: ['amount', 'orderId'] });
    await forEachPersonRows(batches, persons, measure, (person) => index.has(person));
  }
}
