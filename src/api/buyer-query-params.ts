import { booleanParam, listParam, timeParam } from './query-params.js';

/** Query parameters every retention and segments route accepts. */
export interface BuyerQueryParams { from?: string; to?: string; includeGuests?: string; excludeProducts?: string }

/** OpenAPI properties of `BuyerQueryParams`. */
export const BUYER_QUERY_PROPERTIES = {
  from: { type: 'string', description: 'Events at or after (epoch ms or ISO-8601)' },
  to: { type: 'string', description: 'End of observation, exclusive (epoch ms or ISO-8601); default now' },
  includeGuests: { type: 'string', description: 'true to keep persons known only by anonymous ids (guest checkouts); default false' },
  excludeProducts: { type: 'string', description: 'Comma-separated productIds whose pay/refund lines are ignored, e.g. POST,DOT,M' },
} as const;

/** The buyer query of a request (tenant from the key). */
export function buyerQueryOf(tenant: string, q: BuyerQueryParams): { tenant: string; from: number | undefined; to: number | undefined; includeGuests: boolean | undefined; excludeProducts: string[] | undefined } {
  return {
    tenant, from: timeParam('from', q.from), to: timeParam('to', q.to),
    includeGuests: booleanParam('includeGuests', q.includeGuests), excludeProducts: listParam(q.excludeProducts),
  };
}
