/**
 * The inventory module (issue 7): the catalogue (products, SKUs, bundles, warehouses), stock per SKU
 * and warehouse as auditable movements, reservations held by orders with deadlines, the in-memory
 * admission gate of the flash-sale hot path, and routing to the nearest warehouse. See README.md.
 */
export { applyMovement, totalUnits, EMPTY_STOCK, type StockLevel, type StockMovement, type StockOutcome, type StockRefusal } from './domain/stock-ledger.js';
export type { AdjustOutcome, AdjustRequest, Batch, HoldLine, HoldState, Movement, Reservation, ReserveOutcome, ReserveRequest, SettleAction, SettleOutcome, StockKey, StockRow, StockStore } from './stock.store.js';
export { StockService, type StockServiceOptions } from './stock.service.js';
export { CatalogueService } from './catalogue.service.js';
export type { CatalogueStore } from './catalogue.store.js';
export { expandBundles, type BundlePart, type Product, type Sku, type Warehouse, type WantedLine } from './domain/catalogue.js';
export { REGION_CENTRES, greatCircleKm, resolveDestination, type GeoPoint } from './domain/geo.js';
export { ROUTING_RULES, nearestWarehouseRule, routeOrder, type Allocation, type RouteOutcome, type RoutingRule, type WarehouseSite } from './domain/routing.js';
