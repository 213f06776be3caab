import { AppError } from '../../shared/errors/index.js';
import { newId } from '../../shared/ids.js';
import type { Clock } from '../../shared/time.js';
import { acknowledge, INACTIVE, type AlertState } from './domain/alert-state.js';
import { DEFAULT_DETECTOR_CONFIG, evaluate, seriesKeyOf, type DetectorConfig, type DetectorScope, type Evaluation, type FunnelBucket, type SeriesTransition } from './domain/detector.js';
import type { Diagnosis, InventorySignal } from './domain/diagnosis.js';
import type { AlertMetric, FunnelNode } from './domain/rules.js';
import type { AlertRecord, AlertsStore } from './alerts.store.js';

/** One evaluation of one monitored scope: what `AlertsService.evaluate` takes. */
export interface ScopeInput {
  readonly tenant: string;
  /** `all` or `live:<liveId>`, as the monitor names scopes. */
  readonly scope: string;
  readonly detectorScope: DetectorScope;
  readonly history: readonly FunnelBucket[];
  readonly current: FunnelBucket;
  /** The complete minute before `current` (sliding-minute evaluation; see `EvaluateInput.previous`). */
  readonly previous?: FunnelBucket;
  /** The aggregation watermark, epoch ms. */
  readonly now: number;
  readonly inventory?: InventorySignal;
}

/** An alert as the API, the live board and webhooks show it. */
export type AlertView = Omit<AlertRecord, 'tenant' | 'series' | 'clearSince'> & { readonly metric: AlertMetric };

/** What happened to an alert: the webhook kind and the live board's event. */
export type AlertChangeKind = 'alert.firing' | 'alert.resolved' | 'alert.acknowledged';
export interface AlertChange { readonly tenant: string; readonly kind: AlertChangeKind; readonly alert: AlertView }

/** The metric a rule id names (`count.<node>`, `rate.<from>.<to>`): for records of rules no longer configured. */
function metricOfRuleId(id: string): AlertMetric {
  const [kind, a, b] = id.split('.') as [string, FunnelNode, FunnelNode];
  return kind === 'rate' ? { kind: 'rate', from: a, to: b } : { kind: 'count', node: a };
}

/**
 * Transitions with the rule that best explains the diagnosis first, so it opens the incident: the rate of
 * the step the diagnosis names, then other rates, then counts (impressions first) in funnel order.
 */
function byRelevance(evaluation: Evaluation): SeriesTransition[] {
  const rank = relevance(evaluation.diagnosis);
  return [...evaluation.transitions].sort((a, b) => rank(a.ruleId) - rank(b.ruleId));
}

/** Ranks rules by how well they explain a diagnosis (0 best): the named step's rate, or impressions for a traffic drop. */
function relevance(diagnosis: Diagnosis | null): (ruleId: string) => number {
  const step = diagnosis?.step;
  const named = step ? `rate.${step.from}.${step.to}` : diagnosis?.kind === 'traffic_drop' ? 'count.impression' : undefined;
  return (ruleId) => (ruleId === named ? 0 : ruleId.startsWith('rate.') ? 1 : 2);
}

type SeriesStates = { scope: string; tenant: string; states: Record<string, AlertState>; ids: Record<string, string> };

/**
 * Alert states over time (issue 4): each `evaluate` runs the pure detector on one scope with the states
 * of its previous call, persists the episodes that fire (pending is kept in memory only: it is an
 * unconfirmed breach, not an alert) and tells listeners about every change — firing, resolved,
 * acknowledged — for webhooks and the live board. `warm` restores firing alerts after a restart.
 */
export class AlertsService {
  private readonly series = new Map<string, SeriesStates>();
  private readonly listeners = new Set<(change: AlertChange) => void>();
  private readonly metrics: ReadonlyMap<string, AlertMetric>;

  constructor(private readonly store: AlertsStore, private readonly clock: Clock, readonly config: DetectorConfig = DEFAULT_DETECTOR_CONFIG) {
    this.metrics = new Map(config.rules.map((r) => [r.id, r.metric]));
  }

  /** Restores the states of firing and acknowledged alerts; call once at start. */
  async warm(): Promise<number> {
    const open = await this.store.openRecords();
    for (const r of open) {
      const s = this.seriesOf(r.series, r.tenant, r.scope);
      for (const rule of [r.ruleId, ...r.related]) {
        s.states[rule] = { ...INACTIVE, status: r.status, activeSince: r.activeSince, firingSince: r.firingSince, clearSince: r.clearSince, acknowledgedAt: r.acknowledgedAt };
        s.ids[rule] = r.id;
      }
    }
    return open.length;
  }

  /** Subscribes to alert changes; returns the unsubscribe function. A listener must not throw. */
  onChange(listener: (change: AlertChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Evaluates one scope, persists what fired or resolved and notifies; answers the evaluation and the changes. */
  async evaluate(input: ScopeInput): Promise<{ evaluation: Evaluation; changes: AlertChange[] }> {
    const key = seriesKeyOf(input.detectorScope);
    const s = this.seriesOf(key, input.tenant, input.scope);
    const evaluation = evaluate({
      scope: input.detectorScope, history: input.history, current: input.current, now: input.now, states: s.states, config: this.config,
      ...(input.previous ? { previous: input.previous } : {}), ...(input.inventory ? { inventory: input.inventory } : {}),
    });
    if (!evaluation.evaluated) return { evaluation, changes: [] };
    const changes: AlertChange[] = [];
    for (const t of byRelevance(evaluation)) {
      const state = evaluation.states[t.ruleId] ?? INACTIVE;
      if (t.to === 'firing') {
        const change = await this.fire(s, input, key, t, state, evaluation);
        if (change) changes.push(change);
      } else if (t.to === 'resolved') {
        const change = await this.resolve(s, input.tenant, t.ruleId, t, state);
        if (change) changes.push(change);
      }
    }
    // Inactive and resolved states carry nothing the next evaluation needs: keep memory to live alerts.
    s.states = Object.fromEntries(Object.entries(evaluation.states).filter(([, st]) => st.status !== 'inactive' && st.status !== 'resolved'));
    if (Object.keys(s.states).length === 0) this.series.delete(key);
    for (const c of changes) this.emit(c);
    return { evaluation, changes };
  }

  /** The scopes of a tenant with alert states (pending or firing), e.g. to close those of ended live sessions. */
  openScopes(tenant: string): string[] {
    return [...new Set([...this.series.values()].filter((s) => s.tenant === tenant).map((s) => s.scope))];
  }

  /**
   * Ends the monitoring of a scope (a live session that stopped): its open incidents resolve at `at`,
   * pending states are dropped, and listeners hear of each resolution. Answers the changes.
   */
  async endScope(tenant: string, scope: string, at: number): Promise<AlertChange[]> {
    const changes: AlertChange[] = [];
    for (const [key, s] of this.series) {
      if (s.tenant !== tenant || s.scope !== scope) continue;
      this.series.delete(key);
      for (const id of new Set(Object.values(s.ids))) {
        const prior = await this.store.get(tenant, id);
        if (!prior || prior.status === 'resolved') continue;
        const record: AlertRecord = { ...prior, status: 'resolved', resolvedAt: at, updatedAt: this.clock.now() };
        await this.store.save(record);
        changes.push({ tenant, kind: 'alert.resolved', alert: this.view(record) });
      }
    }
    for (const c of changes) this.emit(c);
    return changes;
  }

  /** A tenant's alerts, most recently changed first: `active` = firing or acknowledged; `all` adds resolved ones. */
  async list(tenant: string, status: 'active' | 'all' = 'active', limit = 100): Promise<AlertView[]> {
    return (await this.store.list(tenant, { open: status === 'active', limit })).map((r) => this.view(r));
  }

  /**
   * The operator's acknowledgement of a firing alert (idempotent on an acknowledged one). Throws
   * `alerts_not_found`, or `alerts_not_active` for a resolved alert.
   */
  async acknowledge(tenant: string, id: string, by: string | null = null): Promise<AlertView> {
    const record = await this.store.get(tenant, id);
    if (!record) throw new AppError('alerts_not_found', `no alert ${id}`);
    if (record.status === 'acknowledged') return this.view(record);
    if (record.status !== 'firing') throw new AppError('alerts_not_active', `alert ${id} is ${record.status}`);
    const now = this.clock.now();
    const s = this.series.get(record.series);
    for (const rule of [record.ruleId, ...record.related]) {
      const state = s?.states[rule];
      if (s && state) s.states[rule] = acknowledge(state, now).state;
    }
    const acked: AlertRecord = { ...record, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: by, updatedAt: now };
    await this.store.save(acked);
    const change: AlertChange = { tenant, kind: 'alert.acknowledged', alert: this.view(acked) };
    this.emit(change);
    return change.alert;
  }

  /**
   * A rule starts firing: it joins the scope's open incident with the same diagnosis (one fault, one alert:
   * a throttled room drops every count at once), else it opens a new incident. Only a new one is a change.
   */
  private async fire(s: SeriesStates, input: ScopeInput, key: string, t: SeriesTransition, state: AlertState, evaluation: Evaluation): Promise<AlertChange | undefined> {
    const kind = evaluation.diagnosis?.kind;
    for (const id of new Set(Object.values(s.ids))) {
      const open = await this.store.get(input.tenant, id);
      if (!open || open.status === 'resolved' || open.diagnosis?.kind !== kind) continue;
      // The rule that explains the fault best leads the incident, even when another fired a tick earlier.
      const rank = relevance(open.diagnosis);
      const lead = rank(t.ruleId) < rank(open.ruleId);
      await this.store.save({
        ...open, updatedAt: this.clock.now(),
        ...(lead ? { ruleId: t.ruleId, related: [...open.related, open.ruleId], value: t.value, baseline: t.baseline } : { related: [...open.related, t.ruleId] }),
      });
      s.ids[t.ruleId] = id;
      return undefined;
    }
    const record: AlertRecord = {
      id: newId('alr', this.clock.now()), tenant: input.tenant, scope: input.scope, series: key, ruleId: t.ruleId, related: [], status: 'firing',
      activeSince: state.activeSince ?? t.at, firingSince: state.firingSince ?? t.at, clearSince: null, acknowledgedAt: null, acknowledgedBy: null,
      resolvedAt: null, value: t.value, baseline: t.baseline, diagnosis: evaluation.diagnosis, updatedAt: this.clock.now(),
    };
    await this.store.save(record);
    s.ids[t.ruleId] = record.id;
    return { tenant: input.tenant, kind: 'alert.firing', alert: this.view(record) };
  }

  /** A rule resolves; its incident resolves when no other rule of it is still firing. */
  private async resolve(s: SeriesStates, tenant: string, ruleId: string, t: SeriesTransition, state: AlertState): Promise<AlertChange | undefined> {
    const id = s.ids[ruleId];
    delete s.ids[ruleId];
    if (id === undefined || Object.values(s.ids).includes(id)) return undefined;
    const prior = await this.store.get(tenant, id);
    if (!prior) return undefined;
    const primary = prior.ruleId === ruleId;
    const record: AlertRecord = {
      ...prior, status: 'resolved', resolvedAt: t.at, clearSince: state.clearSince, updatedAt: this.clock.now(),
      ...(primary ? { value: t.value, baseline: t.baseline } : {}),
    };
    await this.store.save(record);
    return { tenant, kind: 'alert.resolved', alert: this.view(record) };
  }

  private seriesOf(key: string, tenant: string, scope: string): SeriesStates {
    let s = this.series.get(key);
    if (!s) { s = { tenant, scope, states: {}, ids: {} }; this.series.set(key, s); }
    return s;
  }

  private view(r: AlertRecord): AlertView {
    const { tenant: _t, series: _s, clearSince: _c, ...rest } = r;
    return { ...rest, metric: this.metrics.get(r.ruleId) ?? metricOfRuleId(r.ruleId) };
  }

  private emit(change: AlertChange): void {
    for (const l of this.listeners) l(change);
  }
}
