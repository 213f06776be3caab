import type { Logger } from '../shared/logging/logger.js';
import type { CatalogueService } from '../modules/inventory/index.js';
import type { Order, OrderEvent, Transition } from '../modules/orders/index.js';
import type { LedgerCommand, LedgerService, OrderFacts } from '../modules/settlement/index.js';

/** The refund id of a whole-order refund made through the order's state machine. */
export const wholeRefundId = (orderId: string): string => `${orderId}:refund`;

/**
 * Orders → ledger (spans orders, inventory's catalogue and settlement): a paid order is split at once,
 * a delivery starts its refund window, a refund reverses what is left, a missed promise's compensation
 * is paid from the pool, and every `settlement.settleEveryMs` the splits whose window closed are posted.
 * The order is written first; every ledger command is idempotent, so a provider's retry (which replays
 * the order transition) carries the money effect again, and `reconcileLedger` repairs anything a
 * stopped process left behind.
 */
export class OrderSettlement {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: { readonly ledger: LedgerService; readonly catalogue: CatalogueService; readonly logger: Logger }) {}

  /** The money effect of an applied (or replayed) order transition. Refusals throw their AppError. */
  async afterTransition(tenant: string, order: Order, event: OrderEvent, t: Transition): Promise<void> {
    if (t.outcome === 'refused') return;
    const command = await this.commandFor(tenant, order, event);
    if (command) await this.deps.ledger.require(command);
  }

  /** Pays the recorded compensation of each order from the pool (once per order). */
  async compensate(orders: readonly Order[]): Promise<void> {
    for (const o of orders) {
      if (!o.compensation || o.paidAt === null) continue;
      const r = await this.deps.ledger.submit({ kind: 'compensate', tenant: o.tenant, orderId: o.id, amountFen: o.compensation.amountFen });
      if (!r.ok) this.deps.logger.error({ orderId: o.id, code: r.code, reason: r.reason }, 'compensation not paid from the ledger; `reelpath ledger reconcile --repair` retries it');
    }
  }

  /** What a paid order says for commissions: its lines with their products, its creator and campaign. */
  async factsOf(tenant: string, order: Order): Promise<OrderFacts> {
    const snap = await this.deps.catalogue.snapshot(tenant);
    return {
      orderId: order.id, amountFen: order.amountFen, currency: order.currency,
      ...(order.attribution?.creatorId !== undefined ? { creatorId: order.attribution.creatorId } : {}),
      ...(order.attribution?.campaignId !== undefined ? { campaignId: order.attribution.campaignId } : {}),
      lines: order.lines.map((l) => {
        const productId = snap.skus.get(l.sku)?.productId;
        return { amountFen: l.quantity * l.unitPriceFen, ...(productId !== undefined ? { productId } : {}) };
      }),
    };
  }

  /** Posts due splits now (concurrent calls share the round). */
  settleDue(): Promise<number> {
    this.running ??= this.deps.ledger.settleDue().finally(() => { this.running = undefined; });
    return this.running;
  }

  start(everyMs: number): void {
    this.timer ??= setInterval(() => {
      this.settleDue().then((n) => { if (n > 0) this.deps.logger.info({ posted: n }, 'refund windows closed: commission legs posted'); },
        (err: unknown) => this.deps.logger.error({ err }, 'settling due splits failed'));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.deps.ledger.flush();
  }

  /** The ledger command an order event calls for, if any. */
  private async commandFor(tenant: string, order: Order, event: OrderEvent): Promise<LedgerCommand | null> {
    if (event === 'pay' && order.paidAt !== null) return { kind: 'split', tenant, facts: await this.factsOf(tenant, order), paidAt: order.paidAt };
    if (event === 'deliver' && order.deliveredAt !== null && order.paidAt !== null) return { kind: 'deliver', tenant, orderId: order.id, deliveredAt: order.deliveredAt };
    if (event === 'refund' && order.state === 'refunded' && order.paidAt !== null) return { kind: 'refund', tenant, orderId: order.id, refundId: wholeRefundId(order.id), amountFen: 'rest' };
    return null;
  }
}
