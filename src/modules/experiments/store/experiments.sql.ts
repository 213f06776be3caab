import { insertManyIgnore, migrate, upsertMany, type SqlDb } from '../../../storage/sql-db.js';
import type { Experiment } from '../domain/experiment.js';
import type { Flag } from '../domain/flag.js';
import type { ExperimentsStore, Exposure } from '../experiments.store.js';

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
}];

const EXPOSURE_COLUMNS = ['tenant', 'experiment_id', 'person_id', 'unit', 'key', 'cluster', 'variation', 'ts'];
type Row = Record<string, string | number | null>;

const toExposure = (r: Row): Exposure => ({
  tenant: String(r.tenant), experimentId: String(r.experiment_id), personId: String(r.person_id), unit: String(r.unit), key: String(r.key),
  cluster: String(r.cluster), variation: Number(r.variation), ts: Number(r.ts),
});

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

  async appendExposures(exposures: readonly Exposure[]): Promise<number> {
    if (exposures.length === 0) return 0;
    const rows = exposures.map((x) => [x.tenant, x.experimentId, x.personId, x.unit, x.key, x.cluster, x.variation, x.ts]);
    return this.db.transaction((tx) => insertManyIgnore(tx, 'experiment_exposures', EXPOSURE_COLUMNS, ['tenant', 'experiment_id', 'person_id', 'unit'], rows));
  }

  async exposures(tenant: string, experimentId: string, page: { readonly after?: readonly [string, string] | undefined; readonly limit: number }): Promise<Exposure[]> {
    const [person, unit] = page.after ?? ['', ''];
    // A row-value comparison lets both engines seek the primary key instead of rescanning each page.
    const rows = await this.db.query<Row>(
      `SELECT ${EXPOSURE_COLUMNS.join(', ')} FROM experiment_exposures WHERE tenant = ? AND experiment_id = ?
         AND (person_id, unit) > (?, ?) ORDER BY person_id, unit LIMIT ?`,
      [tenant, experimentId, person, unit, page.limit],
    );
    return rows.map(toExposure);
  }

  async exposureCounts(tenant: string, experimentId: string): Promise<Map<number, number>> {
    const rows = await this.db.query<Row>('SELECT variation, COUNT(*) AS n FROM experiment_exposures WHERE tenant = ? AND experiment_id = ? GROUP BY variation', [tenant, experimentId]);
    return new Map(rows.map((r) => [Number(r.variation), Number(r.n)]));
  }

  async deleteExposuresOf(tenant: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const marks = ids.map(() => '?').join(', ');
    return this.db.run(`DELETE FROM experiment_exposures WHERE tenant = ? AND (person_id IN (${marks}) OR key IN (${marks}))`, [tenant, ...ids, ...ids]);
  }
}
