import { AppError } from '../../shared/errors/index.js';
import type { Rng } from '../../shared/random.js';
import type { Clock } from '../../shared/time.js';
import type { AllocationStore, ServedSlate } from './allocation.store.js';
import { DEFAULT_POLICY, validatePolicy, type PolicyVersion } from './domain/policy.js';
import { buildScoringTable, type ItemEvidence, type ScoringTable } from './domain/scoring-table.js';
import { composeSlate, type PlacedItem, type SlateCandidate } from './domain/slate.js';
import { explorationPool } from './domain/exploration-pool.js';

/** Version 0: the built-in default policy, in force until a shop publishes one. */
function builtInPolicy(tenant: string): PolicyVersion {
  return { tenant, version: 0, ...DEFAULT_POLICY, createdAt: 0, createdBy: 'reelpath', note: 'built-in default' };
}

/** A shop's item evidence as the recommend module keeps it: append-only within a generation. */
export interface CatalogueSnapshot {
  /** Changes when the catalogue is rebuilt (indices may then change). */
  readonly generation: number;
  /** Changes whenever any evidence changes. */
  readonly revision: number;
  readonly items: readonly ItemEvidence[];
}


/** What a request is allowed to show: the caller's filters as a predicate over table indices. */
export type Eligible = (index: number) => boolean;

interface Prepared {
  readonly generation: number;
  readonly revision: number;
  /** `servedRevision` of the tenant when built: served slates count as impressions. */
  readonly served: number;
  readonly policyVersion: number;
  readonly builtAt: number;
  /** How long the last full table build took (ms): spaces the next one. */
  readonly buildMs: number;
  /** When the cold-start pool and its shares were last drawn. */
  readonly poolAt: number;
  readonly table: ScoringTable;
  readonly pool: readonly number[];
  readonly shares: Float64Array;
}

/** Tunables of the service (config `recommend.*`). */
export interface AllocationOptions {
  /** Most often a shop's scoring table (and the Thompson shares) is rebuilt while evidence changes. */
  readonly refreshMs: number;
  /** How often buffered served slates are written. */
  readonly flushMs: number;
}

/**
 * Traffic allocation: versioned policies, the scoring table of each shop under its current policy,
 * slates composed by the published formula with exploration, and the served-slate log with
 * propensities. See README.md.
 */
export class AllocationService {
  private readonly current = new Map<string, Promise<PolicyVersion>>();
  private readonly prepared = new Map<string, Prepared>();
  private readonly servedCounts = new Map<string, Map<string, number>>();
  private readonly servedRevision = new Map<string, number>();
  private buffer: ServedSlate[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: AllocationStore, private readonly clock: Clock, private readonly rng: Rng, private readonly options: AllocationOptions) {}

  async init(): Promise<void> {
    await this.store.init();
    this.timer = setInterval(() => { void this.flush(); }, this.options.flushMs);
    this.timer.unref();
  }

  /** The policy in force: the newest published version, or the built-in version 0. */
  policy(tenant: string): Promise<PolicyVersion> {
    let p = this.current.get(tenant);
    if (!p) {
      p = this.store.latestPolicy(tenant).then((v) => v ?? builtInPolicy(tenant));
      p.catch(() => this.current.delete(tenant));
      this.current.set(tenant, p);
    }
    return p;
  }

  /** One version (0 is the built-in default); `allocation_policy_not_found` otherwise. */
  async policyVersion(tenant: string, version: number): Promise<PolicyVersion> {
    if (version === 0) return builtInPolicy(tenant);
    const v = await this.store.policy(tenant, version);
    if (!v) throw new AppError('allocation_policy_not_found', `policy version ${version} does not exist for this tenant`, { details: { version } });
    return v;
  }

  /** Every published version, newest first, then the built-in version 0. */
  async versions(tenant: string, limit = 100): Promise<PolicyVersion[]> {
    return [...await this.store.policies(tenant, limit), await this.policyVersion(tenant, 0)];
  }

  /**
   * Publishes a new version from a (partial) policy: missing weights and parameters keep the current
   * values; `allocation_invalid_policy` lists every problem. A concurrent publish takes the next number.
   */
  async publish(tenant: string, input: unknown, createdBy: string): Promise<PolicyVersion> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const base = await this.store.latestPolicy(tenant);
      const checked = validatePolicy(input, base ?? DEFAULT_POLICY);
      if (!checked.ok) throw new AppError('allocation_invalid_policy', checked.problems.join('; '), { details: { problems: checked.problems } });
      const note = typeof (input as { note?: unknown }).note === 'string' ? String((input as { note: string }).note).slice(0, 500) : '';
      const next: PolicyVersion = { tenant, version: (base?.version ?? 0) + 1, ...checked.body, createdAt: this.clock.now(), createdBy, note };
      if (await this.store.insertPolicy(next)) {
        this.current.set(tenant, Promise.resolve(next));
        return next;
      }
    }
    throw new AppError('internal_error', 'could not publish the policy: too many concurrent publishes');
  }

  /**
   * The scoring table and exploration pool for a shop's evidence. The table is rebuilt when the evidence
   * changed, at most every `refreshMs` — and never more often than 25 times its own build time, so a big
   * catalogue under steady ingestion spends at most ~4 % of the thread on it. Between rebuilds, slates
   * served since refresh only the cold-start pool and its Thompson shares (O(pool)).
   */
  async prepare(tenant: string, snapshot: CatalogueSnapshot): Promise<{ policy: PolicyVersion; table: ScoringTable; pool: readonly number[]; shares: Float64Array }> {
    const policy = await this.policy(tenant);
    const now = this.clock.now();
    const served = this.servedRevision.get(tenant) ?? 0;
    let hit = this.prepared.get(tenant);
    const sameShape = hit !== undefined && hit.generation === snapshot.generation && hit.policyVersion === policy.version;
    const evidenceDue = hit !== undefined && hit.revision !== snapshot.revision && now - hit.builtAt >= Math.max(this.options.refreshMs, 25 * hit.buildMs);
    if (!hit || !sameShape || evidenceDue) {
      const started = performance.now();
      const table = buildScoringTable(snapshot.items, now, policy.parameters);
      hit = this.withPool(tenant, { generation: snapshot.generation, revision: snapshot.revision, served: -1, policyVersion: policy.version, builtAt: now, buildMs: performance.now() - started, poolAt: 0, table, pool: [], shares: new Float64Array(0) }, now, policy);
    } else if (hit.served !== served && now - hit.poolAt >= this.options.refreshMs) {
      hit = this.withPool(tenant, hit, now, policy);
    }
    return { policy, table: hit.table, pool: hit.pool, shares: hit.shares };
  }

  /** Re-draws the cold-start pool and its Thompson shares, counting the slates served so far. */
  private withPool(tenant: string, base: Prepared, now: number, policy: PolicyVersion): Prepared {
    const counts = this.servedCounts.get(tenant);
    const { indices, shares } = explorationPool(base.table, policy.parameters, this.rng, (id) => counts?.get(id) ?? 0);
    const next: Prepared = { ...base, pool: indices, shares, served: this.servedRevision.get(tenant) ?? 0, poolAt: now };
    this.prepared.set(tenant, next);
    return next;
  }

  /**
   * Composes a slate of `n` for candidates (indices into `snapshot.items`) under the current policy;
   * the exploration pool is restricted to what `eligible` allows. Indices beyond the prepared table
   * (items first seen since its last refresh) wait for the next refresh.
   */
  async allocate(tenant: string, snapshot: CatalogueSnapshot, candidates: readonly SlateCandidate[], n: number, eligible: Eligible): Promise<{ policy: PolicyVersion; table: ScoringTable; placed: PlacedItem[] }> {
    const { policy, table, pool, shares } = await this.prepare(tenant, snapshot);
    const known = candidates.filter((c) => c.index < table.items.length);
    const open: number[] = [];
    const openShares: number[] = [];
    pool.forEach((index, k) => { if (eligible(index)) { open.push(index); openShares.push(shares[k] as number); } });
    const placed = composeSlate(table, known, { indices: open, shares: openShares }, policy, n, this.rng);
    return { policy, table, placed };
  }

  /** Logs a served slate (written within `flushMs`) and counts its items as exposure for the cold-start pool. */
  record(slate: ServedSlate): void {
    this.buffer.push(slate);
    let counts = this.servedCounts.get(slate.tenant);
    if (!counts) { counts = new Map(); this.servedCounts.set(slate.tenant, counts); }
    for (const it of slate.items) counts.set(it.itemId, (counts.get(it.itemId) ?? 0) + 1);
    this.servedRevision.set(slate.tenant, (this.servedRevision.get(slate.tenant) ?? 0) + 1);
  }

  /** Writes the buffered served slates; one writer at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.buffer;
      if (batch.length === 0) return;
      this.buffer = [];
      await this.store.appendServed(batch);
    });
    return this.flushing;
  }

  /** Served slates of a shop in [from, to), oldest first (flushes first so the newest are included). */
  async served(tenant: string, range: { from: number; to: number; limit: number }): Promise<ServedSlate[]> {
    await this.flush();
    return this.store.served(tenant, range);
  }

  /** Erasure: deletes the person's served slates. */
  async erase(tenant: string, personId: string): Promise<number> {
    await this.flush();
    return this.store.deleteServedFor(tenant, personId);
  }

  /** Stops the flush timer and writes what is buffered. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}

