import type { LogisticsEvent, OrdersService } from '../modules/orders/index.js';
import type { Clock } from '../shared/time.js';
import type { OrderEvents } from './order-events.flow.js';

/** A mapped platform event as far as logistics care (the canonical wire form). */
interface MappedEvent {
  readonly name?: unknown;
  readonly orderId?: unknown;
  readonly ts?: unknown;
}

/** What a platform message did to Reelpath orders: one line per ship / deliver event of a known order. */
export interface PlatformLogistics {
  readonly orderId: string;
  readonly platformOrderId: string;
  readonly event: LogisticsEvent;
  /** `applied`, `replay` or `refused:<code>` (e.g. out of order): the webhook is still answered. */
  readonly outcome: string;
}

const STAGES: Readonly<Record<string, LogisticsEvent>> = { ship: 'ship', deliver: 'deliver' };

/**
 * Carries a platform's ship and deliver messages to the Reelpath order they belong to. The link is the
 * client key: an order mirrored from a platform is placed with `<adapter>:<platform order id>` (the same
 * order-scoped id the adapters give their events). Messages about orders Reelpath does not hold are
 * analytics only and change nothing here.
 */
export async function applyPlatformLogistics(deps: { orders: OrdersService; orderEvents: OrderEvents; clock: Clock }, tenant: string, adapter: string, events: readonly MappedEvent[]): Promise<PlatformLogistics[]> {
  const out: PlatformLogistics[] = [];
  for (const e of events) {
    const event = typeof e.name === 'string' ? STAGES[e.name] : undefined;
    if (!event || typeof e.orderId !== 'string') continue;
    const order = await deps.orders.byClientKey(tenant, `${adapter}:${e.orderId}`);
    if (!order) continue;
    const at = typeof e.ts === 'number' ? e.ts : deps.clock.now();
    const { transition } = await deps.orderEvents.apply(tenant, order.id, event, { source: adapter, at });
    out.push({ orderId: order.id, platformOrderId: e.orderId, event, outcome: transition.outcome === 'refused' ? `refused:${transition.code}` : transition.outcome });
  }
  return out;
}
