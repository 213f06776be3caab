import type { Logger } from '../shared/logging/logger.js';
import type { StockService } from '../modules/inventory/index.js';
import type { Order, OrdersService } from '../modules/orders/index.js';
import type { OrderEvents } from './order-events.flow.js';

export interface SweepResult {
  /** Reservations settled from their order's state (timeouts released, orphans released, paid confirmed). */
  readonly settled: number;
  /** Orders compensated for a missed ship-by promise in this round. */
  readonly compensated: readonly Order[];
}

const BATCH = 500;

/**
 * The background half of orders and stock: every round (`orders.sweepEveryMs`, 250 ms by default, so a
 * reservation past its deadline is released within a second) settles due reservations from their
 * order's state and compensates breached ship-by promises exactly once. `recover()` runs once at start:
 * reservations whose order was never written (the process died between the two) are released.
 */
export class OrderSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;

  constructor(private readonly deps: {
    readonly orders: OrdersService; readonly stock: StockService; readonly events: OrderEvents; readonly logger: Logger;
    /** Pays the compensation just recorded on these orders (the ledger). */
    readonly compensate?: (orders: readonly Order[]) => Promise<void>;
  }) {}

  /** One round; concurrent calls share the round in progress. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.round().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Settles every held reservation whose order is missing or no longer awaiting payment. */
  async recover(): Promise<number> {
    const { stock } = this.deps;
    let settled = 0;
    for (const tenant of await stock.stockTenants()) {
      const holders = await stock.heldHolders(tenant);
      for (let i = 0; i < holders.length; i += BATCH) {
        const part = holders.slice(i, i + BATCH);
        const orders = new Map((await this.deps.orders.getMany(tenant, part)).map((o) => [o.id, o]));
        for (const h of part) {
          const o = orders.get(h);
          if (o?.state === 'reserved') continue; // a live order: its deadline decides
          if (await this.reconcile(tenant, h)) settled++;
        }
      }
    }
    if (settled > 0) this.deps.logger.info({ settled }, 'recovery settled reservations left by a stopped process');
    return settled;
  }

  start(everyMs: number): void {
    this.timer ??= setInterval(() => {
      this.sweep().then((r) => {
        if (r.compensated.length > 0) this.deps.logger.warn({ orders: r.compensated.map((o) => o.id) }, 'ship-by promise missed: compensation recorded');
      }, (err: unknown) => this.deps.logger.error({ err }, 'order sweep failed'));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async round(): Promise<SweepResult> {
    let settled = 0;
    for (;;) {
      const due = await this.deps.stock.due(BATCH);
      const before = settled;
      for (const d of due) if (await this.reconcile(d.tenant, d.holder)) settled++;
      if (due.length < BATCH || settled === before) break;
    }
    const compensated = await this.deps.orders.sweepPromises(BATCH);
    if (compensated.length > 0 && this.deps.compensate) await this.deps.compensate(compensated);
    return { settled, compensated };
  }

  /** Settles one held reservation from its order: time out a waiting order, release orphans, confirm paid ones. */
  private async reconcile(tenant: string, holder: string): Promise<boolean> {
    const o = await this.deps.orders.get(tenant, holder);
    if (o?.state === 'reserved') return (await this.deps.events.apply(tenant, holder, 'timeout')).transition.outcome === 'applied';
    const action = o && !['cancelled', 'expired', 'refunded'].includes(o.state) ? 'confirm' : 'release';
    return (await this.deps.stock.settle(tenant, holder, action)).ok;
  }
}
