/**
 * An order's life as one state machine (issue 7). Every callback — payment, cancel, timeout, refund,
 * logistics — is an event; the machine answers the next state, the stock effects to carry out and
 * whether the event was applied, a replay (already applied: nothing to do) or refused. Pure.
 *
 * reserved ─pay→ paid ─ship→ shipped ─deliver→ delivered
 *    │ cancel → cancelled        paid|shipped|delivered ─refund→ refunded
 *    │ timeout → expired ─pay→ paid (if the stock can be reserved again) | refunded (never oversell)
 * A payment for a cancelled order is refunded; logistics out of order are refused.
 */

export type OrderState = 'reserved' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'expired' | 'refunded';

export type OrderEvent = 'pay' | 'cancel' | 'timeout' | 'refund' | 'ship' | 'deliver';

/** What the caller must do with the order's units (and money) when the transition applies. */
export type OrderEffect = 'confirm_stock' | 'release_stock' | 'reserve_and_confirm_stock' | 'restock' | 'refund_payment' | 'start_promise' | 'stop_promise';

export type OrderRefusal = 'orders_invalid_transition' | 'orders_logistics_out_of_order';

export type Transition =
  | { readonly outcome: 'applied'; readonly next: OrderState; readonly effects: readonly OrderEffect[] }
  | { readonly outcome: 'replay'; readonly next: OrderState; readonly effects: readonly [] }
  | { readonly outcome: 'refused'; readonly next: OrderState; readonly code: OrderRefusal; readonly effects: readonly [] };

export const ORDER_STATES: readonly OrderState[] = ['reserved', 'paid', 'shipped', 'delivered', 'cancelled', 'expired', 'refunded'];
export const ORDER_EVENTS: readonly OrderEvent[] = ['pay', 'cancel', 'timeout', 'refund', 'ship', 'deliver'];

/** Which events, seen again in the state they led to, are replays of the same callback. */
const REPLAYS: Readonly<Record<OrderEvent, readonly OrderState[]>> = {
  pay: ['paid', 'shipped', 'delivered', 'refunded'], cancel: ['cancelled'], timeout: ['expired'], refund: ['refunded'], ship: ['shipped', 'delivered'], deliver: ['delivered'],
};

const applied = (next: OrderState, ...effects: OrderEffect[]): Transition => ({ outcome: 'applied', next, effects });
const refused = (state: OrderState, code: OrderRefusal = 'orders_invalid_transition'): Transition => ({ outcome: 'refused', next: state, code, effects: [] });

/**
 * The transition of `state` on `event`. `canReserveAgain` answers whether the units of an expired order
 * can be reserved again now (its payment arrived after the timeout released them).
 */
export function transition(state: OrderState, event: OrderEvent, canReserveAgain: () => boolean = () => false): Transition {
  switch (`${state}:${event}`) {
    case 'reserved:pay': return applied('paid', 'confirm_stock', 'start_promise');
    case 'reserved:cancel': return applied('cancelled', 'release_stock');
    case 'reserved:timeout': return applied('expired', 'release_stock');
    case 'expired:pay': return canReserveAgain() ? applied('paid', 'reserve_and_confirm_stock', 'start_promise') : applied('refunded', 'refund_payment');
    case 'cancelled:pay': return applied('refunded', 'refund_payment');
    case 'paid:refund': return applied('refunded', 'restock', 'refund_payment', 'stop_promise');
    case 'shipped:refund': case 'delivered:refund': return applied('refunded', 'refund_payment', 'stop_promise');
    case 'paid:ship': return applied('shipped', 'stop_promise');
    case 'shipped:deliver': return applied('delivered');
    case 'paid:deliver': case 'reserved:ship': case 'reserved:deliver': return refused(state, 'orders_logistics_out_of_order');
    default:
      if (REPLAYS[event].includes(state)) return { outcome: 'replay', next: state, effects: [] };
      return refused(state);
  }
}

/** States no event moves out of (except replays and a refund after delivery). */
export function isFinal(state: OrderState): boolean {
  return state === 'cancelled' || state === 'refunded';
}
