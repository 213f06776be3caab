/** A tenant: one merchant (or one shop group) with its own data, keys and pseudonymisation secret. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** Per-tenant HMAC key for personal data; never leaves the server. */
  readonly hmacSecret: string;
  readonly createdAt: number;
}

/** Key kinds: `public` keys can only ingest; `secret` keys can read and administer. */
export type KeyKind = 'public' | 'secret';

export interface ApiKeyRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: KeyKind;
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  readonly keyHash: string;
  /** First characters of the key, to tell keys apart in listings. */
  readonly prefix: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

/** The tenants port; `tenants.store.contract.ts` runs it on every engine. */
export interface TenantStore {
  init(): Promise<void>;
  /** Inserts a tenant; false when the id is taken. */
  insertTenant(tenant: Tenant): Promise<boolean>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  insertKey(key: ApiKeyRecord): Promise<void>;
  findKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listKeys(tenantId: string): Promise<ApiKeyRecord[]>;
  revokeKey(tenantId: string, keyId: string, at: number): Promise<boolean>;
}
