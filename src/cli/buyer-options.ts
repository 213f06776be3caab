import type { Command } from 'commander';
import { listFlag, parseTimeFlag } from './flag-parsers.js';
import type { BuyerQuery } from '../modules/retention/index.js';
import type { GlobalOptions } from './cli-context.js';

/** Flags every retention and segments command takes. */
export interface BuyerFlags extends GlobalOptions { tenant: string; from?: string; to?: string; includeGuests?: boolean; excludeProducts?: string }

/** Adds the tenant, window and cleaning flags to a command. */
export function addBuyerOptions(cmd: Command): Command {
  return cmd
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--from <time>', 'events at or after (epoch ms or ISO-8601)')
    .option('--to <time>', 'end of observation, exclusive (epoch ms or ISO-8601; default now)')
    .option('--include-guests', 'keep persons known only by anonymous ids (guest checkouts)')
    .option('--exclude-products <ids>', 'comma-separated productIds whose pay/refund lines are ignored, e.g. POST,DOT,M');
}

/** The buyer query the flags describe. */
export function buyerQueryFromFlags(o: BuyerFlags): BuyerQuery {
  return { tenant: o.tenant, from: parseTimeFlag(o.from), to: parseTimeFlag(o.to), includeGuests: o.includeGuests === true, excludeProducts: listFlag(o.excludeProducts) };
}
