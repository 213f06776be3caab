import { AppError } from '../shared/errors/index.js';
import { parseTimestamp } from '../shared/time.js';

/** Flag readers every command shares; errors are `cli_usage` (exit 2) unless a module's own check applies. */

/** Reads a time flag given as epoch ms or ISO-8601; undefined when absent; `cli_usage` when unreadable. */
export function parseTimeFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(/^\d+$/.test(value) ? Number(value) : value);
  if (ms === undefined) throw new AppError('cli_usage', `time ${value} is neither epoch ms nor ISO-8601`);
  return ms;
}

/** Reads a number flag as written (the service checks its range; NaN fails there). */
export const numberFlag = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));

/** Reads a comma-separated list flag; empty items are dropped. */
export const listFlag = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean));

/** Reads a flag that must be a positive integer; `cli_usage` otherwise. */
export function positiveIntFlag(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('cli_usage', `--${name} must be a positive integer, got ${value}`);
  return n;
}

/** Reads a flag that must be a whole number in [lo, hi]; `cli_usage` otherwise. */
export function boundedIntFlag(name: string, value: string, lo: number, hi: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < lo || n > hi) throw new AppError('cli_usage', `--${name} is a whole number in ${lo}–${hi}, got ${value}`);
  return n;
}
