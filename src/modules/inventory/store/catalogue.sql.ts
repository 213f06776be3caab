import { migrate, upsertMany, type SqlDb } from '../../../storage/sql-db.js';
import type { Product, Sku, Warehouse } from '../domain/catalogue.js';
import type { CatalogueStore } from '../catalogue.store.js';

const MIGRATIONS = [{
  id: 'inventory_catalogue_0001',
  sql: `CREATE TABLE inventory_products (tenant TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE inventory_skus (tenant TEXT NOT NULL, id TEXT NOT NULL, product_id TEXT NOT NULL, name TEXT NOT NULL, price_fen BIGINT NOT NULL,
          currency TEXT NOT NULL, parts TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE inventory_warehouses (tenant TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, region TEXT NOT NULL,
          lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, id));`,
}];

type Row = Record<string, string | number | null>;

/** CatalogueStore on SQLite or PostgreSQL. */
export class SqlCatalogueStore implements CatalogueStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async upsertProducts(tenant: string, products: readonly Product[], at: number): Promise<void> {
    await upsertMany(this.db, 'inventory_products', ['tenant', 'id', 'name', 'updated_at'], ['tenant', 'id'], ['name', 'updated_at'], products.map((p) => [tenant, p.id, p.name, at]));
  }

  async upsertSkus(tenant: string, skus: readonly Sku[], at: number): Promise<void> {
    await upsertMany(this.db, 'inventory_skus', ['tenant', 'id', 'product_id', 'name', 'price_fen', 'currency', 'parts', 'updated_at'], ['tenant', 'id'],
      ['product_id', 'name', 'price_fen', 'currency', 'parts', 'updated_at'], skus.map((s) => [tenant, s.id, s.productId, s.name, s.priceFen, s.currency, JSON.stringify(s.parts), at]));
  }

  async upsertWarehouses(tenant: string, warehouses: readonly Warehouse[], at: number): Promise<void> {
    await upsertMany(this.db, 'inventory_warehouses', ['tenant', 'id', 'name', 'region', 'lat', 'lon', 'updated_at'], ['tenant', 'id'], ['name', 'region', 'lat', 'lon', 'updated_at'],
      warehouses.map((w) => [tenant, w.id, w.name, w.region, w.lat, w.lon, at]));
  }

  async products(tenant: string): Promise<Product[]> {
    return (await this.db.query<Row>('SELECT id, name FROM inventory_products WHERE tenant = ? ORDER BY id', [tenant])).map((r) => ({ id: String(r.id), name: String(r.name) }));
  }

  async skus(tenant: string): Promise<Sku[]> {
    const rows = await this.db.query<Row>('SELECT id, product_id, name, price_fen, currency, parts FROM inventory_skus WHERE tenant = ? ORDER BY id', [tenant]);
    return rows.map((r) => ({ id: String(r.id), productId: String(r.product_id), name: String(r.name), priceFen: Number(r.price_fen), currency: String(r.currency), parts: JSON.parse(String(r.parts)) as Sku['parts'] }));
  }

  async warehouses(tenant: string): Promise<Warehouse[]> {
    const rows = await this.db.query<Row>('SELECT id, name, region, lat, lon FROM inventory_warehouses WHERE tenant = ? ORDER BY id', [tenant]);
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), region: String(r.region), lat: Number(r.lat), lon: Number(r.lon) }));
  }
}
