import { ANALYSIS_DIMENSIONS, EVENT_NAMES, type AnalysisRow } from '../../events/index.js';

/**
 * A person's timeline: their analysis rows, from every identity key the identity graph resolves to
 * them, in one total order. Rows of one person may come from several keys, so the store's order (by
 * key, then time) is not enough: rows are re-sorted by
 * (ts, canonical event rank, name, identityKey, sessionId, the breakdown dimensions, orderId, amount).
 * The canonical rank (the order of `EVENT_NAMES`, i.e. the eight funnel nodes first, impression → pay)
 * decides ties in the same millisecond, so a `detail_view` and an `add_to_cart` logged in the same
 * second read as view-then-cart. Rows equal on every compared field are interchangeable for every
 * report of this module.
 */
export type TimelineEvent = Readonly<AnalysisRow>;

const RANK: ReadonlyMap<string, number> = new Map(EVENT_NAMES.map((n, i) => [n, i]));
const rankOf = (name: string): number => RANK.get(name) ?? EVENT_NAMES.length;

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The total order of events inside a timeline (see `TimelineEvent`). */
export function compareTimelineEvents(a: TimelineEvent, b: TimelineEvent): number {
  const byTime = a.ts - b.ts || rankOf(a.name) - rankOf(b.name) || compareText(a.name, b.name)
    || compareText(a.identityKey, b.identityKey) || compareText(a.sessionId, b.sessionId);
  if (byTime !== 0) return byTime;
  for (const dim of ANALYSIS_DIMENSIONS) {
    const c = compareText(a[dim], b[dim]);
    if (c !== 0) return c;
  }
  return compareText(a.orderId, b.orderId) || (a.amount ?? -1) - (b.amount ?? -1);
}

/**
 * Groups rows by person (`persons` maps identity key → person id; an unmapped key is its own person)
 * and sorts each person's rows with `compareTimelineEvents`. Returns person id → timeline.
 */
export function buildTimelines(rows: Iterable<TimelineEvent>, persons: ReadonlyMap<string, string>): Map<string, TimelineEvent[]> {
  const out = new Map<string, TimelineEvent[]>();
  for (const row of rows) {
    const person = persons.get(row.identityKey) ?? row.identityKey;
    const list = out.get(person);
    if (list) list.push(row); else out.set(person, [row]);
  }
  for (const list of out.values()) list.sort(compareTimelineEvents);
  return out;
}
