import { migrate, type SqlDb } from '../../../storage/sql-db.js';
import type { ConsentPurpose } from '../../events/index.js';
import type { ConsentRecord, ConsentStore } from '../consent.store.js';

const MIGRATIONS = [{
  id: 'privacy_0001',
  sql: `CREATE TABLE consent (tenant TEXT NOT NULL, key TEXT NOT NULL, purpose TEXT NOT NULL, granted INTEGER NOT NULL,
          ts BIGINT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (tenant, key, purpose));`,
}];

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** ConsentStore on any SqlDb engine; the upsert is standard SQL both engines accept. */
export class SqlConsentStore implements ConsentStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async record(tenant: string, records: readonly ConsentRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const r of records) {
        await tx.run(
          `INSERT INTO consent (tenant, key, purpose, granted, ts, source) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant, key, purpose) DO UPDATE SET granted = excluded.granted, ts = excluded.ts, source = excluded.source
           WHERE excluded.ts >= consent.ts`,
          [tenant, r.key, r.purpose, r.granted ? 1 : 0, r.ts, r.source]);
      }
    });
  }

  async listForKeys(tenant: string, keys: readonly string[]): Promise<ConsentRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<{ key: string; purpose: string; granted: number; ts: number; source: string }>(
      `SELECT key, purpose, granted, ts, source FROM consent WHERE tenant = ? AND key IN (${marks(keys.length)}) ORDER BY ts, key`, [tenant, ...keys]);
    return rows.map((r) => ({ key: r.key, purpose: r.purpose as ConsentPurpose, granted: Number(r.granted) === 1, ts: Number(r.ts), source: r.source }));
  }

  async deleteForKeys(tenant: string, keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.db.run(`DELETE FROM consent WHERE tenant = ? AND key IN (${marks(keys.length)})`, [tenant, ...keys]);
  }
}
