/**
 * An order's life as one state machine (issue 7). Every callback — payment, cancel, timeout, refund,
 * logistics — is an event; the machine answers the next state, the stock effects to carry out and
 * whether the event was applied, a replay (already applied: nothing to do) or refused. Pure.
 *
 * reserved ─pay→ paid ─pick→ picked ─ship→ shipped ─in_transit→ in_transit ─deliver→ delivered
 *    │ cancel → cancelled          (picked and in_transit may be skipped; shipped may not)
 *    │ timeout → expired ─pay→ paid (if the stock can be reserved again) | refunded (never oversell)
 * paid … delivered ─refund→ refunded (units go back on the shelf only if they never left: paid, picked).
 * A payment for a cancelled order is refunded; logistics older than the order's state, or skipping
 * `shipped`, are refused as out of order.
 */

export type OrderState = 'reserved' | 'paid' | 'picked' | 'shipped' | 'in_transit' | 'delivered' | 'cancelled' | 'expired' | 'refunded';

export type OrderEvent = 'pay' | 'cancel' | 'timeout' | 'refund' | 'pick' | 'ship' | 'in_transit' | 'deliver';

/** The logistics events, in the order a parcel goes through them. */
export type LogisticsEvent = 'pick' | 'ship' | 'in_transit' | 'deliver';

/** What the caller must do with the order's units (and money) when the transition applies. */
export type OrderEffect = 'confirm_stock' | 'release_stock' | 'reserve_and_confirm_stock' | 'restock' | 'refund_payment' | 'start_promise' | 'stop_promise';

export type OrderRefusal = 'orders_invalid_transition' | 'orders_logistics_out_of_order';

export type Transition =
  | { readonly outcome: 'applied'; readonly next: OrderState; readonly effects: readonly OrderEffect[] }
  | { readonly outcome: 'replay'; readonly next: OrderState; readonly effects: readonly [] }
  | { readonly outcome: 'refused'; readonly next: OrderState; readonly code: OrderRefusal; readonly effects: readonly [] };

export const ORDER_STATES: readonly OrderState[] = ['reserved', 'paid', 'picked', 'shipped', 'in_transit', 'delivered', 'cancelled', 'expired', 'refunded'];
export const ORDER_EVENTS: readonly OrderEvent[] = ['pay', 'cancel', 'timeout', 'refund', 'pick', 'ship', 'in_transit', 'deliver'];
export const LOGISTICS_EVENTS: readonly LogisticsEvent[] = ['pick', 'ship', 'in_transit', 'deliver'];

/** Fulfilment progress: where each paid state, and the state each logistics event leads to, stands. */
const STAGE: Readonly<Partial<Record<OrderState, number>>> = { paid: 0, picked: 1, shipped: 2, in_transit: 3, delivered: 4 };
const LOGISTICS_TARGET: Readonly<Record<LogisticsEvent, OrderState>> = { pick: 'picked', ship: 'shipped', in_transit: 'in_transit', deliver: 'delivered' };

/** Which events, seen again in the state they led to, are replays of the same callback. */
const REPLAYS: Readonly<Record<'pay' | 'cancel' | 'timeout' | 'refund', readonly OrderState[]>> = {
  pay: ['paid', 'picked', 'shipped', 'in_transit', 'delivered', 'refunded'], cancel: ['cancelled'], timeout: ['expired'], refund: ['refunded'],
};

const applied = (next: OrderState, ...effects: OrderEffect[]): Transition => ({ outcome: 'applied', next, effects });
const refused = (state: OrderState, code: OrderRefusal = 'orders_invalid_transition'): Transition => ({ outcome: 'refused', next: state, code, effects: [] });

/**
 * The transition of `state` on `event`. `canReserveAgain` answers whether the units of an expired order
 * can be reserved again now (its payment arrived after the timeout released them).
 */
export function transition(state: OrderState, event: OrderEvent, canReserveAgain: () => boolean = () => false): Transition {
  if (event === 'pick' || event === 'ship' || event === 'in_transit' || event === 'deliver') return logistics(state, event);
  switch (`${state}:${event}`) {
    case 'reserved:pay': return applied('paid', 'confirm_stock', 'start_promise');
    case 'reserved:cancel': return applied('cancelled', 'release_stock');
    case 'reserved:timeout': return applied('expired', 'release_stock');
    case 'expired:pay': return canReserveAgain() ? applied('paid', 'reserve_and_confirm_stock', 'start_promise') : applied('refunded', 'refund_payment');
    case 'cancelled:pay': return applied('refunded', 'refund_payment');
    case 'paid:refund': case 'picked:refund': return applied('refunded', 'restock', 'refund_payment', 'stop_promise');
    case 'shipped:refund': case 'in_transit:refund': case 'delivered:refund': return applied('refunded', 'refund_payment');
    default:
      if (REPLAYS[event].includes(state)) return { outcome: 'replay', next: state, effects: [] };
      return refused(state);
  }
}

/** A logistics event: forward only, `shipped` never skipped; the same stage again is a replay. */
function logistics(state: OrderState, event: LogisticsEvent): Transition {
  const target = LOGISTICS_TARGET[event];
  const from = STAGE[state];
  const to = STAGE[target] ?? 0;
  if (from === undefined) return refused(state, state === 'reserved' ? 'orders_logistics_out_of_order' : 'orders_invalid_transition');
  if (to === from) return { outcome: 'replay', next: state, effects: [] };
  if (to < from || (to > STAGE.shipped! && from < STAGE.shipped!)) return refused(state, 'orders_logistics_out_of_order');
  return target === 'shipped' ? applied(target, 'stop_promise') : applied(target);
}

/** States no event moves out of (except replays and a refund after delivery). */
export function isFinal(state: OrderState): boolean {
  return state === 'cancelled' || state === 'refunded';
}
