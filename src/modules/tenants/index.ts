export { TenantsService, type Principal } from './tenants.service.js';
export type { Tenant, TenantStore, ApiKeyRecord, KeyKind } from './tenants.store.js';
