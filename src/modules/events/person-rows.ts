import type { AnalysisRow } from './events.store.js';

/**
 * Groups a scan's rows by person. Rows arrive ordered by identity key, then time (`streamAnalysisRows`):
 * a person known under one key is handed over as soon as their key ends, so memory holds one person at a
 * time; persons merged from several keys are gathered until the scan ends, then handed over in time
 * order (stable). Keys unknown to `persons` are their own person.
 * @param persons identity key → person (the identity graph's resolver)
 * @param onPerson called once per person with all their rows
 * @param wanted persons to hand over (default all); others' rows are dropped as they pass
 */
export async function forEachPersonRows(
  batches: AsyncIterable<readonly AnalysisRow[]>, persons: ReadonlyMap<string, string>,
  onPerson: (person: string, rows: AnalysisRow[]) => void, wanted: (person: string) => boolean = () => true,
): Promise<void> {
  const keyCount = new Map<string, number>();
  for (const person of persons.values()) keyCount.set(person, (keyCount.get(person) ?? 0) + 1);
  const merged = new Map<string, AnalysisRow[]>();
  const endKey = (key: string, rows: AnalysisRow[]): void => {
    const person = persons.get(key) ?? key;
    if (!wanted(person)) return;
    if ((keyCount.get(person) ?? 1) === 1) { onPerson(person, rows); return; }
    const list = merged.get(person);
    if (list) list.push(...rows); else merged.set(person, rows);
  };
  let key: string | undefined;
  let rows: AnalysisRow[] = [];
  for await (const batch of batches) {
    for (const row of batch) {
      if (row.identityKey !== key) {
        if (key !== undefined) endKey(key, rows);
        key = row.identityKey;
        rows = [];
      }
      rows.push(row);
    }
  }
  if (key !== undefined) endKey(key, rows);
  for (const [person, list] of merged) onPerson(person, list.sort((a, b) => a.ts - b.ts));
}
