import { AppError } from '../../shared/errors/index.js';
import { ANALYSIS_DIMENSIONS, EVENT_NAMES, FUNNEL_NODES, type EventsService, type OptionalAnalysisField } from '../events/index.js';
import type { IdentityService } from '../identity/index.js';
import { measureDecision, summariseDecisionGroups, summariseDecisions, type Decision, type DecisionDimension, type DecisionGroupReport } from './domain/decision-time.js';
import { compareStepCounts, countStepsToEnd, summariseStepCounts, type PathLengthDifference, type PathLengthReport } from './domain/path-length.js';
import { summarisePaths, type PathReport } from './domain/path-report.js';
import { readPersonPath, type PathAnchor } from './domain/person-path.js';
import { buildTimelines, type TimelineEvent } from './domain/timeline.js';

/** Limits of the paths report. */
export const PATH_LIMITS = { maxDepth: 20, maxTop: 100 } as const;

export interface PathsRequest {
  readonly tenant: string;
  /** Exactly one of `start` and `end`: the anchor event. */
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  /** Steps per path, the anchor included (1–20). */
  readonly depth: number;
  /** Complete paths listed, and prefixes kept per Sankey depth (1–100). */
  readonly top: number;
  readonly collapse: boolean;
  /** Only events within this many ms of the anchor; undefined = no limit. */
  readonly windowMs?: number | undefined;
  /** Only events of the anchor's session. */
  readonly session?: boolean | undefined;
  /** Event names a path may contain (the anchor is always added); default the eight funnel nodes. */
  readonly events?: readonly string[] | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

export interface PathsResult extends PathReport {
  readonly anchor: PathAnchor;
  readonly event: string;
  readonly depth: number;
  readonly top: number;
  readonly collapse: boolean;
  readonly windowMs: number | null;
  readonly session: boolean;
  readonly events: string[];
}

export interface DecisionTimeRequest {
  readonly tenant: string;
  readonly start: string;
  readonly end: string;
  readonly by?: DecisionDimension | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

export interface DecisionTimeResult {
  readonly start: string;
  readonly end: string;
  readonly by: DecisionDimension | null;
  readonly overall: DecisionGroupReport;
  /** One report per value of `by` on the start event, most converted first. */
  readonly groups: DecisionGroupReport[];
}

export interface PathLengthRequest {
  readonly tenant: string;
  /** The purchase event (default `pay`). */
  readonly end?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** The baseline range; give both or neither. */
  readonly compareFrom?: number | undefined;
  readonly compareTo?: number | undefined;
}

export interface PathLengthRange extends PathLengthReport { readonly from: number | null; readonly to: number | null }

export interface PathLengthResult {
  readonly end: string;
  /** The event names counted as steps. */
  readonly counted: string[];
  readonly current: PathLengthRange;
  readonly baseline: PathLengthRange | null;
  /** current − baseline (negative: shorter paths now); null without a baseline. */
  readonly difference: PathLengthDifference | null;
}

const isEvent = (name: string): boolean => (EVENT_NAMES as readonly string[]).includes(name);

function checkEvent(label: string, name: string): void {
  if (!isEvent(name)) throw new AppError('paths_unknown_event', `${label}=${name} is not a canonical event name`);
}

function checkRange(label: string, from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && from >= to) throw new AppError('paths_invalid_range', `${label}: from must be before to`);
}

/**
 * User paths, decision time and steps to purchase over persons (issue: paths and decision time).
 * Reads analysis rows from the events module, resolves persons through the identity graph, orders
 * each person's rows (domain/timeline.ts) and hands them to the pure reports in domain/.
 */
export class PathsService {
  constructor(private readonly events: EventsService, private readonly identity: IdentityService) {}

  /** Validates a paths request; throws `paths_invalid_anchor`, `paths_unknown_event`, `paths_invalid_limit`, `paths_invalid_window`, `paths_invalid_range`. */
  static checkPaths(req: PathsRequest): void {
    if ((req.start === undefined) === (req.end === undefined)) throw new AppError('paths_invalid_anchor', 'give exactly one of start and end');
    checkEvent(req.start !== undefined ? 'start' : 'end', (req.start ?? req.end) as string);
    for (const name of req.events ?? []) checkEvent('events', name);
    if (!Number.isSafeInteger(req.depth) || req.depth < 1 || req.depth > PATH_LIMITS.maxDepth) throw new AppError('paths_invalid_limit', `depth must be an integer from 1 to ${PATH_LIMITS.maxDepth}`);
    if (!Number.isSafeInteger(req.top) || req.top < 1 || req.top > PATH_LIMITS.maxTop) throw new AppError('paths_invalid_limit', `top must be an integer from 1 to ${PATH_LIMITS.maxTop}`);
    if (req.windowMs !== undefined && (!Number.isSafeInteger(req.windowMs) || req.windowMs <= 0)) throw new AppError('paths_invalid_window', 'window must be a positive duration');
    checkRange('range', req.from, req.to);
  }

  /** Validates a decision-time request; throws `paths_unknown_event`, `paths_invalid_anchor` (start = end), `paths_invalid_breakdown`, `paths_invalid_range`. */
  static checkDecisionTime(req: DecisionTimeRequest): void {
    checkEvent('start', req.start);
    checkEvent('end', req.end);
    if (req.start === req.end) throw new AppError('paths_invalid_anchor', 'start and end must be different events');
    if (req.by !== undefined && !(ANALYSIS_DIMENSIONS as readonly string[]).includes(req.by)) {
      throw new AppError('paths_invalid_breakdown', `by must be one of ${ANALYSIS_DIMENSIONS.join(', ')}`);
    }
    checkRange('range', req.from, req.to);
  }

  /** Validates a path-length request; throws `paths_unknown_event`, `paths_invalid_range`. */
  static checkPathLength(req: PathLengthRequest): void {
    if (req.end !== undefined) checkEvent('end', req.end);
    checkRange('range', req.from, req.to);
    if ((req.compareFrom === undefined) !== (req.compareTo === undefined)) throw new AppError('paths_invalid_range', 'give both compareFrom and compareTo, or neither');
    checkRange('compare range', req.compareFrom, req.compareTo);
  }

  /** Top paths after `start` (or before `end`), with exact person counts and a Sankey graph. */
  async paths(req: PathsRequest): Promise<PathsResult> {
    PathsService.checkPaths(req);
    const anchor: PathAnchor = req.start !== undefined ? 'start' : 'end';
    const event = (req.start ?? req.end) as string;
    const events = [...new Set([event, ...(req.events ?? FUNNEL_NODES)])];
    const rule = { anchor, event, depth: req.depth, collapse: req.collapse, windowMs: req.windowMs ?? null, sameSession: req.session ?? false };
    const outward: string[][] = [];
    for (const timeline of await this.timelines(req.tenant, events, req.from, req.to, req.session ? ['sessionId'] : [])) {
      const path = readPersonPath(timeline, rule);
      if (path) outward.push(path);
    }
    return {
      anchor, event, depth: req.depth, top: req.top, collapse: req.collapse, windowMs: rule.windowMs, session: rule.sameSession, events,
      ...summarisePaths(outward, req.top, anchor),
    };
  }

  /** Time from the first `start` to the next `end` per person: p50, p90, mean and a histogram, optionally per breakdown. */
  async decisionTime(req: DecisionTimeRequest): Promise<DecisionTimeResult> {
    PathsService.checkDecisionTime(req);
    const decisions: Decision[] = [];
    for (const timeline of await this.timelines(req.tenant, [req.start, req.end], req.from, req.to, req.by && req.by !== 'platform' ? [req.by] : [])) {
      const d = measureDecision(timeline, req.start, req.end, req.by ?? null);
      if (d) decisions.push(d);
    }
    return {
      start: req.start, end: req.end, by: req.by ?? null,
      overall: summariseDecisions('all', decisions),
      groups: req.by ? summariseDecisionGroups(decisions) : [],
    };
  }

  /** Steps buyers take from first touch to payment, in one range and optionally a baseline range. */
  async pathLength(req: PathLengthRequest): Promise<PathLengthResult> {
    PathsService.checkPathLength(req);
    const end = req.end ?? 'pay';
    const counted = [...new Set<string>([...FUNNEL_NODES, end])];
    const persons = await this.identity.resolver(req.tenant);
    const measure = async (from: number | undefined, to: number | undefined): Promise<PathLengthRange> => {
      const steps: number[] = [];
      const countedSet = new Set(counted);
      for (const timeline of await this.timelines(req.tenant, counted, from, to, [], persons)) {
        const n = countStepsToEnd(timeline, end, countedSet);
        if (n !== null) steps.push(n);
      }
      return { from: from ?? null, to: to ?? null, ...summariseStepCounts(steps) };
    };
    const current = await measure(req.from, req.to);
    const baseline = req.compareFrom !== undefined ? await measure(req.compareFrom, req.compareTo) : null;
    return { end, counted, current, baseline, difference: baseline ? compareStepCounts(current, baseline) : null };
  }

  /**
   * Person timelines of the named events; `fields` are the optional columns a report reads (ties between
   * rows that differ only in unread columns do not change it). `persons` may be passed to read it once.
   */
  private async timelines(
    tenant: string, names: readonly string[], from: number | undefined, to: number | undefined,
    fields: readonly OptionalAnalysisField[], persons?: ReadonlyMap<string, string>,
  ): Promise<Iterable<TimelineEvent[]>> {
    const rows = await this.events.scanAnalysisRows(tenant, { names, from, to, fields });
    return buildTimelines(rows, persons ?? await this.identity.resolver(tenant)).values();
  }
}
