import { AppError } from '../../shared/errors/index.js';
import { ANALYSIS_DIMENSIONS, EVENT_NAMES, type EventsService } from '../events/index.js';
import type { IdentityService } from '../identity/index.js';
import { summariseMatches, type FunnelGroupReport } from './domain/funnel-report.js';
import { matchWindowFunnel, sortHits, type StepHit, type FunnelMatch } from './domain/window-funnel.js';

/** A breakdown dimension of the first funnel. */
export type FunnelDimension = (typeof ANALYSIS_DIMENSIONS)[number];

export interface FunnelRequest {
  readonly tenant: string;
  readonly steps: readonly string[];
  readonly windowMs: number;
  readonly by?: FunnelDimension | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

export interface FunnelResult {
  readonly steps: readonly string[];
  readonly windowMs: number;
  readonly by: FunnelDimension | null;
  /** Persons considered (with at least one step event). */
  readonly persons: number;
  readonly overall: FunnelGroupReport;
  /** One report per breakdown value (attributed to the first step's event), largest first. */
  readonly groups: FunnelGroupReport[];
}

/**
 * The first ordered window funnel (issue 2): persons resolved through the identity graph, ClickHouse
 * windowFunnel semantics, optional breakdown by one dimension. The full analytics come later.
 */
export class FunnelsService {
  constructor(private readonly events: EventsService, private readonly identity: IdentityService) {}

  /** Validates the request shape; throws `funnels_invalid_steps` / `funnels_invalid_window`. */
  static check(req: FunnelRequest): void {
    if (req.steps.length < 2 || req.steps.some((s) => !(EVENT_NAMES as readonly string[]).includes(s))) {
      throw new AppError('funnels_invalid_steps', `steps must be at least two canonical event names, got ${req.steps.join(',') || '(none)'}`);
    }
    if (!Number.isSafeInteger(req.windowMs) || req.windowMs <= 0) throw new AppError('funnels_invalid_window', 'window must be a positive duration');
    if (req.by !== undefined && !(ANALYSIS_DIMENSIONS as readonly string[]).includes(req.by)) {
      throw new AppError('api_invalid_request', `by must be one of ${ANALYSIS_DIMENSIONS.join(', ')}`);
    }
  }

  async run(req: FunnelRequest): Promise<FunnelResult> {
    FunnelsService.check(req);
    const names = [...new Set(req.steps)];
    const rows = await this.events.scanAnalysisRows(req.tenant, { names, from: req.from, to: req.to });
    const persons = await this.identity.resolver(req.tenant);
    const stepsOf = new Map<string, number[]>();
    req.steps.forEach((s, i) => { const list = stepsOf.get(s); if (list) list.push(i); else stepsOf.set(s, [i]); });
    const hitsByPerson = new Map<string, StepHit[]>();
    for (const row of rows) {
      const person = persons.get(row.identityKey) ?? row.identityKey;
      let hits = hitsByPerson.get(person);
      if (!hits) { hits = []; hitsByPerson.set(person, hits); }
      const tag = req.by ? row[req.by] : null;
      for (const step of stepsOf.get(row.name) ?? []) hits.push({ ts: row.ts, step, tag });
    }
    const matches: FunnelMatch[] = [];
    for (const hits of hitsByPerson.values()) matches.push(matchWindowFunnel(sortHits(hits), req.steps.length, req.windowMs));
    const overall = summariseMatches('all', req.steps, matches);
    const groups: FunnelGroupReport[] = [];
    if (req.by) {
      const byTag = new Map<string, FunnelMatch[]>();
      for (const m of matches) {
        if (m.level === 0) continue;
        const tag = m.tag ?? '(none)';
        const list = byTag.get(tag);
        if (list) list.push(m); else byTag.set(tag, [m]);
      }
      for (const [tag, ms] of byTag) groups.push(summariseMatches(tag, req.steps, ms));
      groups.sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || a.group.localeCompare(b.group));
    }
    return { steps: req.steps, windowMs: req.windowMs, by: req.by ?? null, persons: hitsByPerson.size, overall, groups };
  }
}
