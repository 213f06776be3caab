import { AppError } from '../shared/errors/index.js';
import { parseTimestamp } from '../shared/time.js';

/**
 * Reads a time query parameter given as epoch ms or ISO-8601 (no zone means UTC, as everywhere in
 * Reelpath: `parseTimestamp`); undefined when absent; 400 when unreadable.
 */
export function timeParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = parseTimestamp(/^\d+$/.test(value) ? Number(value) : value);
  if (n === undefined || !Number.isSafeInteger(n)) throw new AppError('api_invalid_request', `${name}=${value} is neither epoch ms nor ISO-8601`);
  return n;
}

/** Reads a boolean query parameter (`true`/`false`/`1`/`0`); 400 otherwise. */
export function booleanParam(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new AppError('api_invalid_request', `${name}=${value} is not true or false`);
}

/** Reads a number parameter; absent → undefined; anything else goes to the service check as written (NaN included). */
export function numberParam(value: string | undefined): number | undefined {
  return value === undefined || value === '' ? undefined : Number(value);
}

/** Reads a comma-separated list; absent → undefined. */
export function listParam(value: string | undefined): string[] | undefined {
  return value === undefined || value === '' ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The query parameter naming a monitored scope (live board, per-minute series). */
export const SCOPE_QUERY = { type: 'string', description: 'all (default), platform:<p>, creator:<id> or live:<id>' } as const;

/** A whole-number parameter within [lo, hi]: clamped, and the default when absent or not a number. */
export function boundedInt(value: string | undefined, lo: number, hi: number, fallback: number): number {
  const n = numberParam(value);
  return n === undefined || !Number.isFinite(n) ? fallback : Math.min(hi, Math.max(lo, Math.floor(n)));
}
