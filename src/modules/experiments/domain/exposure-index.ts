import type { Design } from './experiment.js';

/**
 * The analysed units of an experiment, built from its exposure log. Pure. Rules (ADR 0013):
 * - exposures are keyed by the person their identity key belongs to *now* (a merge after exposure keeps it);
 * - person and cluster designs: one unit per person, its earliest exposure; a person exposed to two
 *   different variations (e.g. two devices merged later) is excluded and counted in `conflicts`;
 * - switchback: one unit per (person, slot); exposures in a slot's burn-in minutes are excluded
 *   (carry-over from the previous slot) and counted in `burnIn`; a slot's observation ends with the slot.
 */

/** One analysed observation. */
export interface Unit {
  readonly variation: number;
  readonly ts: number;
  readonly cluster: string;
  /** The last instant whose events count for this unit (inclusive), or Infinity (the analysis time). */
  readonly until: number;
}

/** What the index keeps per exposure fed to it. */
export interface ExposureInput {
  readonly person: string;
  readonly unit: string;
  readonly cluster: string;
  readonly variation: number;
  readonly ts: number;
}

interface Draft { variation: number; ts: number; cluster: string; until: number; conflict: boolean }

/** Collects exposures (any order) into analysed units per person. */
export class ExposureIndex {
  private readonly persons = new Map<string, Draft | Draft[]>();
  burnIn = 0;

  constructor(private readonly design: Design) {}

  add(x: ExposureInput): void {
    const d = this.design;
    if (d.kind === 'switchback') {
      const slotMs = d.slotMinutes * 60_000;
      const slot = Number(x.unit.slice(x.unit.lastIndexOf('#') + 1));
      const start = slot * slotMs;
      if (!Number.isFinite(slot) || x.ts < start + d.burnInMinutes * 60_000) { this.burnIn++; return; }
      const list = (this.persons.get(x.person) as Draft[] | undefined) ?? [];
      const same = list.find((u) => u.cluster === x.cluster);
      if (same) { if (x.ts < same.ts) same.ts = x.ts; return; }
      list.push({ variation: x.variation, ts: x.ts, cluster: x.cluster, until: start + slotMs - 1, conflict: false });
      this.persons.set(x.person, list);
      return;
    }
    const seen = this.persons.get(x.person) as Draft | undefined;
    if (!seen) { this.persons.set(x.person, { variation: x.variation, ts: x.ts, cluster: x.cluster, until: Infinity, conflict: false }); return; }
    if (seen.variation !== x.variation) seen.conflict = true;
    if (x.ts < seen.ts) { seen.ts = x.ts; seen.cluster = x.cluster; }
  }

  /** The person's analysed units (empty when not exposed or excluded). */
  unitsOf(person: string): readonly Unit[] {
    const v = this.persons.get(person);
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    return v.conflict ? [] : [v];
  }

  /** The person's analysed units, forgetting the person (each is measured once; memory shrinks as a scan goes). */
  take(person: string): readonly Unit[] {
    const units = this.unitsOf(person);
    this.persons.delete(person);
    return units;
  }

  /** Every exposed person not taken yet, in insertion order. */
  people(): IterableIterator<string> {
    return this.persons.keys();
  }

  /** Persons excluded for having seen more than one variation. */
  get conflicts(): number {
    let n = 0;
    for (const v of this.persons.values()) if (!Array.isArray(v) && v.conflict) n++;
    return n;
  }

  /** Randomisation units per variation: persons, or distinct clusters in cluster and switchback designs. */
  unitCounts(variations: number): number[] {
    const counts = new Array<number>(variations).fill(0);
    const clusters = new Set<string>();
    for (const v of this.persons.values()) {
      for (const u of Array.isArray(v) ? v : [v]) {
        if (!Array.isArray(v) && v.conflict) continue;
        if (this.design.kind === 'person') counts[u.variation] = (counts[u.variation] ?? 0) + 1;
        else if (!clusters.has(u.cluster)) { clusters.add(u.cluster); counts[u.variation] = (counts[u.variation] ?? 0) + 1; }
      }
    }
    return counts;
  }
}
