import { migrate, upsertMany, upsertManyWith, type SqlDb, type SqlValue } from '../../../storage/sql-db.js';
import { FUNNEL_NODES } from '../../events/index.js';
import { compareBuckets, countsFromArray, type MinuteBucket } from '../domain/monitor-series.js';
import type { LiveSession } from '../domain/live-sessions.js';
import type { MonitorStore } from '../monitor.store.js';

// `order` is a reserved word in SQL, so every count column carries the n_ prefix.
const COUNT_COLUMNS = FUNNEL_NODES.map((n) => `n_${n}`);
const COLUMNS = ['tenant', 'scope', 'minute', ...COUNT_COLUMNS];

// Written out, not generated from FUNNEL_NODES: an applied migration must never change.
const MIGRATIONS = [{
  id: 'monitor_0001',
  sql: `CREATE TABLE monitor_minutes (tenant TEXT NOT NULL, scope TEXT NOT NULL, minute BIGINT NOT NULL,
          n_impression INTEGER NOT NULL, n_play INTEGER NOT NULL, n_complete INTEGER NOT NULL, n_product_click INTEGER NOT NULL,
          n_detail_view INTEGER NOT NULL, n_add_to_cart INTEGER NOT NULL, n_order INTEGER NOT NULL, n_pay INTEGER NOT NULL,
          PRIMARY KEY (tenant, scope, minute));
        CREATE INDEX monitor_minutes_minute ON monitor_minutes (minute);`,
}, {
  id: 'monitor_0002',
  sql: `CREATE TABLE monitor_live_sessions (tenant TEXT NOT NULL, live_id TEXT NOT NULL, creator_id TEXT,
          started_at BIGINT NOT NULL, last_minute BIGINT NOT NULL, PRIMARY KEY (tenant, live_id));
        CREATE INDEX monitor_live_sessions_creator ON monitor_live_sessions (tenant, creator_id, started_at);`,
}];

const SESSION_COLUMNS = ['tenant', 'live_id', 'creator_id', 'started_at', 'last_minute'];
/** A stored session only widens: the earlier start, the later last minute, a creator once known. */
const SESSION_MERGE = [
  'creator_id = COALESCE(excluded.creator_id, monitor_live_sessions.creator_id)',
  'started_at = CASE WHEN excluded.started_at < monitor_live_sessions.started_at THEN excluded.started_at ELSE monitor_live_sessions.started_at END',
  'last_minute = CASE WHEN excluded.last_minute > monitor_live_sessions.last_minute THEN excluded.last_minute ELSE monitor_live_sessions.last_minute END',
];
type SessionRow = { tenant: string; live_id: string; creator_id: string | null; started_at: number | string; last_minute: number | string };
const toSession = (r: SessionRow): LiveSession => ({
  tenant: r.tenant, liveId: r.live_id, creatorId: r.creator_id, startedAt: Number(r.started_at), lastMinute: Number(r.last_minute),
});


type Row = Record<string, unknown> & { tenant: string; scope: string; minute: number | string };
const toBucket = (r: Row): MinuteBucket => ({
  tenant: r.tenant, scope: r.scope, minute: Number(r.minute), counts: countsFromArray(COUNT_COLUMNS.map((c) => Number(r[c]))),
});

/** MonitorStore on any SqlDb engine: one standard `INSERT … ON CONFLICT … DO UPDATE` both engines accept. */
export class SqlMonitorStore implements MonitorStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async upsertBuckets(buckets: readonly MinuteBucket[]): Promise<void> {
    // PostgreSQL refuses to update one row twice in a statement: keep the last bucket per key.
    const byKey = new Map<string, SqlValue[]>();
    for (const b of buckets) {
      byKey.set(`${b.tenant}\u0000${b.scope}\u0000${b.minute}`, [b.tenant, b.scope, b.minute, ...FUNNEL_NODES.map((n) => b.counts[n])]);
    }
    const rows = [...byKey.values()];
    if (rows.length === 0) return;
    await this.db.transaction((tx) => upsertMany(tx, 'monitor_minutes', COLUMNS, ['tenant', 'scope', 'minute'], COUNT_COLUMNS, rows));
  }

  async loadSince(tenant: string | undefined, sinceMinute: number): Promise<MinuteBucket[]> {
    const where = tenant === undefined ? 'minute >= ?' : 'tenant = ? AND minute >= ?';
    const params = tenant === undefined ? [sinceMinute] : [tenant, sinceMinute];
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS.join(', ')} FROM monitor_minutes WHERE ${where}`, params);
    // Sorted here, not by ORDER BY: PostgreSQL's text collation may order differently from SQLite's.
    return rows.map(toBucket).sort(compareBuckets);
  }

  async loadRange(tenant: string, scope: string, fromMinute: number, toMinute: number): Promise<MinuteBucket[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS.join(', ')} FROM monitor_minutes WHERE tenant = ? AND scope = ? AND minute >= ? AND minute <= ? ORDER BY minute`,
      [tenant, scope, fromMinute, toMinute],
    );
    return rows.map(toBucket);
  }

  async upsertLiveSessions(sessions: readonly LiveSession[]): Promise<void> {
    const byKey = new Map<string, SqlValue[]>();
    for (const x of sessions) byKey.set(`${x.tenant}\u0000${x.liveId}`, [x.tenant, x.liveId, x.creatorId, x.startedAt, x.lastMinute]);
    if (byKey.size === 0) return;
    await this.db.transaction((tx) => upsertManyWith(tx, 'monitor_live_sessions', SESSION_COLUMNS, ['tenant', 'live_id'], SESSION_MERGE, [...byKey.values()]));
  }

  async liveSessions(tenant: string | undefined, sinceMinute: number): Promise<LiveSession[]> {
    const where = tenant === undefined ? 'last_minute >= ?' : 'tenant = ? AND last_minute >= ?';
    const params = tenant === undefined ? [sinceMinute] : [tenant, sinceMinute];
    return (await this.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS.join(', ')} FROM monitor_live_sessions WHERE ${where}`, params)).map(toSession);
  }

  async earlierLiveSessions(tenant: string, creatorId: string, beforeMinute: number, limit: number): Promise<LiveSession[]> {
    const rows = await this.db.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS.join(', ')} FROM monitor_live_sessions WHERE tenant = ? AND creator_id = ? AND started_at < ? ORDER BY started_at DESC LIMIT ?`,
      [tenant, creatorId, beforeMinute, limit],
    );
    return rows.map(toSession);
  }

  async prune(beforeMinute: number): Promise<number> {
    const n = await this.db.run('DELETE FROM monitor_minutes WHERE minute < ?', [beforeMinute]);
    await this.db.run('DELETE FROM monitor_live_sessions WHERE last_minute < ?', [beforeMinute]);
    return n;
  }
}
