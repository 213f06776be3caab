import { IDENTITY_FIELDS, INTEGER_FIELDS, PERSONAL_FIELDS, STRING_FIELDS } from '../../../events/index.js';
import { parsePlainInt } from '../field-parse.js';
import { importEventId } from '../import-id.js';
import { rejectRow, type HeaderBinding, type MapOutcome, type WireEvent } from './format-types.js';

/**
 * Records whose keys are canonical field names (the `csv` and `parquet` formats). Decisions (FORMATS.md):
 * - a key naming a canonical field goes to the top level; integer fields (amount, quantity, watchMs,
 *   durationMs, stock, schemaVersion) given as text are parsed as base-10 integers (a non-integer is a
 *   row error); `ts`/`timestamp` given as digits becomes epoch ms, other text is left for the validator
 *   to read as ISO-8601;
 * - `properties` and `consent` may hold a JSON object (text or structured); `properties.<key>` columns
 *   and every other unknown column go into properties; empty cells and nulls are left out;
 * - a missing eventId is synthesised as `<format>_<line>_<hash of the row>` so re-imports dedupe.
 */
const TOP_LEVEL: ReadonlySet<string> = new Set<string>([
  'eventId', 'tenant', 'name', 'event', 'platform', 'ts', 'timestamp', 'currency',
  ...IDENTITY_FIELDS, ...STRING_FIELDS, ...PERSONAL_FIELDS,
]);
const INTEGER_KEYS: ReadonlySet<string> = new Set<string>([...INTEGER_FIELDS, 'schemaVersion']);
const OBJECT_KEYS: ReadonlySet<string> = new Set<string>(['properties', 'consent']);
const PROPERTY_PREFIX = 'properties.';

/**
 * Checks the column names of a canonical file: non-empty, unique, and naming the event (`name` or
 * `event`). Returns the reason when they do not fit, else undefined.
 */
export function checkCanonicalColumns(columns: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === '') return 'a column has an empty name';
    if (seen.has(column)) return `column ${column} appears twice`;
    seen.add(column);
  }
  if (!seen.has('name') && !seen.has('event')) return 'no column names the event: add a "name" column';
  return undefined;
}

function readObject(key: string, value: unknown): Record<string, unknown> | string {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return `${key} is not valid JSON`;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return `${key} must be a JSON object`;
  return parsed as Record<string, unknown>;
}

/**
 * Maps one record with canonical keys to a wire event.
 * @param fallbackId builds the eventId when the record has none (called only then)
 */
export function mapCanonicalRecord(record: Readonly<Record<string, unknown>>, line: number, fallbackId: () => string): MapOutcome {
  const event: WireEvent = {};
  let properties: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined || value === null || value === '') continue;
    if (INTEGER_KEYS.has(key)) {
      const n = typeof value === 'string' ? parsePlainInt(value.trim()) : value;
      if (n === undefined) return rejectRow('import_bad_row', `${key} ${JSON.stringify(value)} is not an integer`);
      event[key] = n;
    } else if (key === 'ts' || key === 'timestamp') {
      event[key] = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    } else if (OBJECT_KEYS.has(key)) {
      const object = readObject(key, value);
      if (typeof object === 'string') return rejectRow('import_bad_row', object);
      if (key === 'properties') properties = { ...object };
      else event[key] = object;
    } else if (key.startsWith(PROPERTY_PREFIX) && key.length > PROPERTY_PREFIX.length) {
      extra[key.slice(PROPERTY_PREFIX.length)] = value;
    } else if (TOP_LEVEL.has(key)) {
      event[key] = value;
    } else {
      extra[key] = value;
    }
  }
  if (event.name === undefined && event.event === undefined) return rejectRow('import_bad_row', 'the event name is empty');
  if (event.eventId === undefined) event.eventId = fallbackId();
  event.properties = Object.assign(properties, extra);
  return { ok: true, event };
}

/** Binds the canonical CSV mapper to a header naming canonical fields (see `checkCanonicalColumns`). */
export function createCanonicalCsvMapper(header: readonly string[]): HeaderBinding<readonly string[]> {
  const columns = header.map((column) => column.trim());
  const problem = checkCanonicalColumns(columns);
  if (problem !== undefined) return { ok: false, code: 'import_bad_header', reason: problem };
  return {
    ok: true,
    map: (row: readonly string[], line: number): MapOutcome => {
      const record: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) record[columns[i] as string] = row[i] ?? '';
      return mapCanonicalRecord(record, line, () => importEventId('csv', line, row));
    },
  };
}
