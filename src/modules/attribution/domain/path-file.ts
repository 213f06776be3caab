import { AppError } from '../../../shared/errors/index.js';
import type { Journey } from './journey.js';

/**
 * ChannelAttribution's path file: a header line, then one path per line,
 * `path;total_conversions;total_conversion_value;total_null` with channels separated by ` > `.
 * The value and null columns are optional; columns are found by their header names, in any order.
 * Cells may be wrapped in double quotes; blank lines are skipped; CRLF and a UTF-8 BOM are accepted.
 */
export interface PathFile {
  readonly journeys: Journey[];
  /** True when the file has a `total_conversion_value` column. */
  readonly hasValue: boolean;
}

const COLUMNS = ['path', 'total_conversions', 'total_conversion_value', 'total_null'] as const;
const MAX_REPORTED = 10;

const cell = (s: string): string => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
};

/**
 * Parses a path file. Throws `attribution_path_file_empty` (no header or no rows),
 * `attribution_path_file_header` (no `path` or `total_conversions` column, an unknown or repeated
 * column) or `attribution_path_file_row` (details.errors lists `{line, reason}` for up to 10 bad rows).
 */
export function parsePathFile(text: string): PathFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new AppError('attribution_path_file_empty', 'the path file is empty; expected a header `path;total_conversions[;total_conversion_value][;total_null]` and rows');
  const header = (lines[headerAt] as string).split(';').map((h) => cell(h).toLowerCase());
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (!header.includes('path') || !header.includes('total_conversions') || unknown.length > 0 || repeated.length > 0) {
    throw new AppError('attribution_path_file_header', `header "${lines[headerAt]}" must name path and total_conversions, optionally total_conversion_value and total_null, each once, separated by ;`, {
      details: { header, unknown, repeated },
    });
  }
  const col = (name: (typeof COLUMNS)[number]): number => header.indexOf(name);
  const errors: { line: number; reason: string }[] = [];
  const journeys: Journey[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = raw.split(';').map(cell);
    if (cells.length !== header.length) { errors.push({ line, reason: `expected ${header.length} columns separated by ;, got ${cells.length}` }); continue; }
    const channels = (cells[col('path')] as string).split('>').map((c) => c.trim());
    if (channels.some((c) => c === '')) { errors.push({ line, reason: 'path has an empty channel (channels are separated by " > ")' }); continue; }
    const number = (name: (typeof COLUMNS)[number]): number | string => {
      const at = col(name);
      if (at < 0) return 0;
      const s = cells[at] as string;
      const v = s === '' ? NaN : Number(s);
      return Number.isFinite(v) && v >= 0 ? v : `${name} "${s}" is not a non-negative number`;
    };
    const conversions = number('total_conversions');
    const value = number('total_conversion_value');
    const nulls = number('total_null');
    const bad = [conversions, value, nulls].find((v) => typeof v === 'string');
    if (bad !== undefined) { errors.push({ line, reason: bad as string }); continue; }
    journeys.push({ touches: channels.map((channel) => ({ channel })), conversions: conversions as number, value: value as number, nulls: nulls as number });
  }
  if (errors.length > 0) {
    const first = errors[0] as { line: number; reason: string };
    throw new AppError('attribution_path_file_row', `${errors.length} bad row(s); line ${first.line}: ${first.reason}`, { details: { errors: errors.slice(0, MAX_REPORTED), badRows: errors.length } });
  }
  if (journeys.length === 0) throw new AppError('attribution_path_file_empty', 'the path file has a header but no rows');
  return { journeys, hasValue: header.includes('total_conversion_value') };
}
