import { AppError } from '../shared/errors/index.js';
import { parseTimestamp } from '../shared/time.js';

/** Reads a time flag given as epoch ms or ISO-8601; undefined when absent; `cli_usage` when unreadable. */
export function parseTimeFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(/^\d+$/.test(value) ? Number(value) : value);
  if (ms === undefined) throw new AppError('cli_usage', `time ${value} is neither epoch ms nor ISO-8601`);
  return ms;
}
