import { AppError } from '../shared/errors/index.js';
import { timeParam } from './query-params.js';

/** Query parameters every retention and segments route accepts. */
export interface BuyerQueryParams { from?: string; to?: string; includeGuests?: string; excludeProducts?: string }

/** OpenAPI properties of `BuyerQueryParams`. */
export const BUYER_QUERY_PROPERTIES = {
  from: { type: 'string', description: 'Events at or after (epoch ms or ISO-8601)' },
  to: { type: 'string', description: 'End of observation, exclusive (epoch ms or ISO-8601); default now' },
  includeGuests: { type: 'string', description: 'true to keep persons known only by anonymous ids (guest checkouts); default false' },
  excludeProducts: { type: 'string', description: 'Comma-separated productIds whose pay/refund lines are ignored, e.g. POST,DOT,M' },
} as const;

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

/** The buyer query of a request (tenant from the key). */
export function buyerQueryOf(tenant: string, q: BuyerQueryParams): { tenant: string; from: number | undefined; to: number | undefined; includeGuests: boolean | undefined; excludeProducts: string[] | undefined } {
  return {
    tenant, from: timeParam('from', q.from), to: timeParam('to', q.to),
    includeGuests: booleanParam('includeGuests', q.includeGuests), excludeProducts: listParam(q.excludeProducts),
  };
}
