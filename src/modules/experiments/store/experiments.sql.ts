import { insertManyIgnore, migrate, upsertMany, type SqlDb } from '../../../storage/sql-db.js';
import type { Experiment } from '../domain/experiment.js';
import type { Flag } from '../domain/flag.js';
import type { ExperimentsStore } from '../experiments.store.js';

const MIGRATIONS = [{
  id: 'experiments_0001',
  sql: `CREATE TABLE experiments (tenant TEXT NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL,
          body TEXT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE UNIQUE INDEX experiments_key ON experiments (tenant, key);
        CREATE TABLE experiment_flags (tenant TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant, key));
        CREATE TABLE experiment_exposures (tenant TEXT NOT NULL, experiment_id TEXT NOT NULL, person_id TEXT NOT NULL, unit TEXT NOT NULL, key TEXT NOT NULL,
          cluster TEXT NOT NULL, variation INTEGER NOT NULL, ts BIGINT NOT NULL, PRIMARY KEY (tenant, experiment_id, person_id, unit));
        CREATE INDEX experiment_exposures_person ON experiment_exposures (tenant, person_id);
        CREATE INDEX experiment_exposures_key ON experiment_exposures (tenant, key);`,
}, {
  // Exposures moved to the event store as `exposure` events (ADR 0013): the report aggregates them there.
  id: 'experiments_0002',
  sql: 'DROP TABLE experiment_exposures;',
}];

type Row = Record<string, string | number | null>;

/** ExperimentsStore on any SqlDb engine (SQLite embedded, PostgreSQL). Definitions are JSON text. */
export class SqlExperimentsStore implements ExperimentsStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async insert(e: Experiment): Promise<boolean> {
    const taken = await this.db.query<Row>('SELECT id FROM experiments WHERE tenant = ? AND key = ?', [e.tenant, e.key]);
    if (taken.length > 0) return false;
    const changed = await insertManyIgnore(this.db, 'experiments', ['tenant', 'id', 'key', 'status', 'created_at', 'body'], ['tenant', 'id'], [[e.tenant, e.id, e.key, e.status, e.createdAt, JSON.stringify(e)]]);
    return changed === 1;
  }

  async update(e: Experiment): Promise<void> {
    await this.db.run('UPDATE experiments SET status = ?, body = ? WHERE tenant = ? AND id = ?', [e.status, JSON.stringify(e), e.tenant, e.id]);
  }

  async get(tenant: string, id: string): Promise<Experiment | undefined> {
    const rows = await this.db.query<Row>('SELECT body FROM experiments WHERE tenant = ? AND id = ?', [tenant, id]);
    return rows[0] && (JSON.parse(String(rows[0].body)) as Experiment);
  }

  async list(tenant: string): Promise<Experiment[]> {
    const rows = await this.db.query<Row>('SELECT body FROM experiments WHERE tenant = ? ORDER BY created_at DESC, id DESC', [tenant]);
    return rows.map((r) => JSON.parse(String(r.body)) as Experiment);
  }

  async upsertFlag(f: Flag): Promise<void> {
    await upsertMany(this.db, 'experiment_flags', ['tenant', 'key', 'body', 'updated_at'], ['tenant', 'key'], ['body', 'updated_at'], [[f.tenant, f.key, JSON.stringify(f), f.updatedAt]]);
  }

  async flags(tenant: string): Promise<Flag[]> {
    const rows = await this.db.query<Row>('SELECT body FROM experiment_flags WHERE tenant = ? ORDER BY key', [tenant]);
    return rows.map((r) => JSON.parse(String(r.body)) as Flag);
  }

  async deleteFlag(tenant: string, key: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM experiment_flags WHERE tenant = ? AND key = ?', [tenant, key])) > 0;
  }
}
