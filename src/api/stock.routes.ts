import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app/app.js';
import { adjustStock, defineSale, saleWithStock, type SaleInput } from '../flows/stock-admin.flow.js';
import { AppError } from '../shared/errors/index.js';
import type { AdjustRequest, Product, Sku, Warehouse } from '../modules/inventory/index.js';
import { principalOf, requireKey } from './auth.js';
import { boundedInt } from './query-params.js';

const ID_PARAMS = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
const tenantOf = (request: FastifyRequest): string => principalOf(request).tenant.id;

/** Catalogue, stock levels and movements, adjustments, and live sales with their stock. */
export function registerStockRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');
  const defaults = { paymentTimeoutMs: app.config.orders.paymentTimeoutMs, shipWithinHours: app.config.orders.shipWithinHours };

  server.put<{ Body: { products?: Product[]; skus?: Array<Omit<Sku, 'parts' | 'currency'> & { parts?: Sku['parts']; currency?: string }>; warehouses?: Warehouse[] } }>('/v1/catalogue', {
    preHandler: secret, schema: { summary: 'Add or replace products, SKUs (bundles list their parts) and warehouses (region + lat/lon)', tags: ['stock'], body: { type: 'object' } },
  }, async (request) => {
    const b = request.body ?? {};
    const skus = (b.skus ?? []).map((s) => ({ ...s, parts: s.parts ?? [], currency: s.currency ?? 'CNY' }));
    await app.catalogue.define(tenantOf(request), { ...(b.products ? { products: b.products } : {}), skus, ...(b.warehouses ? { warehouses: b.warehouses } : {}) });
    const snap = await app.catalogue.snapshot(tenantOf(request));
    return { skus: snap.skus.size, warehouses: snap.warehouses.length };
  });

  server.get('/v1/catalogue', { preHandler: secret, schema: { summary: 'Products, SKUs and warehouses', tags: ['stock'] } }, async (request) => {
    const tenant = tenantOf(request);
    const snap = await app.catalogue.snapshot(tenant);
    return { products: await app.catalogue.products(tenant), skus: [...snap.skus.values()], warehouses: snap.warehouses };
  });

  server.post<{ Body: { adjustments?: AdjustRequest[] } }>('/v1/stock/adjustments', {
    preHandler: secret, schema: { summary: 'Stock imports and adjustments (delta > 0 receives, < 0 writes off), each with a reason; per-item outcomes', tags: ['stock'], body: { type: 'object' } },
  }, async (request) => {
    const items = request.body?.adjustments;
    if (!Array.isArray(items) || items.length === 0 || items.length > 5000) throw new AppError('api_invalid_request', 'adjustments: an array of 1–5000 { sku, warehouse, delta, reason, ref }');
    return adjustStock(app, tenantOf(request), items);
  });

  server.get<{ Querystring: { sku?: string } }>('/v1/stock', { preHandler: secret, schema: { summary: 'Available, reserved and sold units per SKU and warehouse', tags: ['stock'] } },
    async (request) => ({ engine: app.stock.engine, levels: await app.stock.levels(tenantOf(request), request.query.sku ? request.query.sku.split(',') : undefined) }));

  server.get<{ Querystring: { sku?: string; limit?: string } }>('/v1/stock/movements', { preHandler: secret, schema: { summary: 'Stock movements (imports, adjustments), newest first', tags: ['stock'] } },
    async (request) => ({ movements: await app.stock.movements(tenantOf(request), { limit: boundedInt(request.query.limit, 1, 1000, 100), ...(request.query.sku ? { sku: request.query.sku } : {}) }) }));

  server.put<{ Params: { id: string }; Body: Omit<SaleInput, 'id'> }>('/v1/sales/:id', {
    preHandler: secret, schema: { summary: 'Create or replace a live sale: its SKUs, per-buyer limit, payment timeout, ship-by hours and compensation rule', tags: ['stock'], params: ID_PARAMS, body: { type: 'object' } },
  }, async (request) => defineSale({ ...app, defaults }, tenantOf(request), { ...request.body, id: request.params.id }));

  server.get('/v1/sales', { preHandler: secret, schema: { summary: 'Sales, newest first', tags: ['stock'] } },
    async (request) => ({ sales: await app.orders.listSales(tenantOf(request)) }));

  server.get<{ Params: { id: string } }>('/v1/sales/:id', { preHandler: secret, schema: { summary: 'A sale with the live stock of its SKUs', tags: ['stock'], params: ID_PARAMS } }, async (request) => {
    const { sale, stock } = await saleWithStock(app, tenantOf(request), request.params.id);
    return { sale, stock };
  });
}
