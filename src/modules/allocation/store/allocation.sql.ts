import { insertManyIgnore, migrate, type SqlDb } from '../../../storage/sql-db.js';
import type { AllocationStore, ServedSlate } from '../allocation.store.js';
import type { PolicyBody, PolicyVersion } from '../domain/policy.js';

const MIGRATIONS = [{
  id: 'allocation_0001',
  sql: `CREATE TABLE allocation_policies (tenant TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,
          created_by TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (tenant, version));
        CREATE TABLE allocation_served (request_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, ts BIGINT NOT NULL, slot TEXT NOT NULL,
          person_id TEXT, mode TEXT NOT NULL, policy_version INTEGER NOT NULL, items TEXT NOT NULL);
        CREATE INDEX allocation_served_tenant_ts ON allocation_served (tenant, ts);
        CREATE INDEX allocation_served_person ON allocation_served (tenant, person_id);`,
}];

const POLICY_COLUMNS = ['tenant', 'version', 'body', 'created_at', 'created_by', 'note'];
const SERVED_COLUMNS = ['request_id', 'tenant', 'ts', 'slot', 'person_id', 'mode', 'policy_version', 'items'];
type Row = Record<string, string | number | null>;

function toPolicy(r: Row): PolicyVersion {
  const body = JSON.parse(String(r.body)) as PolicyBody;
  return { tenant: String(r.tenant), version: Number(r.version), weights: body.weights, parameters: body.parameters, createdAt: Number(r.created_at), createdBy: String(r.created_by), note: String(r.note) };
}

function toServed(r: Row): ServedSlate {
  return {
    requestId: String(r.request_id), tenant: String(r.tenant), ts: Number(r.ts), slot: String(r.slot), personId: r.person_id === null ? null : String(r.person_id),
    mode: r.mode as ServedSlate['mode'], policyVersion: Number(r.policy_version), items: JSON.parse(String(r.items)) as ServedSlate['items'],
  };
}

/** AllocationStore on any SqlDb engine (SQLite embedded, PostgreSQL). Bodies and items are JSON text. */
export class SqlAllocationStore implements AllocationStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async insertPolicy(p: PolicyVersion): Promise<boolean> {
    const body = JSON.stringify({ weights: p.weights, parameters: p.parameters });
    const changed = await insertManyIgnore(this.db, 'allocation_policies', POLICY_COLUMNS, ['tenant', 'version'], [[p.tenant, p.version, body, p.createdAt, p.createdBy, p.note]]);
    return changed === 1;
  }

  async latestPolicy(tenant: string): Promise<PolicyVersion | undefined> {
    return (await this.policies(tenant, 1))[0];
  }

  async policy(tenant: string, version: number): Promise<PolicyVersion | undefined> {
    const rows = await this.db.query<Row>(`SELECT ${POLICY_COLUMNS.join(', ')} FROM allocation_policies WHERE tenant = ? AND version = ?`, [tenant, version]);
    return rows[0] && toPolicy(rows[0]);
  }

  async policies(tenant: string, limit: number): Promise<PolicyVersion[]> {
    const rows = await this.db.query<Row>(`SELECT ${POLICY_COLUMNS.join(', ')} FROM allocation_policies WHERE tenant = ? ORDER BY version DESC LIMIT ?`, [tenant, limit]);
    return rows.map(toPolicy);
  }

  async appendServed(slates: readonly ServedSlate[]): Promise<void> {
    if (slates.length === 0) return;
    const rows = slates.map((s) => [s.requestId, s.tenant, s.ts, s.slot, s.personId, s.mode, s.policyVersion, JSON.stringify(s.items)]);
    await this.db.transaction((tx) => insertManyIgnore(tx, 'allocation_served', SERVED_COLUMNS, ['request_id'], rows));
  }

  async served(tenant: string, range: { readonly from: number; readonly to: number; readonly limit: number }): Promise<ServedSlate[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${SERVED_COLUMNS.join(', ')} FROM allocation_served WHERE tenant = ? AND ts >= ? AND ts < ? ORDER BY ts, request_id LIMIT ?`,
      [tenant, range.from, range.to, range.limit],
    );
    return rows.map(toServed);
  }

  deleteServedFor(tenant: string, personId: string): Promise<number> {
    return this.db.run('DELETE FROM allocation_served WHERE tenant = ? AND person_id = ?', [tenant, personId]);
  }
}
