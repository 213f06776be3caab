import { AppError } from '../shared/errors/index.js';

/** Reads a time query parameter given as epoch ms or ISO-8601; undefined when absent; 400 when unreadable. */
export function timeParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(n)) throw new AppError('api_invalid_request', `${name}=${value} is neither epoch ms nor ISO-8601`);
  return n;
}
