import { migrate, type SqlDb } from '../../../storage/sql-db.js';
import type { ApiKeyRecord, Tenant, TenantStore } from '../tenants.store.js';

const MIGRATIONS = [
  {
    id: 'tenants_0001',
    sql: `CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL, hmac_secret TEXT NOT NULL, created_at BIGINT NOT NULL);
          CREATE TABLE api_keys (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), kind TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT);
          CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);`,
  },
];

type TenantRow = { id: string; name: string; hmac_secret: string; created_at: number };
type KeyRow = { id: string; tenant_id: string; kind: string; key_hash: string; prefix: string; created_at: number; revoked_at: number | null };

const toTenant = (r: TenantRow): Tenant => ({ id: r.id, name: r.name, hmacSecret: r.hmac_secret, createdAt: Number(r.created_at) });
const toKey = (r: KeyRow): ApiKeyRecord => ({
  id: r.id, tenantId: r.tenant_id, kind: r.kind === 'secret' ? 'secret' : 'public', keyHash: r.key_hash, prefix: r.prefix,
  createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

/** TenantStore on any SqlDb engine (SQLite embedded, PostgreSQL): the SQL is written once. */
export class SqlTenantStore implements TenantStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async insertTenant(t: Tenant): Promise<boolean> {
    const sql = this.db.dialect.insertIgnore('tenants', ['id', 'name', 'hmac_secret', 'created_at'], ['id']);
    return (await this.db.run(sql, [t.id, t.name, t.hmacSecret, t.createdAt])) === 1;
  }

  async getTenant(id: string): Promise<Tenant | undefined> {
    const rows = await this.db.query<TenantRow>('SELECT * FROM tenants WHERE id = ?', [id]);
    return rows[0] ? toTenant(rows[0]) : undefined;
  }

  async listTenants(): Promise<Tenant[]> {
    return (await this.db.query<TenantRow>('SELECT * FROM tenants ORDER BY id')).map(toTenant);
  }

  async insertKey(k: ApiKeyRecord): Promise<void> {
    await this.db.run(
      'INSERT INTO api_keys (id, tenant_id, kind, key_hash, prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [k.id, k.tenantId, k.kind, k.keyHash, k.prefix, k.createdAt, k.revokedAt],
    );
  }

  async findKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.db.query<KeyRow>('SELECT * FROM api_keys WHERE key_hash = ?', [keyHash]);
    return rows[0] ? toKey(rows[0]) : undefined;
  }

  async listKeys(tenantId: string): Promise<ApiKeyRecord[]> {
    return (await this.db.query<KeyRow>('SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id', [tenantId])).map(toKey);
  }

  async revokeKey(tenantId: string, keyId: string, at: number): Promise<boolean> {
    return (await this.db.run('UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL', [at, tenantId, keyId])) === 1;
  }
}
