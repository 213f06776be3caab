import { AppError } from '../../shared/errors/index.js';
import type { Clock } from '../../shared/time.js';
import type { EventsService } from '../events/index.js';
import { analyseExperiment, type ExperimentAnalysis } from './domain/analysis.js';
import type { Experiment } from './domain/experiment.js';
import { momentsOf, planReport } from './domain/report-plan.js';
import type { ExperimentsService } from './experiments.service.js';

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

/** Only keys of persons known under several keys need mapping: every other key is its own person. */
function mergedKeys(persons: ReadonlyMap<string, string>): Map<string, string> {
  const keys = new Map<string, number>();
  for (const p of persons.values()) keys.set(p, (keys.get(p) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [key, p] of persons) if ((keys.get(p) ?? 0) > 1) out.set(key, p);
  return out;
}

/**
 * Builds experiment reports in one query of the event store (ADR 0013): exposures are `exposure` events;
 * each exposed unit's metrics around its first exposure are folded into per-variation moments by the
 * engine; then the statistics engine.
 */
export class ExperimentReports {
  constructor(
    private readonly experiments: ExperimentsService, private readonly events: EventsService,
    private readonly resolver: PersonResolver, private readonly clock: Clock,
  ) {}

  /** The full report of one experiment. Throws `experiments_not_found`, `experiments_not_started`. */
  async report(tenant: string, id: string): Promise<ExperimentReport> {
    await this.experiments.flush();
    await this.events.flush();
    const e = await this.experiments.get(tenant, id);
    if (e.startedAt === null) throw new AppError('experiments_not_started', `experiment ${id} is a draft: start it first`, { details: { id } });
    const now = this.clock.now();
    const until = Math.min(now, e.stoppedAt ?? now);
    const plan = planReport(e);
    const d = e.design;
    const result = await this.events.anchoredMoments(tenant, {
      anchorName: 'exposure', anchorAttr: 'experimentId', anchorValues: [e.id, e.key], groupAttr: 'variantId', until,
      persons: mergedKeys(await this.resolver(tenant)), measures: plan.measures, products: plan.products,
      ...(d.kind === 'cluster' ? { clusterBy: d.by } : {}),
      ...(d.kind === 'switchback' ? { slotMs: d.slotMinutes * 60_000, burnInMs: d.burnInMinutes * 60_000 } : {}),
    });
    const { moments, counts } = momentsOf(e, plan, result);
    const analysis = analyseExperiment(e, moments, counts);
    return {
      experiment: e, computedAt: new Date(now).toISOString(), observedUntil: new Date(until).toISOString(),
      exclusions: { multipleVariations: result.conflicts, burnIn: result.burnIn }, ...analysis,
    };
  }
}
