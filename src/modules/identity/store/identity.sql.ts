import { insertManyIgnore, migrate, type SqlDb, type SqlValue } from '../../../storage/sql-db.js';
import { keyClass, pairId, type GraphView, type LinkPlan } from '../domain/link-planner.js';
import type { IdentityErasure, IdentityStore, MergeRecord } from '../identity.store.js';

const MIGRATIONS = [{
  id: 'identity_0001',
  sql: `CREATE TABLE identity_nodes (tenant TEXT NOT NULL, key TEXT NOT NULL, person_id TEXT NOT NULL, first_seen BIGINT NOT NULL, PRIMARY KEY (tenant, key));
        CREATE INDEX identity_nodes_person_idx ON identity_nodes (tenant, person_id);
        CREATE TABLE identity_edges (tenant TEXT NOT NULL, key_a TEXT NOT NULL, key_b TEXT NOT NULL, class_a TEXT NOT NULL, class_b TEXT NOT NULL,
          status TEXT NOT NULL, event_id TEXT NOT NULL, source TEXT NOT NULL, ts BIGINT NOT NULL, PRIMARY KEY (tenant, key_a, key_b));
        CREATE INDEX identity_edges_b_idx ON identity_edges (tenant, key_b);
        CREATE TABLE identity_merges (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, status TEXT NOT NULL, from_person TEXT, into_person TEXT,
          key_a TEXT NOT NULL, key_b TEXT NOT NULL, event_id TEXT NOT NULL, source TEXT NOT NULL, ts BIGINT NOT NULL, detail TEXT NOT NULL);
        CREATE INDEX identity_merges_tenant_idx ON identity_merges (tenant, into_person);`,
}];

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
const CHUNK = 2000; // SQLite allows 32,766 bound parameters; PostgreSQL 65,535

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** IdentityStore on any SqlDb engine; the SQL is written once. */
export class SqlIdentityStore implements IdentityStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async loadView(tenant: string, keys: readonly string[]): Promise<GraphView> {
    const personOf = new Map<string, string>();
    const neighbourCount = new Map<string, number>();
    const knownPairs = new Set<string>();
    for (const part of chunks([...new Set(keys)])) {
      const nodes = await this.db.query<{ key: string; person_id: string }>(
        `SELECT key, person_id FROM identity_nodes WHERE tenant = ? AND key IN (${marks(part.length)})`, [tenant, ...part]);
      for (const n of nodes) personOf.set(n.key, n.person_id);
      const edges = await this.db.query<{ key_a: string; key_b: string; class_a: string; class_b: string; status: string }>(
        `SELECT key_a, key_b, class_a, class_b, status FROM identity_edges WHERE tenant = ? AND key_a IN (${marks(part.length)})
         UNION ALL SELECT key_a, key_b, class_a, class_b, status FROM identity_edges WHERE tenant = ? AND key_b IN (${marks(part.length)})`,
        [tenant, ...part, tenant, ...part]);
      for (const e of edges) {
        const id = pairId(e.key_a, e.key_b);
        if (knownPairs.has(id)) continue;
        knownPairs.add(id);
        if (e.status !== 'linked') continue;
        neighbourCount.set(`${e.key_a}|${e.class_b}`, (neighbourCount.get(`${e.key_a}|${e.class_b}`) ?? 0) + 1);
        neighbourCount.set(`${e.key_b}|${e.class_a}`, (neighbourCount.get(`${e.key_b}|${e.class_a}`) ?? 0) + 1);
      }
    }
    return { personOf, neighbourCount, knownPairs };
  }

  async applyPlan(tenant: string, plan: LinkPlan, now: number, newRecordId: () => string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertManyIgnore(tx, 'identity_nodes', ['tenant', 'key', 'person_id', 'first_seen'], ['tenant', 'key'],
        [...plan.assign].map(([key, person]) => [tenant, key, person, now]));
      await insertManyIgnore(tx, 'identity_edges', ['tenant', 'key_a', 'key_b', 'class_a', 'class_b', 'status', 'event_id', 'source', 'ts'], ['tenant', 'key_a', 'key_b'],
        plan.edges.map((e) => {
          const [a, b] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
          return [tenant, a, b, keyClass(a), keyClass(b), e.status, e.evidence.eventId, e.evidence.source, e.evidence.ts];
        }));
      const mergeSql = 'INSERT INTO identity_merges (id, tenant, status, from_person, into_person, key_a, key_b, event_id, source, ts, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
      for (const m of plan.merges) {
        await tx.run('UPDATE identity_nodes SET person_id = ? WHERE tenant = ? AND person_id = ?', [m.into, tenant, m.from]);
        await tx.run(mergeSql, [newRecordId(), tenant, 'merged', m.from, m.into, m.via.a, m.via.b, m.via.eventId, m.via.source, m.via.ts, `linked ${m.via.a} and ${m.via.b}`]);
      }
      for (const r of plan.refusals) {
        const detail = `${r.key} already links ${r.count} identifiers of class ${r.cls} (cap reached)`;
        await tx.run(mergeSql, [newRecordId(), tenant, 'refused', null, null, r.evidence.a, r.evidence.b, r.evidence.eventId, r.evidence.source, r.evidence.ts, detail]);
      }
    });
  }

  async personOf(tenant: string, key: string): Promise<string | undefined> {
    const rows = await this.db.query<{ person_id: string }>('SELECT person_id FROM identity_nodes WHERE tenant = ? AND key = ?', [tenant, key]);
    return rows[0]?.person_id;
  }

  async keysOf(tenant: string, personId: string): Promise<string[]> {
    // Sorted here, not in SQL: with ORDER BY key, SQLite walks the whole (tenant, key) primary key instead
    // of the person index (7 ms instead of 0.1 ms at 50,000 persons, measured).
    const rows = await this.db.query<{ key: string }>('SELECT key FROM identity_nodes WHERE tenant = ? AND person_id = ?', [tenant, personId]);
    return rows.map((r) => r.key).sort();
  }

  async allAssignments(tenant: string): Promise<Map<string, string>> {
    const rows = await this.db.query<{ key: string; person_id: string }>('SELECT key, person_id FROM identity_nodes WHERE tenant = ?', [tenant]);
    return new Map(rows.map((r) => [r.key, r.person_id]));
  }

  async mergesOf(tenant: string, personId: string): Promise<MergeRecord[]> {
    const keys = await this.keysOf(tenant, personId);
    const params: SqlValue[] = [tenant, personId, personId];
    let keyClause = '';
    if (keys.length > 0) { keyClause = ` OR key_a IN (${marks(keys.length)}) OR key_b IN (${marks(keys.length)})`; params.push(...keys, ...keys); }
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM identity_merges WHERE tenant = ? AND (into_person = ? OR from_person = ?${keyClause}) ORDER BY ts, id`, params);
    return rows.map((r) => ({
      id: String(r.id), status: r.status === 'refused' ? 'refused' : 'merged', fromPerson: (r.from_person as string | null) ?? null,
      intoPerson: (r.into_person as string | null) ?? null, keyA: String(r.key_a), keyB: String(r.key_b), eventId: String(r.event_id),
      source: String(r.source), ts: Number(r.ts), detail: String(r.detail),
    }));
  }

  async erasePerson(tenant: string, personId: string): Promise<IdentityErasure> {
    const keys = await this.keysOf(tenant, personId);
    return this.db.transaction(async (tx) => {
      let edges = 0;
      let merges = await tx.run('DELETE FROM identity_merges WHERE tenant = ? AND (into_person = ? OR from_person = ?)', [tenant, personId, personId]);
      for (const part of chunks(keys)) {
        edges += await tx.run(`DELETE FROM identity_edges WHERE tenant = ? AND (key_a IN (${marks(part.length)}) OR key_b IN (${marks(part.length)}))`, [tenant, ...part, ...part]);
        merges += await tx.run(`DELETE FROM identity_merges WHERE tenant = ? AND (key_a IN (${marks(part.length)}) OR key_b IN (${marks(part.length)}))`, [tenant, ...part, ...part]);
      }
      await tx.run('DELETE FROM identity_nodes WHERE tenant = ? AND person_id = ?', [tenant, personId]);
      return { keys, edges, merges };
    });
  }
}
