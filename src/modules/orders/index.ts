/**
 * The orders module (issue 7, in progress): an order's life as one state machine — payment, cancel,
 * timeout, refund and logistics callbacks answered as applied, replay or refused, with the stock effects
 * to carry out. Placement, idempotency keys, routing and the promise come next. See README.md.
 */
export { transition, isFinal, ORDER_STATES, ORDER_EVENTS, type OrderState, type OrderEvent, type OrderEffect, type OrderRefusal, type Transition } from './domain/order-state.js';
