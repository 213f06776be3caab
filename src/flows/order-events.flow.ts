import { AppError } from '../shared/errors/index.js';
import type { Clock } from '../shared/time.js';
import type { SettleAction, StockService } from '../modules/inventory/index.js';
import type { Applied, LogisticsRecord, Order, OrderEffect, OrderEvent, OrdersService, Transition } from '../modules/orders/index.js';

/** What a callback carries besides its kind: the provider's id of it and, for payments, the amount. */
export interface CallbackInput {
  /** The provider's id of this notification: a replay with the same id answers the first result. */
  readonly callbackId: string;
  readonly orderId: string;
  readonly event: OrderEvent;
  readonly amountFen?: number;
  readonly logistics?: Omit<LogisticsRecord, 'status'>;
}

export interface CallbackResult {
  readonly orderId: string;
  readonly state: Order['state'];
  /** `applied`, `replay` (already applied, or this callback id was handled before) or `refused:<code>`. */
  readonly outcome: string;
}

const SETTLE: Partial<Record<OrderEffect, SettleAction>> = { confirm_stock: 'confirm', release_stock: 'release', reserve_and_confirm_stock: 'confirm', restock: 'restock' };

/**
 * Order events after placement (spans orders and inventory): payment, cancel, timeout, refund and
 * logistics go through the order state machine, then the stock effects run under the order's lock.
 * The order is written first; if the process dies before the stock effect, the deadline sweeper and
 * recovery settle the reservation from the order's state (`order-sweeper.flow.ts`), and a provider's
 * retry is answered idempotently.
 */
export class OrderEvents {
  constructor(private readonly deps: {
    readonly orders: OrdersService; readonly stock: StockService; readonly clock: Clock; readonly paymentTimeoutMs: number;
    /** The money effect (the ledger) of an applied or replayed transition, after its stock effects. */
    readonly after?: (tenant: string, order: Order, event: OrderEvent, t: Transition) => Promise<void>;
  }) {}

  /** Applies `event` to the order and carries out its stock effects, then its money effects. */
  async apply(tenant: string, orderId: string, event: OrderEvent, logistics?: Omit<LogisticsRecord, 'status'>): Promise<Applied> {
    const applied = await this.applyToOrder(tenant, orderId, event, logistics);
    // Also on a replay: a retried callback carries a money effect a failed first attempt may have missed.
    if (this.deps.after) await this.deps.after(tenant, applied.order, event, applied.transition);
    return applied;
  }

  private applyToOrder(tenant: string, orderId: string, event: OrderEvent, logistics?: Omit<LogisticsRecord, 'status'>): Promise<Applied> {
    const { orders, stock } = this.deps;
    return orders.apply(tenant, orderId, event, {
      at: this.deps.clock.now(),
      ...(logistics ? { logistics } : {}),
      reserveAgain: async (o) => (await stock.reserve(tenant, { holder: o.id, lines: o.allocations, deadline: this.deps.clock.now() + this.deps.paymentTimeoutMs })).ok,
      effects: (o, t) => this.settle(tenant, o, t),
    });
  }

  /**
   * A signed callback (its signature already checked): answered from the record when its id was seen,
   * otherwise applied and recorded. A payment must carry the order's amount.
   */
  async callback(tenant: string, c: CallbackInput): Promise<CallbackResult> {
    const { orders, clock } = this.deps;
    const seen = await orders.callback(tenant, c.callbackId);
    if (seen) {
      if (seen.orderId !== c.orderId) throw new AppError('orders_invalid_request', `Callback ${c.callbackId} was used for order ${seen.orderId}`, { details: { problems: ['callbackId: already used for another order'] } });
      return { orderId: seen.orderId, state: seen.state, outcome: 'replay' };
    }
    const order = await orders.require(tenant, c.orderId);
    if (c.event === 'pay' && c.amountFen !== order.amountFen) {
      throw new AppError('orders_amount_mismatch', `Order ${order.id} is ${order.amountFen} fen; the callback paid ${c.amountFen ?? 'nothing'}`, { details: { orderId: order.id, expected: order.amountFen, paid: c.amountFen ?? null } });
    }
    const { order: after, transition: t } = await this.apply(tenant, c.orderId, c.event, c.logistics);
    const outcome = t.outcome === 'refused' ? `refused:${t.code}` : t.outcome;
    await orders.recordCallback(tenant, { callbackId: c.callbackId, orderId: c.orderId, kind: c.event, state: after.state, outcome, at: clock.now() });
    if (t.outcome === 'refused') throw refusal(t, after);
    return { orderId: after.id, state: after.state, outcome };
  }

  private async settle(tenant: string, order: Order, t: Transition): Promise<void> {
    for (const effect of t.effects) {
      const action = SETTLE[effect];
      if (action) await this.deps.stock.settle(tenant, order.id, action);
    }
  }
}

/** The error of a refused transition, naming the order's state. */
export function refusal(t: Extract<Transition, { outcome: 'refused' }>, order: Order): AppError {
  return new AppError(t.code, `Order ${order.id} is ${order.state}: ${t.code === 'orders_logistics_out_of_order' ? 'logistics event out of order' : 'step not allowed'}`, { details: { orderId: order.id, state: order.state } });
}
