/**
 * Turns pay and refund rows into per-buyer order histories. Pure: the rows and the person of each
 * identity key are given. Rules (README "Orders, refunds and cleaning"):
 * - an order is the set of a person's `pay` rows sharing an orderId (a pay row without orderId is an
 *   order of its own); its time is its earliest row, its gross the sum of its amounts (null → 0);
 *   it counts only when gross > 0 (zero-priced lines are not purchases);
 * - a `refund` row subtracts its amount (null or negative → 0) from the person's net, whether or not
 *   the refunded order is inside the window (refunds are rarely linked to their order);
 * - rows whose productId is in `excludeProducts` are dropped (e.g. postage or fee lines);
 * - a guest is a person all of whose pay/refund rows carry only an anonymous key (`anon:`); guests are
 *   dropped unless `includeGuests` (a guest checkout cannot be recognised when it buys again);
 * - a buyer is a person with at least one counted order; refund-only persons are not buyers.
 */

/** The fields of an analysis row that order extraction reads. */
export interface OrderRow {
  readonly identityKey: string;
  readonly name: string;
  readonly ts: number;
  readonly amount: number | null;
  readonly orderId: string | null;
  readonly productId: string | null;
}

/** One order of a buyer: integer fen before refunds. */
export interface BuyerOrder {
  readonly orderId: string;
  /** UTC epoch ms of the order's earliest pay row. */
  readonly ts: number;
  /** Sum of the order's pay amounts, integer fen (> 0). */
  readonly gross: number;
}

/** A buyer's orders (oldest first) and money, integer fen. */
export interface BuyerHistory {
  readonly personId: string;
  readonly orders: readonly BuyerOrder[];
  readonly gross: number;
  readonly refunded: number;
  /** gross − refunded; negative when refunds exceed the window's orders. */
  readonly net: number;
}

/** How rows become orders. */
export interface OrderExtractionOptions {
  readonly includeGuests: boolean;
  readonly excludeProducts: ReadonlySet<string>;
}

interface Draft {
  identified: boolean;
  refunded: number;
  orders: Map<string, { ts: number; gross: number }>;
}

/**
 * Groups pay and refund rows (any order) into buyer histories, sorted by personId.
 * @param personOf identity key → person id (the identity graph; unknown keys are their own person)
 */
export function collectBuyerHistories(rows: Iterable<OrderRow>, personOf: (identityKey: string) => string, options: OrderExtractionOptions): BuyerHistory[] {
  const drafts = new Map<string, Draft>();
  let loose = 0;
  for (const row of rows) {
    if (row.name !== 'pay' && row.name !== 'refund') continue;
    if (row.productId !== null && options.excludeProducts.has(row.productId)) continue;
    const personId = personOf(row.identityKey);
    let draft = drafts.get(personId);
    if (!draft) { draft = { identified: false, refunded: 0, orders: new Map() }; drafts.set(personId, draft); }
    if (!row.identityKey.startsWith('anon:')) draft.identified = true;
    const amount = row.amount ?? 0;
    if (row.name === 'refund') {
      if (amount > 0) draft.refunded += amount;
      continue;
    }
    // A pay row without orderId is an order of its own; the NUL prefix cannot collide with real ids.
    const orderId = row.orderId ?? `\u0000${loose++}`;
    const order = draft.orders.get(orderId);
    if (order) { order.ts = Math.min(order.ts, row.ts); order.gross += amount; } else draft.orders.set(orderId, { ts: row.ts, gross: amount });
  }
  const buyers: BuyerHistory[] = [];
  for (const [personId, draft] of drafts) {
    if (!draft.identified && !options.includeGuests) continue;
    const orders: BuyerOrder[] = [];
    for (const [orderId, o] of draft.orders) if (o.gross > 0) orders.push({ orderId: orderId.startsWith('\u0000') ? '' : orderId, ts: o.ts, gross: o.gross });
    if (orders.length === 0) continue;
    orders.sort((a, b) => a.ts - b.ts || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    const gross = orders.reduce((s, o) => s + o.gross, 0);
    buyers.push({ personId, orders, gross, refunded: draft.refunded, net: gross - draft.refunded });
  }
  return buyers.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}
