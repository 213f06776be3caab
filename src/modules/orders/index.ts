/**
 * The orders module (issue 7): orders placed once per client key, changed only through one state
 * machine, payment and logistics callbacks recorded for replays, sales with per-buyer limits, and the
 * ship-by promise with its compensation. See README.md.
 */
export { transition, isFinal, ORDER_STATES, ORDER_EVENTS, LOGISTICS_EVENTS, type LogisticsEvent, type OrderEffect, type OrderEvent, type OrderRefusal, type OrderState, type Transition } from './domain/order-state.js';
export {
  DEFAULT_COMPENSATION, MAX_LINES, compensationFor, compensationProblems, fingerprintOf, isSaleOpen, placementProblems, saleProblems,
  type Compensation, type CompensationRule, type Destination, type LogisticsRecord, type Order, type OrderAllocation, type OrderAttribution, type OrderLine, type PlacementInput, type Sale,
} from './domain/order.js';
export { OrdersService, type Applied, type ApplyOptions, type OrdersOptions } from './orders.service.js';
export type { OrderFilter, OrdersStore, StoredCallback } from './orders.store.js';
