import { AppError } from '../../shared/errors/index.js';
import { newId } from '../../shared/ids.js';
import { SerialQueue } from '../../shared/serial-queue.js';
import type { Clock } from '../../shared/time.js';
import { identityKeysOf, KEY_KINDS, type CanonicalEvent } from '../events/index.js';
import { pairId, planLinks, type LinkEvidence } from './domain/link-planner.js';
import type { IdentityStore, MergeRecord } from './identity.store.js';

const KIND_RANK = new Map<string, number>(KEY_KINDS.map((k, i) => [k, i]));

/** Orders identity keys strongest kind first (user, union, buyer, phone, openid, anon), then by text. */
function sortStrongestFirst(keys: string[]): string[] {
  const rank = (k: string): number => KIND_RANK.get(k.slice(0, k.indexOf(':'))) ?? KEY_KINDS.length;
  return keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A person as the API shows it: the keys that resolve to it (strongest first) and the merges that built it. */
export interface PersonView { readonly personId: string; readonly keys: string[]; readonly merges: MergeRecord[] }

const CACHE_LIMIT = 2_000_000;
/**
 * A key → person map read for analysis is reused until this process changes the tenant's graph, or for at
 * most this long (another process sharing a PostgreSQL store may have changed it).
 */
const RESOLVER_TTL_MS = 30_000;
/** Tenants whose maps are kept at once. */
const RESOLVER_TENANTS = 8;

interface PendingWork {
  readonly candidates: Set<string>;
  readonly links: LinkEvidence[];
  readonly linked: Set<string>;
  readonly waiters: { resolve(): void; reject(err: unknown): void }[];
}

/** Lookups cached for one graph version: another process's changes are seen within this time. */
const LOOKUP_TTL_MS = 30_000;
const LOOKUP_LIMIT = 100_000;

interface Lookups {
  readonly version: number;
  readonly at: number;
  readonly personOf: Map<string, string>;
  readonly keysOf: Map<string, readonly string[]>;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= LOOKUP_LIMIT) map.clear();
  map.set(key, value);
}

/**
 * The cross-platform identity graph: observes the identity keys events carry, links them
 * (union-find into personIds, capped, every merge recorded with its evidence), and resolves keys to
 * persons. Writes are serialised per process; in-memory sets of known keys and pairs skip the store
 * on the hot path (they only ever skip work, never decide a person).
 */
export class IdentityService {
  private readonly knownKeys = new Map<string, Set<string>>();
  private readonly knownPairs = new Map<string, Set<string>>();
  private readonly writes = new SerialQueue();
  /** Per tenant, a counter bumped by every graph change, and the last key → person map read at a version. */
  private readonly versions = new Map<string, number>();
  private readonly resolved = new Map<string, { version: number; at: number; map: Promise<ReadonlyMap<string, string>> }>();
  private readonly pending = new Map<string, PendingWork>();
  private draining = false;
  /** Per tenant, key → person and person → keys answers read at a graph version (the serving path's lookups). */
  private readonly lookups = new Map<string, Lookups>();

  constructor(private readonly store: IdentityStore, private readonly cap: number, private readonly clock: Clock) {}

  /** Records the keys and links of a batch of validated events. */
  observe(tenant: string, events: readonly CanonicalEvent[]): Promise<void> {
    const keys = this.cache(this.knownKeys, tenant);
    const pairs = this.cache(this.knownPairs, tenant);
    const links: LinkEvidence[] = [];
    const linked = new Set<string>();
    const candidates = new Set<string>();
    for (const e of events) {
      const ks = identityKeysOf(e);
      for (const k of ks) if (!keys.has(k)) candidates.add(k);
      for (let i = 0; i < ks.length; i++) {
        for (let j = i + 1; j < ks.length; j++) {
          const a = ks[i] as string;
          const b = ks[j] as string;
          if (pairs.has(pairId(a, b))) continue;
          links.push({ a, b, eventId: e.eventId, ts: e.ts, source: e.name });
          linked.add(a);
          linked.add(b);
        }
      }
    }
    if (candidates.size === 0 && links.length === 0) return Promise.resolve();
    return this.enqueue(tenant, candidates, links, linked);
  }

  /**
   * Group commit for the graph: observations that arrive while a write is in flight are planned and
   * applied together in the next one (one view read, one transaction), like the event BatchWriter.
   */
  private enqueue(tenant: string, candidates: Set<string>, links: LinkEvidence[], linked: Set<string>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let work = this.pending.get(tenant);
      if (!work) { work = { candidates: new Set(), links: [], linked: new Set(), waiters: [] }; this.pending.set(tenant, work); }
      for (const k of candidates) work.candidates.add(k);
      for (const l of links) work.links.push(l);
      for (const k of linked) work.linked.add(k);
      work.waiters.push({ resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.writes.run(() => this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const [tenant, work] = this.pending.entries().next().value as [string, PendingWork];
        this.pending.delete(tenant);
        try {
          await this.apply(tenant, work);
          for (const w of work.waiters) w.resolve();
        } catch (err) {
          for (const w of work.waiters) w.reject(err);
        }
      }
    } finally {
      // Cleared in the same tick the queue is seen empty: a caller woken by the resolves above runs
      // after this and must find no drain running, or its work would wait forever.
      this.draining = false;
    }
  }

  private async apply(tenant: string, work: PendingWork): Promise<void> {
    const keys = this.cache(this.knownKeys, tenant);
    const pairs = this.cache(this.knownPairs, tenant);
    // Keys that arrive with a new link get their person from the link; only the rest are lone.
    const lone = [...work.candidates].filter((k) => !work.linked.has(k) && !keys.has(k));
    const links = work.links.filter((l) => !pairs.has(pairId(l.a, l.b)));
    if (lone.length === 0 && links.length === 0) return;
    const all = new Set(lone);
    for (const l of links) { all.add(l.a); all.add(l.b); }
    const view = await this.store.loadView(tenant, [...all]);
    const now = this.clock.now();
    const plan = planLinks(view, lone, links, this.cap, () => newId('per', now));
    if (plan.assign.size > 0 || plan.edges.length > 0 || plan.merges.length > 0) {
      await this.store.applyPlan(tenant, plan, now, () => newId('idm', now));
      this.changed(tenant);
    }
    for (const k of all) keys.add(k);
    for (const p of view.knownPairs) pairs.add(p);
    for (const e of plan.edges) pairs.add(pairId(e.a, e.b));
  }

  /** Explicitly links identifiers (the `identify`/`alias` API). */
  async link(tenant: string, keys: readonly string[], source: 'identify' | 'alias', eventId: string): Promise<string> {
    if (new Set(keys).size < 2) throw new AppError('identity_invalid_link', 'give at least two different identifiers');
    const ts = this.clock.now();
    const links = keys.slice(1).map((b) => ({ a: keys[0] as string, b, eventId, ts, source }));
    // The same group-commit path as observed links: one planner, one writer, caches kept current.
    await this.enqueue(tenant, new Set(), links, new Set(keys));
    return (await this.store.personOf(tenant, keys[0] as string)) as string;
  }

  /** The person a key resolves to (cached until the tenant's graph changes, at most `LOOKUP_TTL_MS`). */
  async personOf(tenant: string, key: string): Promise<string | undefined> {
    const cache = this.lookupsOf(tenant);
    const hit = cache.personOf.get(key);
    if (hit !== undefined) return hit;
    const person = await this.store.personOf(tenant, key);
    if (person !== undefined && this.lookupsOf(tenant) === cache) remember(cache.personOf, key, person);
    return person;
  }

  /** A person's keys, strongest first (cached like `personOf`); empty when the person is unknown. */
  async keysOf(tenant: string, personId: string): Promise<readonly string[]> {
    const cache = this.lookupsOf(tenant);
    const hit = cache.keysOf.get(personId);
    if (hit !== undefined) return hit;
    const keys = sortStrongestFirst(await this.store.keysOf(tenant, personId));
    if (keys.length > 0 && this.lookupsOf(tenant) === cache) remember(cache.keysOf, personId, keys);
    return keys;
  }

  private lookupsOf(tenant: string): Lookups {
    const version = this.versions.get(tenant) ?? 0;
    const now = this.clock.now();
    let cache = this.lookups.get(tenant);
    if (!cache || cache.version !== version || now - cache.at >= LOOKUP_TTL_MS) {
      cache = { version, at: now, personOf: new Map(), keysOf: new Map() };
      this.lookups.set(tenant, cache);
    }
    return cache;
  }

  /** A person's keys and merge history; 404 when the person is unknown to this tenant. */
  async getPerson(tenant: string, personId: string): Promise<PersonView> {
    const keys = sortStrongestFirst(await this.store.keysOf(tenant, personId));
    if (keys.length === 0) throw new AppError('identity_person_not_found', `person ${personId} not found`);
    return { personId, keys, merges: await this.store.mergesOf(tenant, personId) };
  }

  /**
   * Every key → person of a tenant: analysis resolves events to persons with it. Shared and read-only:
   * concurrent and later analyses reuse one map until the graph changes (or `RESOLVER_TTL_MS` passes).
   */
  resolver(tenant: string): Promise<ReadonlyMap<string, string>> {
    const version = this.versions.get(tenant) ?? 0;
    const now = this.clock.now();
    const hit = this.resolved.get(tenant);
    if (hit && hit.version === version && now - hit.at < RESOLVER_TTL_MS) return hit.map;
    const map = this.store.allAssignments(tenant);
    const entry = { version, at: now, map };
    this.resolved.delete(tenant);
    if (this.resolved.size >= RESOLVER_TENANTS) this.resolved.delete(this.resolved.keys().next().value as string);
    this.resolved.set(tenant, entry);
    map.catch(() => { if (this.resolved.get(tenant) === entry) this.resolved.delete(tenant); });
    return map;
  }

  /** The graph of a tenant changed: resolvers built before are stale. */
  private changed(tenant: string): void {
    this.versions.set(tenant, (this.versions.get(tenant) ?? 0) + 1);
    this.resolved.delete(tenant);
  }

  /** Deletes a person from the graph; returns what was removed. */
  async erase(tenant: string, personId: string): Promise<{ keys: string[]; edges: number; merges: number }> {
    const out = await this.writes.run(() => this.store.erasePerson(tenant, personId));
    this.forget(tenant);
    return out;
  }

  private forget(tenant: string): void {
    this.changed(tenant);
    this.knownKeys.delete(tenant);
    this.knownPairs.delete(tenant);
  }

  private cache(map: Map<string, Set<string>>, tenant: string): Set<string> {
    let set = map.get(tenant);
    if (!set || set.size > CACHE_LIMIT) { set = new Set(); map.set(tenant, set); }
    return set;
  }

}
