/** What the monitor knows of stock, for the alert diagnosis: products at zero and the products on sale. */
export interface StockSignal {
  readonly soldOutProductIds: readonly string[];
  /** Products seen in the scope's events (a live room's cart); empty for the whole shop. */
  readonly productIds: readonly string[];
}

/**
 * Latest stock per product (from `inventory_update` events) and the products each live session showed,
 * bounded: at most `maxProducts` products per tenant, `maxPerSession` products per session and the latest
 * `maxSessions` sessions are tracked.
 * Memory only: after a restart stock is known again from the next inventory update.
 */
export class StockLevels {
  private readonly stock = new Map<string, Map<string, number>>();
  private readonly sessionProducts = new Map<string, Set<string>>();

  constructor(private readonly maxProducts = 100_000, private readonly maxPerSession = 500, private readonly maxSessions = 20_000) {}

  /** Notes a product's stock level as of an `inventory_update`. */
  setStock(tenant: string, productId: string, stock: number): void {
    let t = this.stock.get(tenant);
    if (!t) { t = new Map(); this.stock.set(tenant, t); }
    if (!t.has(productId) && t.size >= this.maxProducts) return;
    t.set(productId, stock);
  }

  /** Notes that a live session showed a product. */
  seenInSession(tenant: string, liveId: string, productId: string): void {
    const key = `${tenant}\u0000${liveId}`;
    let set = this.sessionProducts.get(key);
    if (!set) {
      // The oldest session seen is forgotten first (insertion order): sessions end, memory must not grow.
      if (this.sessionProducts.size >= this.maxSessions) this.sessionProducts.delete(this.sessionProducts.keys().next().value as string);
      set = new Set();
      this.sessionProducts.set(key, set);
    }
    if (set.size < this.maxPerSession) set.add(productId);
  }

  /** The signal for a tenant, or one of its live sessions (then only that session's products count). */
  signal(tenant: string, liveId?: string): StockSignal {
    const levels = this.stock.get(tenant);
    const products = liveId === undefined ? undefined : this.sessionProducts.get(`${tenant}\u0000${liveId}`);
    const soldOut: string[] = [];
    for (const [id, n] of levels ?? []) if (n <= 0 && (!products || products.has(id))) soldOut.push(id);
    return { soldOutProductIds: soldOut, productIds: products ? [...products] : [] };
  }
}
