import type { Product, Sku, Warehouse } from './domain/catalogue.js';

/** Products, SKUs and warehouses of a tenant (SQLite or PostgreSQL; contract in store/catalogue.store.contract.test.ts). */
export interface CatalogueStore {
  init(): Promise<void>;
  upsertProducts(tenant: string, products: readonly Product[], at: number): Promise<void>;
  upsertSkus(tenant: string, skus: readonly Sku[], at: number): Promise<void>;
  upsertWarehouses(tenant: string, warehouses: readonly Warehouse[], at: number): Promise<void>;
  products(tenant: string): Promise<Product[]>;
  skus(tenant: string): Promise<Sku[]>;
  warehouses(tenant: string): Promise<Warehouse[]>;
}
