/**
 * The inventory module (issue 7, in progress): stock per SKU and warehouse as auditable movements. Today
 * only the pure stock ledger exists; reservations with deadlines, the flash-sale hot path and the
 * store adapters come next. See README.md.
 */
export { applyMovement, totalUnits, EMPTY_STOCK, type StockLevel, type StockMovement, type StockOutcome, type StockRefusal } from './domain/stock-ledger.js';
