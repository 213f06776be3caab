import type { ErrorCode } from '../../../../shared/errors/index.js';

/**
 * A canonical event in wire form, as a client would send it to the ingestion API: `name`,
 * `platform`, `ts` (UTC epoch ms), identities, ids, `amount` in integer minor units with `currency`,
 * and `properties`. The ingestion service validates it with `validateEvent`.
 */
export type WireEvent = Record<string, unknown>;

/** The outcome of mapping one row: a wire event, or a catalogued code and a reason. Never thrown. */
export type MapOutcome =
  | { readonly ok: true; readonly event: WireEvent }
  | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

/** Maps one parsed row (CSV fields or a record of named values) found at a 1-based line. */
export type RowMapper<Row> = (row: Row, line: number) => MapOutcome;

/** A header checked against a format: the mapper bound to its column positions, or why it does not fit. */
export type HeaderBinding<Row> =
  | { readonly ok: true; readonly map: RowMapper<Row> }
  | { readonly ok: false; readonly code: 'import_bad_header'; readonly reason: string };

/** Builds a failed outcome. */
export function rejectRow(code: ErrorCode, reason: string): MapOutcome {
  return { ok: false, code, reason };
}

/**
 * Finds the position of each required column in a header (case-sensitive names, surrounding spaces ignored).
 * Returns the positions, or the list of missing names.
 */
export function locateColumns<const K extends string>(
  header: readonly string[], names: readonly K[],
): { ok: true; at: Record<K, number> } | { ok: false; missing: K[] } {
  const at = {} as Record<K, number>;
  const missing: K[] = [];
  for (const name of names) {
    const i = header.findIndex((column) => column.trim() === name);
    if (i === -1) missing.push(name);
    else at[name] = i;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, at };
}
