import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors/index.js';
import { parseIdentityKey, PLATFORMS, SCHEMA_VERSION, type CanonicalEvent, type Platform } from '../events/index.js';
import { newId } from '../../shared/ids.js';
import type { Clock } from '../../shared/time.js';
import { assignExperiment, evaluateFlag, type AssignAttributes, type Assignment } from './domain/assign.js';
import { buildExperiment, canMove, validateExperiment, type Experiment, type ExperimentInput, type ExperimentStatus } from './domain/experiment.js';
import { buildFlag, validateFlag, type Flag, type FlagInput } from './domain/flag.js';
import type { ExperimentsStore } from './experiments.store.js';

/** Where exposure events go: the event store (idempotent by event id). */
export type ExposureSink = (events: readonly CanonicalEvent[]) => Promise<unknown>;

/** Tunables (config `experiments.*`). */
export interface ExperimentsOptions {
  /** How often buffered exposures are written (ms). */
  readonly flushMs: number;
  /** How long a tenant's definitions are cached for assignment (ms); changes made here apply at once. */
  readonly cacheMs: number;
}

/** One assignment request: the identity key (the hash attribute `id`), the person it belongs to, and the attributes. */
export interface AssignRequest {
  readonly tenant: string;
  readonly key: string;
  /** The person the key belongs to now (the key itself when unknown): exposures are recorded once per person. */
  readonly personId: string;
  /** The identity key exposures are recorded under when `key` is a person id (`per_…`); default `key`. */
  readonly exposureKey?: string | undefined;
  readonly attributes: AssignAttributes;
  /** Only these experiment keys (default: every running or shipped experiment). */
  readonly experiments?: readonly string[] | undefined;
  /** Record exposures for the experiments the person is in (default true). */
  readonly expose?: boolean | undefined;
}

export interface AssignResult {
  readonly personId: string;
  readonly experiments: readonly Assignment[];
  readonly features: Record<string, unknown>;
}

/** Which looked-up attributes live targeting reads: consent states and RFM layers cost a lookup per request. */
export interface TargetingNeeds { readonly consent: boolean; readonly segment: boolean }

interface Definitions { readonly at: number; readonly experiments: readonly Experiment[]; readonly flags: readonly Flag[]; readonly needs: TargetingNeeds }

/** Remembered exposures per process, so repeats skip the store (the store still keeps one copy). */
const SEEN_LIMIT = 1_000_000;

/**
 * Experiments and feature flags: definitions and lifecycle (draft → running → stopped → shipped),
 * GrowthBook-compatible assignment, and exposures (`exposure` events, once per person and experiment).
 * Analysis lives in `ExperimentReports` (report.service.ts). See README.md.
 */
export class ExperimentsService {
  private readonly cache = new Map<string, Promise<Definitions>>();
  private pending: CanonicalEvent[] = [];
  private readonly seen = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: ExperimentsStore, private readonly clock: Clock, private readonly options: ExperimentsOptions, private readonly sink: ExposureSink) {}

  async init(): Promise<void> {
    await this.store.init();
    // A failed write keeps its batch for the next tick; callers that await flush() see the error.
    this.timer = setInterval(() => { this.flush().catch(() => undefined); }, this.options.flushMs);
    this.timer.unref();
  }

  /** Creates a draft. Throws `experiments_invalid_definition` (all problems) or `experiments_key_taken`. */
  async create(tenant: string, input: ExperimentInput): Promise<Experiment> {
    const problems = validateExperiment(input);
    if (problems.length > 0) throw new AppError('experiments_invalid_definition', problems.join('; '), { details: { problems } });
    const now = this.clock.now();
    const e = buildExperiment(input, { id: newId('exp', now), tenant, createdAt: now });
    if (!(await this.store.insert(e))) throw new AppError('experiments_key_taken', `an experiment with key ${input.key} exists`, { details: { key: input.key } });
    this.cache.delete(tenant);
    return e;
  }

  /** Replaces a draft's definition (running experiments cannot change: that would mix two tests). */
  async edit(tenant: string, id: string, input: ExperimentInput): Promise<Experiment> {
    const current = await this.get(tenant, id);
    if (current.status !== 'draft') throw new AppError('experiments_invalid_transition', `experiment ${id} is ${current.status}: only drafts can be edited`, { details: { status: current.status } });
    const problems = validateExperiment(input);
    if (problems.length > 0) throw new AppError('experiments_invalid_definition', problems.join('; '), { details: { problems } });
    if (input.key !== current.key && (await this.store.list(tenant)).some((e) => e.key === input.key)) throw new AppError('experiments_key_taken', `an experiment with key ${input.key} exists`, { details: { key: input.key } });
    const e = buildExperiment(input, { id, tenant, createdAt: current.createdAt });
    await this.store.update(e);
    this.cache.delete(tenant);
    return e;
  }

  async get(tenant: string, id: string): Promise<Experiment> {
    const e = await this.store.get(tenant, id);
    if (!e) throw new AppError('experiments_not_found', `no experiment ${id}`, { details: { id } });
    return e;
  }

  list(tenant: string): Promise<Experiment[]> {
    return this.store.list(tenant);
  }

  /** Starts (or restarts after a stop) an experiment. */
  start(tenant: string, id: string): Promise<Experiment> {
    return this.move(tenant, id, 'running', (e, now) => ({ ...e, status: 'running', startedAt: e.startedAt ?? now, stoppedAt: null }));
  }

  /** Stops assigning: everyone gets the control again; the results stay. */
  stop(tenant: string, id: string): Promise<Experiment> {
    return this.move(tenant, id, 'stopped', (e, now) => ({ ...e, status: 'stopped', stoppedAt: now }));
  }

  /** Concludes: every person gets `variation`'s value from now on. */
  ship(tenant: string, id: string, variation: string): Promise<Experiment> {
    return this.move(tenant, id, 'shipped', (e, now) => {
      const index = e.variations.findIndex((v) => v.key === variation);
      if (index < 0) throw new AppError('experiments_invalid_definition', `no variation ${variation} (one of ${e.variations.map((v) => v.key).join(', ')})`, { details: { problems: [`variation must be one of ${e.variations.map((v) => v.key).join(', ')}`] } });
      return { ...e, status: 'shipped', stoppedAt: e.stoppedAt ?? now, shippedVariation: index };
    });
  }

  private async move(tenant: string, id: string, to: ExperimentStatus, apply: (e: Experiment, now: number) => Experiment): Promise<Experiment> {
    const e = await this.get(tenant, id);
    if (!canMove(e.status, to)) throw new AppError('experiments_invalid_transition', `experiment ${id} is ${e.status}: it cannot become ${to}`, { details: { status: e.status, to } });
    const next = apply(e, this.clock.now());
    await this.store.update(next);
    this.cache.delete(tenant);
    return next;
  }

  /** Creates or replaces a flag. Throws `experiments_invalid_flag` with every problem. */
  async putFlag(tenant: string, input: FlagInput): Promise<Flag> {
    const problems = validateFlag(input);
    if (problems.length > 0) throw new AppError('experiments_invalid_flag', problems.join('; '), { details: { problems } });
    const flag = buildFlag(input, tenant, this.clock.now());
    await this.store.upsertFlag(flag);
    this.cache.delete(tenant);
    return flag;
  }

  flags(tenant: string): Promise<Flag[]> {
    return this.store.flags(tenant);
  }

  async deleteFlag(tenant: string, key: string): Promise<void> {
    if (!(await this.store.deleteFlag(tenant, key))) throw new AppError('experiments_flag_not_found', `no flag ${key}`, { details: { key } });
    this.cache.delete(tenant);
  }

  private definitions(tenant: string): Promise<Definitions> {
    const now = this.clock.now();
    const hit = this.cache.get(tenant);
    if (hit) return hit.then((d) => (now - d.at < this.options.cacheMs ? d : this.reload(tenant, now)));
    return this.reload(tenant, now);
  }

  private reload(tenant: string, now: number): Promise<Definitions> {
    const loading = Promise.all([this.store.list(tenant), this.store.flags(tenant)]).then(([all, flags]) => {
      const experiments = all.filter((e) => e.status === 'running' || e.status === 'shipped');
      const targetings = [...experiments.map((e) => e.targeting), ...flags.flatMap((f) => f.rules.map((r) => r.targeting))];
      const needs = { consent: targetings.some((t) => (t.consent?.length ?? 0) > 0), segment: targetings.some((t) => (t.segments?.length ?? 0) > 0) };
      return { at: now, experiments, flags, needs };
    });
    this.cache.set(tenant, loading);
    loading.catch(() => { if (this.cache.get(tenant) === loading) this.cache.delete(tenant); });
    return loading;
  }

  /** Which looked-up attributes the tenant's live targeting reads, so assignment fetches only those. */
  async targetingNeeds(tenant: string): Promise<TargetingNeeds> {
    return (await this.definitions(tenant)).needs;
  }

  /** Assigns a person to the tenant's live experiments and evaluates its flags; records new exposures. */
  async assign(req: AssignRequest): Promise<AssignResult> {
    const defs = await this.definitions(req.tenant);
    const now = this.clock.now();
    const wanted = req.experiments && req.experiments.length > 0 ? new Set(req.experiments) : undefined;
    const experiments: Assignment[] = [];
    for (const e of defs.experiments) {
      if (wanted && !wanted.has(e.key)) continue;
      const a = assignExperiment(e, req.attributes, now);
      experiments.push(a);
      if (a.inExperiment && req.expose !== false) this.expose(req, a, now);
    }
    const features: Record<string, unknown> = {};
    for (const f of defs.flags) features[f.key] = evaluateFlag(f, req.attributes);
    return { personId: req.personId, experiments, features };
  }

  /**
   * Buffers an `exposure` event: under the identity key that was assigned, with a deterministic event id
   * per (experiment, person, unit), so the event store keeps exactly one whatever the repeats.
   */
  private expose(req: AssignRequest, a: Assignment, ts: number): void {
    const id = `${req.tenant}\u0000${a.experimentId}\u0000${req.personId}\u0000${a.unit}`;
    if (this.seen.has(id)) return;
    const parsed = parseIdentityKey(req.exposureKey ?? req.key);
    if (!parsed) return;
    if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
    this.seen.add(id);
    const given = req.attributes.platform;
    const platform = (parsed.platform ?? (typeof given === 'string' && (PLATFORMS as readonly string[]).includes(given) ? given : 'other')) as Platform;
    const eventId = `xp_${createHash('sha256').update(`${a.experimentId}|${req.personId}|${a.unit}`).digest('base64url').slice(0, 24)}`;
    this.pending.push({
      eventId, tenant: req.tenant, name: 'exposure', platform, ts, receivedAt: ts, schemaVersion: SCHEMA_VERSION, [parsed.field]: parsed.value,
      experimentId: a.experimentId, variantId: a.variation ?? '', ...(typeof req.attributes.creatorId === 'string' ? { creatorId: req.attributes.creatorId } : {}),
      ...(typeof req.attributes.liveId === 'string' ? { liveId: req.attributes.liveId } : {}), properties: {},
    });
  }

  /** Writes buffered exposures (on failure they stay buffered and the error is thrown). */
  flush(): Promise<void> {
    const run = this.flushing.then(async () => {
      const batch = this.pending;
      if (batch.length === 0) return;
      this.pending = [];
      try {
        await this.sink(batch);
      } catch (err) {
        this.pending = batch.concat(this.pending);
        throw err;
      }
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Stops the flush timer and writes what is buffered. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
