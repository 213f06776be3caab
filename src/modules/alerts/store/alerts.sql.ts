import { migrate, upsertMany, type SqlDb } from '../../../storage/sql-db.js';
import type { AlertRecord, AlertsStore } from '../alerts.store.js';

const MIGRATIONS = [{
  id: 'alerts_0001',
  sql: `CREATE TABLE alerts (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, scope TEXT NOT NULL, series TEXT NOT NULL,
          rule_id TEXT NOT NULL, related TEXT NOT NULL, status TEXT NOT NULL, active_since BIGINT NOT NULL, firing_since BIGINT NOT NULL,
          clear_since BIGINT, acknowledged_at BIGINT, acknowledged_by TEXT, resolved_at BIGINT,
          value DOUBLE PRECISION, baseline DOUBLE PRECISION, diagnosis TEXT, updated_at BIGINT NOT NULL);
        CREATE INDEX alerts_tenant_updated ON alerts (tenant, updated_at);
        CREATE INDEX alerts_status ON alerts (status);`,
}];

const COLUMNS = ['id', 'tenant', 'scope', 'series', 'rule_id', 'related', 'status', 'active_since', 'firing_since', 'clear_since',
  'acknowledged_at', 'acknowledged_by', 'resolved_at', 'value', 'baseline', 'diagnosis', 'updated_at'];
const OPEN = "status IN ('firing', 'acknowledged')";

type Row = Record<string, string | number | null>;
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

function toRecord(r: Row): AlertRecord {
  return {
    id: String(r.id), tenant: String(r.tenant), scope: String(r.scope), series: String(r.series), ruleId: String(r.rule_id), related: JSON.parse(String(r.related)) as string[],
    status: r.status as AlertRecord['status'], activeSince: Number(r.active_since), firingSince: Number(r.firing_since),
    clearSince: num(r.clear_since ?? null), acknowledgedAt: num(r.acknowledged_at ?? null), acknowledgedBy: (r.acknowledged_by ?? null) as string | null,
    resolvedAt: num(r.resolved_at ?? null), value: num(r.value ?? null), baseline: num(r.baseline ?? null),
    diagnosis: r.diagnosis === null || r.diagnosis === undefined ? null : JSON.parse(String(r.diagnosis)), updatedAt: Number(r.updated_at),
  };
}

/** AlertsStore on any SqlDb engine (SQLite embedded, PostgreSQL). The diagnosis is stored as JSON text. */
export class SqlAlertsStore implements AlertsStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async save(a: AlertRecord): Promise<void> {
    const row = [a.id, a.tenant, a.scope, a.series, a.ruleId, JSON.stringify(a.related), a.status, a.activeSince, a.firingSince, a.clearSince, a.acknowledgedAt,
      a.acknowledgedBy, a.resolvedAt, a.value, a.baseline, a.diagnosis === null ? null : JSON.stringify(a.diagnosis), a.updatedAt];
    await upsertMany(this.db, 'alerts', COLUMNS, ['id'], COLUMNS.slice(1), [row]);
  }

  async get(tenant: string, id: string): Promise<AlertRecord | undefined> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS.join(', ')} FROM alerts WHERE tenant = ? AND id = ?`, [tenant, id]);
    return rows[0] && toRecord(rows[0]);
  }

  async list(tenant: string, options: { readonly open: boolean; readonly limit: number }): Promise<AlertRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS.join(', ')} FROM alerts WHERE tenant = ?${options.open ? ` AND ${OPEN}` : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`,
      [tenant, options.limit],
    );
    return rows.map(toRecord);
  }

  async openRecords(): Promise<AlertRecord[]> {
    return (await this.db.query<Row>(`SELECT ${COLUMNS.join(', ')} FROM alerts WHERE ${OPEN}`)).map(toRecord);
  }
}
