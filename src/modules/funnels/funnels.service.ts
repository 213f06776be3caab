import { AppError } from '../../shared/errors/index.js';
import { forEachPersonRows, OPTIONAL_ANALYSIS_FIELDS, type AnalysisRow, type EventsService, type OptionalAnalysisField } from '../events/index.js';
import type { IdentityService } from '../identity/index.js';
import { matchAllConversions, matchFunnel, sortFunnelHits, type ExclusionSpan, type Hit, type Match, type MatchOptions } from './domain/funnel-match.js';
import { normaliseFunnel, type FunnelCount, type FunnelDimension, type FunnelRequest, type NormalisedFunnel } from './domain/funnel-request.js';
import { summariseUnits, type FunnelGroupReport, type FunnelUnit } from './domain/funnel-report.js';
import { fieldValue, passes } from './domain/step-filter.js';

export interface FunnelResult {
  readonly steps: readonly string[];
  readonly windowMs: number;
  readonly mode: NormalisedFunnel['mode'];
  readonly windowFrom: NormalisedFunnel['windowFrom'];
  readonly count: FunnelCount;
  readonly by: FunnelDimension[];
  /** Persons with at least one event the funnel read. */
  readonly persons: number;
  readonly overall: FunnelGroupReport;
  /** One report per combination of breakdown values (taken from the first step's event), largest first. */
  readonly groups: FunnelGroupReport[];
}

/** Person → segment name, for the `segment` breakdown (wired by the composition root). */
export type SegmentLookup = (tenant: string) => Promise<ReadonlyMap<string, string>>;

/** One person's events in time order, with their decoded attrs on demand. */
class PersonEvents {
  private readonly attrs = new Map<number, Record<string, unknown>>();
  constructor(readonly rows: AnalysisRow[]) {}
  attrsOf(i: number): Record<string, unknown> {
    let a = this.attrs.get(i);
    if (!a) { a = JSON.parse(this.rows[i]?.attrs ?? '{}') as Record<string, unknown>; this.attrs.set(i, a); }
    return a;
  }
}

const NO_VALUE = '(none)';

/**
 * Funnels over persons, sessions or conversions (issue 3): ClickHouse `windowFunnel` semantics by default,
 * strict / any-order modes, step-to-step windows, per-step gaps and property filters, exclusions,
 * conversion value net of refunds, several breakdowns at once, per-step timing and drop-off next events.
 */
export class FunnelsService {
  constructor(private readonly events: EventsService, private readonly identity: IdentityService, private readonly segments?: SegmentLookup) {}

  /** Validates a request without running it. */
  static check(req: FunnelRequest): void {
    normaliseFunnel(req);
  }

  async run(req: FunnelRequest): Promise<FunnelResult> {
    const f = normaliseFunnel(req);
    if (f.by.includes('segment') && !this.segments) throw new AppError('funnels_invalid_options', 'the segment breakdown needs the segments module');
    const needAll = f.mode === 'strict_order' || f.nextEvents > 0;
    const names = needAll ? undefined : [...new Set([...f.steps.map((s) => s.event), ...f.exclusions.map((x) => x.event), ...(f.value ? ['refund'] : [])])];
    const filtered = f.steps.some((s) => (s.where?.length ?? 0) > 0);
    const withAttrs = filtered || f.by.includes('variantId');
    // Read only the columns this funnel uses: decoding columns is most of a large scan's cost.
    const fields: OptionalAnalysisField[] | undefined = filtered ? undefined : [
      ...OPTIONAL_ANALYSIS_FIELDS.filter((field) => (f.by as readonly string[]).includes(field)),
      ...(f.count === 'sessions' ? ['sessionId' as const] : []), ...(f.value ? ['amount' as const, 'orderId' as const] : []),
    ];
    const persons = await this.identity.resolver(req.tenant);
    const segmentOf = f.by.includes('segment') && this.segments ? await this.segments(req.tenant) : undefined;
    const units: { unit: FunnelUnit; values: Record<string, string> }[] = [];
    let personCount = 0;
    const matchPerson = (person: string, rows: AnalysisRow[]): void => {
      personCount++;
      const ev = new PersonEvents(rows);
      for (const part of partition(ev, f.count)) {
        for (const m of this.matchPart(ev, part, f)) units.push({ unit: this.unitOf(ev, part, m, f), values: this.valuesOf(ev, m, f, segmentOf?.get(person)) });
      }
    };
    await forEachPersonRows(this.events.streamAnalysisRows(req.tenant, { names, from: req.from, to: req.to, withAttrs, fields }), persons, matchPerson);
    const stepNames = f.steps.map((s) => s.event);
    const options = { nextEvents: f.nextEvents, value: f.value };
    const overall = summariseUnits('all', {}, stepNames, units.map((u) => u.unit), options);
    const groups: FunnelGroupReport[] = [];
    if (f.by.length > 0) {
      const byKey = new Map<string, { values: Record<string, string>; units: FunnelUnit[] }>();
      for (const u of units) {
        if (u.unit.level === 0) continue;
        const key = f.by.map((d) => u.values[d]).join(' · ');
        const g = byKey.get(key);
        if (g) g.units.push(u.unit); else byKey.set(key, { values: u.values, units: [u.unit] });
      }
      for (const [key, g] of byKey) groups.push(summariseUnits(key, g.values, stepNames, g.units, options));
      groups.sort((a, b) => (b.steps[0]?.count ?? 0) - (a.steps[0]?.count ?? 0) || a.group.localeCompare(b.group));
    }
    return { steps: stepNames, windowMs: f.windowMs, mode: f.mode, windowFrom: f.windowFrom, count: f.count, by: f.by, persons: personCount, overall, groups };
  }

  /** Hits and exclusion spans of one part (a person, or one of their sessions), then its matches. */
  private matchPart(ev: PersonEvents, part: number[], f: NormalisedFunnel): Match[] {
    const hits: Hit[] = [];
    const exclusionTimes = f.exclusions.map(() => [] as number[]);
    for (const i of part) {
      const row = ev.rows[i] as AnalysisRow;
      f.steps.forEach((s, k) => {
        if (s.event !== row.name) return;
        if (s.where && !s.where.every((w) => passes(w, fieldValue(w.field, row as unknown as Record<string, unknown>, ev.attrsOf(i))))) return;
        hits.push({ ts: row.ts, step: k, event: i });
      });
      f.exclusions.forEach((x, j) => { if (x.event === row.name) (exclusionTimes[j] as number[]).push(row.ts); });
    }
    if (hits.length === 0) return [];
    sortFunnelHits(hits);
    const spans: ExclusionSpan[] = f.exclusions.map((x, j) => ({ from: x.from, to: x.to, times: exclusionTimes[j] as number[] }));
    const options: MatchOptions = {
      steps: f.steps.length, windowMs: f.windowMs, mode: f.mode, windowFrom: f.windowFrom,
      minGapMs: f.steps.map((s) => s.minGapMs), maxGapMs: f.steps.map((s) => s.maxGapMs),
    };
    if (f.count === 'conversions') return matchAllConversions(hits, options, spans);
    const m = matchFunnel(hits, options, spans);
    return m.level > 0 ? [m] : [];
  }

  private unitOf(ev: PersonEvents, part: number[], m: Match, f: NormalisedFunnel): FunnelUnit {
    const n = f.steps.length;
    if (m.level < n) {
      const last = Math.max(...m.events);
      const after = part.find((i) => i > last);
      return { level: m.level, times: m.times, nextEvent: after === undefined ? null : (ev.rows[after] as AnalysisRow).name };
    }
    if (!f.value) return { level: m.level, times: m.times };
    const final = ev.rows[m.events[n - 1] as number] as AnalysisRow;
    let refunds = 0;
    if (final.orderId) for (const r of ev.rows) if (r.name === 'refund' && r.orderId === final.orderId) refunds += r.amount ?? 0;
    return { level: m.level, times: m.times, value: { gross: final.amount ?? 0, refunds: Math.min(refunds, final.amount ?? 0) } };
  }

  private valuesOf(ev: PersonEvents, m: Match, f: NormalisedFunnel, segment: string | undefined): Record<string, string> {
    const values: Record<string, string> = {};
    const first = m.events[0] as number;
    const row = ev.rows[first] as AnalysisRow;
    for (const d of f.by) {
      const v = d === 'segment' ? segment : d === 'variantId' ? ev.attrsOf(first).variantId : row[d];
      values[d] = v === null || v === undefined ? NO_VALUE : String(v);
    }
    return values;
  }
}

/** Splits a person's events into the parts counted separately: the person, or each session. */
function partition(ev: PersonEvents, count: FunnelCount): number[][] {
  const all = ev.rows.map((_, i) => i);
  if (count !== 'sessions') return [all];
  const parts = new Map<string, number[]>();
  for (const i of all) {
    const key = (ev.rows[i] as AnalysisRow).sessionId ?? NO_VALUE;
    const list = parts.get(key);
    if (list) list.push(i); else parts.set(key, [i]);
  }
  return [...parts.values()];
}
