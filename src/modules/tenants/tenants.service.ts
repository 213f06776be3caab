import { AppError } from '../../shared/errors/index.js';
import { hmacHex, sha256Hex } from '../../shared/hashing.js';
import { newId, newToken } from '../../shared/ids.js';
import type { Clock } from '../../shared/time.js';
import type { ApiKeyRecord, KeyKind, Tenant, TenantStore } from './tenants.store.js';

/** What an API key resolves to. */
export interface Principal { readonly tenant: Tenant; readonly kind: KeyKind; readonly keyId: string }

const TENANT_ID_RE = /^[a-z0-9][a-z0-9_-]{1,62}$/;

/**
 * Tenants and their API keys. Keys are random tokens (`rp_pub_…` write keys, `rp_sec_…` secret keys)
 * stored as SHA-256 hashes; the plain key is returned once at creation.
 */
export class TenantsService {
  // Only known keys are cached (bounded): unknown keys must not grow memory without end.
  private readonly keyCache = new Map<string, Principal>();

  constructor(private readonly store: TenantStore, private readonly clock: Clock) {}

  /** Creates a tenant with one write key and one secret key; returns the plain keys once. */
  async createTenant(id: string, name = id): Promise<{ tenant: Tenant; writeKey: string; secretKey: string }> {
    if (!TENANT_ID_RE.test(id)) throw new AppError('api_invalid_request', 'tenant id must be 2–63 characters of a-z, 0-9, _ or -');
    const tenant: Tenant = { id, name, hmacSecret: newToken('', 32), createdAt: this.clock.now() };
    if (!(await this.store.insertTenant(tenant))) throw new AppError('tenants_exists', `tenant ${id} already exists`);
    const writeKey = await this.createKey(id, 'public');
    const secretKey = await this.createKey(id, 'secret');
    return { tenant, writeKey, secretKey };
  }

  /** Creates an API key of `kind` for a tenant and returns it in plain text (shown once). */
  async createKey(tenantId: string, kind: KeyKind): Promise<string> {
    const key = newToken(kind === 'public' ? 'rp_pub_' : 'rp_sec_');
    const record: ApiKeyRecord = {
      id: newId('key', this.clock.now()), tenantId, kind, keyHash: sha256Hex(key), prefix: key.slice(0, 11),
      createdAt: this.clock.now(), revokedAt: null,
    };
    await this.store.insertKey(record);
    return key;
  }

  /** Resolves a presented key to its tenant and kind, or undefined when unknown or revoked. */
  async authenticate(key: string): Promise<Principal | undefined> {
    const hash = sha256Hex(key);
    const cached = this.keyCache.get(hash);
    if (cached) return cached;
    const record = await this.store.findKeyByHash(hash);
    const tenant = record && record.revokedAt === null ? await this.store.getTenant(record.tenantId) : undefined;
    if (!record || !tenant) return undefined;
    const principal: Principal = { tenant, kind: record.kind, keyId: record.id };
    if (this.keyCache.size >= 10_000) this.keyCache.clear();
    this.keyCache.set(hash, principal);
    return principal;
  }

  async getTenant(id: string): Promise<Tenant> {
    const t = await this.store.getTenant(id);
    if (!t) throw new AppError('tenants_not_found', `tenant ${id} not found`);
    return t;
  }

  listTenants(): Promise<Tenant[]> {
    return this.store.listTenants();
  }

  listKeys(tenantId: string): Promise<ApiKeyRecord[]> {
    return this.store.listKeys(tenantId);
  }

  /** Revokes a key; cached authentications are dropped. */
  async revokeKey(tenantId: string, keyId: string): Promise<boolean> {
    const ok = await this.store.revokeKey(tenantId, keyId, this.clock.now());
    this.keyCache.clear();
    return ok;
  }

  /**
   * The secret a payment provider signs the tenant's callbacks with (derived from the tenant secret, so
   * it needs no storage; `reelpath orders secret` prints it).
   */
  static paymentSecret(tenant: Tenant): string {
    return `paysec_${hmacHex(tenant.hmacSecret, 'payment-callbacks').slice(0, 48)}`;
  }

  /** The tenant's keyed pseudonymisation: HMAC-SHA256 of `kind:value` with the tenant secret. */
  static pseudonymiser(tenant: Tenant): (kind: string, value: string) => string {
    return (kind, value) => hmacHex(tenant.hmacSecret, `${kind}:${value}`);
  }
}
