import { parseIdentityKey } from '../../events/index.js';

/**
 * Deterministic identity resolution, pure. Identity keys (see events/domain/identity-keys.ts) are
 * nodes; an event carrying several keys links each pair. Union-find over the links gives persons.
 *
 * The cap: one identifier may link at most `cap` distinct identifiers of any one class (kind plus
 * platform, e.g. `openid:douyin`). A proxy or shared phone that shows up with a crowd of Douyin
 * accounts stops merging at the cap; the refused link is recorded with its evidence, not applied.
 */

/** One observed link between two identity keys, with the event that showed it. */
export interface LinkEvidence { readonly a: string; readonly b: string; readonly eventId: string; readonly ts: number; readonly source: string }

/** The part of the stored graph the planner needs, prefetched for the keys in play. */
export interface GraphView {
  /** Current person of each key (undefined = never seen). */
  readonly personOf: ReadonlyMap<string, string>;
  /** Linked-neighbour counts: `${key}|${class}` → how many distinct keys of that class it links. */
  readonly neighbourCount: ReadonlyMap<string, number>;
  /** Pairs already linked (or refused) — `${a}|${b}` with a < b. */
  readonly knownPairs: ReadonlySet<string>;
}

export interface PlannedEdge { readonly a: string; readonly b: string; readonly status: 'linked' | 'refused'; readonly evidence: LinkEvidence }
export interface PlannedMerge { readonly from: string; readonly into: string; readonly via: LinkEvidence }
export interface PlannedRefusal { readonly evidence: LinkEvidence; readonly key: string; readonly cls: string; readonly count: number }

export interface LinkPlan {
  /** New keys and the person each joins. */
  readonly assign: Map<string, string>;
  readonly edges: PlannedEdge[];
  /** Person merges in order: every key of `from` moves to `into`. */
  readonly merges: PlannedMerge[];
  readonly refusals: PlannedRefusal[];
}

/** The class of a key: its kind, plus its platform when the kind is platform-scoped. */
export function keyClass(key: string): string {
  const parsed = parseIdentityKey(key);
  if (!parsed) return key;
  return parsed.platform === undefined ? parsed.kind : `${parsed.kind}:${parsed.platform}`;
}

/** Canonical pair id, order-independent. */
export function pairId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Plans the graph changes for a batch of single keys (`lone`) and links. New person ids come from
 * `newPersonId`; merges always go into the older person (smaller id: ids are time-sortable).
 */
export function planLinks(view: GraphView, lone: readonly string[], links: readonly LinkEvidence[], cap: number, newPersonId: () => string): LinkPlan {
  const person = new Map(view.personOf);
  const counts = new Map(view.neighbourCount);
  const known = new Set(view.knownPairs);
  const members = new Map<string, Set<string>>();
  const plan: LinkPlan = { assign: new Map(), edges: [], merges: [], refusals: [] };

  const track = (p: string, key: string): void => {
    let set = members.get(p);
    if (!set) { set = new Set(); members.set(p, set); }
    set.add(key);
  };
  for (const [k, p] of person) track(p, k);
  const ensure = (key: string): string => {
    let p = person.get(key);
    if (p === undefined) {
      p = newPersonId();
      person.set(key, p);
      plan.assign.set(key, p);
    }
    return p;
  };

  for (const key of lone) track(ensure(key), key);
  for (const ev of links) {
    if (ev.a === ev.b) continue;
    const id = pairId(ev.a, ev.b);
    if (known.has(id)) continue;
    known.add(id);
    const ca = `${ev.a}|${keyClass(ev.b)}`;
    const cb = `${ev.b}|${keyClass(ev.a)}`;
    const na = (counts.get(ca) ?? 0) + 1;
    const nb = (counts.get(cb) ?? 0) + 1;
    if (na > cap || nb > cap) {
      const [key, cls, count] = na > cap ? [ev.a, keyClass(ev.b), na] : [ev.b, keyClass(ev.a), nb];
      plan.refusals.push({ evidence: ev, key, cls, count: count - 1 });
      plan.edges.push({ a: ev.a, b: ev.b, status: 'refused', evidence: ev });
      track(ensure(ev.a), ev.a);
      track(ensure(ev.b), ev.b);
      continue;
    }
    counts.set(ca, na);
    counts.set(cb, nb);
    plan.edges.push({ a: ev.a, b: ev.b, status: 'linked', evidence: ev });
    const pa = person.get(ev.a);
    const pb = person.get(ev.b);
    if (pa === undefined && pb === undefined) {
      const p = ensure(ev.a);
      person.set(ev.b, p); plan.assign.set(ev.b, p);
      track(p, ev.a); track(p, ev.b);
    } else if (pa === undefined || pb === undefined) {
      const p = (pa ?? pb) as string;
      const fresh = pa === undefined ? ev.a : ev.b;
      person.set(fresh, p); plan.assign.set(fresh, p);
      track(p, fresh);
    } else if (pa !== pb) {
      const [into, from] = pa < pb ? [pa, pb] : [pb, pa];
      plan.merges.push({ from, into, via: ev });
      // Re-point keys of `from` that this batch knows about; the store moves the rest.
      for (const k of members.get(from) ?? []) {
        person.set(k, into);
        if (plan.assign.has(k)) plan.assign.set(k, into);
        track(into, k);
      }
      members.delete(from);
    }
  }
  return plan;
}
