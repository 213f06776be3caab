import { migrate, type SqlDb } from '../../../storage/sql-db.js';
import type { AttemptOutcome, Delivery, DeliveryStatus, Endpoint, NotificationsStore } from '../notifications.store.js';

const MIGRATIONS = [{
  id: 'notifications_0001',
  sql: `CREATE TABLE notification_endpoints (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE INDEX notification_endpoints_tenant_idx ON notification_endpoints (tenant);
        CREATE TABLE notification_deliveries (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, endpoint_id TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL,
          status TEXT NOT NULL, attempts INTEGER NOT NULL, last_status INTEGER, last_error TEXT, next_attempt_at BIGINT,
          created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
        CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (status, next_attempt_at);
        CREATE INDEX notification_deliveries_tenant_idx ON notification_deliveries (tenant, created_at);`,
}];

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toDelivery(r: Record<string, unknown>): Delivery {
  return {
    id: String(r.id), tenant: String(r.tenant), endpointId: String(r.endpoint_id), kind: String(r.kind), body: String(r.body),
    status: String(r.status) as DeliveryStatus, attempts: Number(r.attempts), lastStatus: num(r.last_status),
    lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error), nextAttemptAt: num(r.next_attempt_at),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

/** NotificationsStore on any SqlDb engine; the SQL is written once. */
export class SqlNotificationsStore implements NotificationsStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async addEndpoint(e: Endpoint): Promise<void> {
    await this.db.run('INSERT INTO notification_endpoints (id, tenant, url, secret, created_at) VALUES (?, ?, ?, ?, ?)', [e.id, e.tenant, e.url, e.secret, e.createdAt]);
  }

  async endpoints(tenant: string): Promise<Endpoint[]> {
    const rows = await this.db.query<Record<string, unknown>>('SELECT * FROM notification_endpoints WHERE tenant = ? ORDER BY created_at, id', [tenant]);
    return rows.map((r) => ({ id: String(r.id), tenant: String(r.tenant), url: String(r.url), secret: String(r.secret), createdAt: Number(r.created_at) }));
  }

  async removeEndpoint(tenant: string, id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM notification_endpoints WHERE tenant = ? AND id = ?', [tenant, id])) > 0;
  }

  async createDelivery(d: Delivery): Promise<void> {
    await this.db.run(
      `INSERT INTO notification_deliveries (id, tenant, endpoint_id, kind, body, status, attempts, last_status, last_error, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [d.id, d.tenant, d.endpointId, d.kind, d.body, d.status, d.attempts, d.lastStatus, d.lastError, d.nextAttemptAt, d.createdAt, d.updatedAt]);
  }

  async recordAttempt(id: string, o: AttemptOutcome): Promise<void> {
    await this.db.run(
      `UPDATE notification_deliveries SET attempts = attempts + 1, status = ?, last_status = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
       WHERE id = ?`,
      [o.status, o.httpStatus, o.error, o.nextAttemptAt, o.at, id]);
  }

  async dueDeliveries(now: number, limit: number): Promise<Delivery[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ${Math.max(1, Math.floor(limit))}`, [now]);
    return rows.map(toDelivery);
  }

  async listDeliveries(tenant: string, limit: number): Promise<Delivery[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM notification_deliveries WHERE tenant = ? ORDER BY created_at DESC, id DESC LIMIT ${Math.max(1, Math.floor(limit))}`, [tenant]);
    return rows.map(toDelivery);
  }
}
