import { InteractionLogBuilder, type InteractionLog } from './interaction-log.js';

/** Options of `kCoreFilter`: the least distinct items per user and distinct users per item kept. */
export interface KCore {
  readonly minUserItems: number;
  readonly minItemUsers: number;
}

/** Distinct (user, item) pairs of the kept rows, counted per user and per item. */
function countPairs(log: InteractionLog, keep: Uint8Array): { perUser: Int32Array; perItem: Int32Array } {
  const perUser = new Int32Array(log.users.size);
  const perItem = new Int32Array(log.items.size);
  const seen = new Set<number>();
  const nItems = log.items.size;
  for (let r = 0; r < log.length; r++) {
    if (keep[r] === 0) continue;
    const u = log.user[r] as number;
    const i = log.item[r] as number;
    const key = u * nItems + i;
    if (seen.has(key)) continue;
    seen.add(key);
    perUser[u] = (perUser[u] as number) + 1;
    perItem[i] = (perItem[i] as number) + 1;
  }
  return { perUser, perItem };
}

/**
 * The k-core of a log (as Recommenders' `filter_k_core`): drops the rows of users with fewer than
 * `minUserItems` distinct items and of items with fewer than `minItemUsers` distinct users, repeatedly,
 * until every remaining user and item qualifies. The result has its own id dictionaries with only the
 * ids left (in order of first appearance); rows keep their order.
 */
export function kCoreFilter(log: InteractionLog, core: KCore): InteractionLog {
  const keep = new Uint8Array(log.length).fill(1);
  for (;;) {
    const { perUser, perItem } = countPairs(log, keep);
    let dropped = 0;
    for (let r = 0; r < log.length; r++) {
      if (keep[r] === 0) continue;
      if ((perUser[log.user[r] as number] as number) < core.minUserItems || (perItem[log.item[r] as number] as number) < core.minItemUsers) {
        keep[r] = 0;
        dropped++;
      }
    }
    if (dropped === 0) break;
  }
  const out = new InteractionLogBuilder();
  for (let r = 0; r < log.length; r++) {
    if (keep[r] === 1) out.push(log.users.idAt(log.user[r] as number), log.items.idAt(log.item[r] as number), log.weight[r] as number, log.ts[r] as number);
  }
  return out.build();
}
