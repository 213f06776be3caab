import { insertManyIgnore, migrate, selectIn, upsertMany, type SqlDb, type SqlValue } from '../../../storage/sql-db.js';
import type { TraceBatch } from '../domain/batch.js';
import type { LogWrite, SigningKey, StoredCheckpoint, StoredChunk, StoredEntry, StoredNode, TraceStore } from '../trace.store.js';

const MIGRATIONS = [{
  id: 'trace_0001',
  // Hashes are BYTEA: a byte string on PostgreSQL, a BLOB value on SQLite (its NUMERIC affinity leaves
  // blobs as they are). Entries are keyed by (tenant, idx), the log order, and nothing else is indexed on
  // the append path: a secondary index by batch code costs a random B-tree page per batch per transaction
  // (measured 3× the insert time with 1000 active batches). A batch's entries are found instead through
  // `prev` (the batch's previous leaf index) from its newest entry in `trace_batch_heads`. A stored subtree
  // keeps its chunk tree (leaf hashes and inner nodes) beside it: a proof reads one row per chunk and hashes nothing inside it.
  sql: `CREATE TABLE trace_batches (code TEXT PRIMARY KEY, tenant TEXT NOT NULL, product_id TEXT, name TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE INDEX trace_batches_tenant ON trace_batches (tenant, created_at);
        CREATE TABLE trace_entries (tenant TEXT NOT NULL, idx BIGINT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
          leaf_hash BYTEA NOT NULL, at BIGINT NOT NULL, prev BIGINT, PRIMARY KEY (tenant, idx));
        CREATE TABLE trace_batch_heads (tenant TEXT NOT NULL, code TEXT NOT NULL, last_idx BIGINT NOT NULL, PRIMARY KEY (tenant, code));
        CREATE TABLE trace_nodes (tenant TEXT NOT NULL, level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, tree BYTEA NOT NULL, PRIMARY KEY (tenant, level, idx));
        CREATE TABLE trace_checkpoints (tenant TEXT NOT NULL, size BIGINT NOT NULL, root BYTEA NOT NULL, note TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (tenant, size));
        CREATE TABLE trace_keys (name TEXT PRIMARY KEY, private_key TEXT NOT NULL, public_key BYTEA NOT NULL, created_at BIGINT NOT NULL);`,
}];

type Row = Record<string, unknown>;
const ENTRY_COLUMNS = ['tenant', 'idx', 'code', 'kind', 'data', 'leaf_hash', 'at', 'prev'];
/** A byte column as a plain Uint8Array (drivers answer Buffers, or Uint8Arrays from the worker thread). */
const bytes = (v: unknown): Uint8Array => new Uint8Array(v as Uint8Array);
const batchOf = (r: Row): TraceBatch => ({
  tenant: String(r.tenant), code: String(r.code), productId: r.product_id === null || r.product_id === undefined ? null : String(r.product_id), name: String(r.name), createdAt: Number(r.created_at),
});
const checkpointOf = (r: Row): StoredCheckpoint => ({ size: Number(r.size), root: bytes(r.root), note: String(r.note), at: Number(r.at) });

/** Thrown inside the append transaction to roll it back when another writer took an index first. */
class TakenError extends Error {}

/** TraceStore on SQLite or PostgreSQL: the same SQL on both. */
export class SqlTraceStore implements TraceStore {
  constructor(private readonly db: SqlDb) {}

  init(): Promise<void> {
    return migrate(this.db, MIGRATIONS);
  }

  async insertBatch(b: TraceBatch): Promise<boolean> {
    return (await insertManyIgnore(this.db, 'trace_batches', ['code', 'tenant', 'product_id', 'name', 'created_at'], ['code'], [[b.code, b.tenant, b.productId, b.name, b.createdAt]])) === 1;
  }

  async batch(code: string): Promise<TraceBatch | undefined> {
    const rows = await this.db.query<Row>('SELECT code, tenant, product_id, name, created_at FROM trace_batches WHERE code = ?', [code]);
    return rows[0] && batchOf(rows[0]);
  }

  async batches(tenant: string, limit: number): Promise<TraceBatch[]> {
    return (await this.db.query<Row>('SELECT code, tenant, product_id, name, created_at FROM trace_batches WHERE tenant = ? ORDER BY created_at DESC, code LIMIT ?', [tenant, limit])).map(batchOf);
  }

  async knownCodes(tenant: string, codes: readonly string[]): Promise<Set<string>> {
    return new Set((await selectIn<Row>(this.db, 'SELECT code FROM trace_batches WHERE tenant = ?', [tenant], 'code', codes)).map((r) => String(r.code)));
  }

  async appendLog(writes: readonly LogWrite[]): Promise<boolean> {
    try {
      await this.db.transaction(async (tx) => {
        for (const w of writes) {
          const rows: SqlValue[][] = w.entries.map((e) => [w.tenant, e.idx, e.code, e.kind, e.data, e.leafHash, e.at, e.prev]);
          const nodes: SqlValue[][] = w.nodes.map((n) => [w.tenant, n.level, n.idx, n.hash, n.tree]);
          const cp = w.checkpoint;
          const [entries, , stored, signed] = await Promise.all([
            insertManyIgnore(tx, 'trace_entries', ENTRY_COLUMNS, ['tenant', 'idx'], rows),
            upsertMany(tx, 'trace_batch_heads', ['tenant', 'code', 'last_idx'], ['tenant', 'code'], ['last_idx'], w.heads.map((h) => [w.tenant, h.code, h.lastIdx])),
            insertManyIgnore(tx, 'trace_nodes', ['tenant', 'level', 'idx', 'hash', 'tree'], ['tenant', 'level', 'idx'], nodes),
            cp ? insertManyIgnore(tx, 'trace_checkpoints', ['tenant', 'size', 'root', 'note', 'at'], ['tenant', 'size'], [[w.tenant, cp.size, cp.root, cp.note, cp.at]]) : Promise.resolve(0),
          ]);
          if (entries !== rows.length || stored !== nodes.length || signed !== (cp ? 1 : 0)) throw new TakenError(`log of ${w.tenant}: an index or size was taken`);
        }
      });
      return true;
    } catch (err) {
      if (err instanceof TakenError) return false;
      throw err;
    }
  }

  async logSize(tenant: string): Promise<number> {
    const rows = await this.db.query<Row>('SELECT MAX(idx) AS m FROM trace_entries WHERE tenant = ?', [tenant]);
    const m = rows[0]?.m;
    return m === null || m === undefined ? 0 : Number(m) + 1;
  }

  async leafHashes(tenant: string, from: number, to: number): Promise<Uint8Array[]> {
    return (await this.db.query<Row>('SELECT leaf_hash FROM trace_entries WHERE tenant = ? AND idx >= ? AND idx < ? ORDER BY idx', [tenant, from, to])).map((r) => bytes(r.leaf_hash));
  }

  async entries(tenant: string, from: number, to: number): Promise<StoredEntry[]> {
    const rows = await this.db.query<Row>('SELECT idx, code, kind, data, leaf_hash, at, prev FROM trace_entries WHERE tenant = ? AND idx >= ? AND idx < ? ORDER BY idx', [tenant, from, to]);
    return rows.map((r) => ({
      idx: Number(r.idx), code: String(r.code), kind: String(r.kind), data: String(r.data), leafHash: bytes(r.leaf_hash), at: Number(r.at), prev: r.prev === null || r.prev === undefined ? null : Number(r.prev),
    }));
  }

  async entriesOfBatch(tenant: string, code: string): Promise<Array<{ idx: number; kind: string; data: string }>> {
    // Back along `prev` from the batch's newest entry; each step must go down, so a damaged link cannot loop.
    const rows = await this.db.query<Row>(`WITH RECURSIVE chain(idx) AS (
        SELECT last_idx FROM trace_batch_heads WHERE tenant = ? AND code = ?
        UNION ALL SELECT e.prev FROM chain c CROSS JOIN trace_entries e WHERE e.tenant = ? AND e.idx = c.idx AND e.code = ? AND e.prev < e.idx)
      SELECT idx, kind, data FROM trace_entries WHERE tenant = ? AND code = ? AND idx IN (SELECT idx FROM chain) ORDER BY idx`, [tenant, code, tenant, code, tenant, code]);
    return rows.map((r) => ({ idx: Number(r.idx), kind: String(r.kind), data: String(r.data) }));
  }

  async batchHeads(tenant: string, codes: readonly string[]): Promise<Map<string, number>> {
    const rows = await selectIn<Row>(this.db, 'SELECT code, last_idx FROM trace_batch_heads WHERE tenant = ?', [tenant], 'code', codes);
    return new Map(rows.map((r) => [String(r.code), Number(r.last_idx)]));
  }

  async nodes(tenant: string, level: number, from: number, to: number): Promise<StoredNode[]> {
    const rows = await this.db.query<Row>('SELECT idx, hash FROM trace_nodes WHERE tenant = ? AND level = ? AND idx >= ? AND idx < ? ORDER BY idx', [tenant, level, from, to]);
    return rows.map((r) => ({ level, idx: Number(r.idx), hash: bytes(r.hash) }));
  }

  async chunks(tenant: string, level: number, from: number, to: number): Promise<StoredChunk[]> {
    const rows = await this.db.query<Row>('SELECT idx, hash, tree FROM trace_nodes WHERE tenant = ? AND level = ? AND idx >= ? AND idx < ? ORDER BY idx', [tenant, level, from, to]);
    return rows.map((r) => ({ level, idx: Number(r.idx), hash: bytes(r.hash), tree: bytes(r.tree) }));
  }

  async chunkTree(tenant: string, level: number, idx: number): Promise<Uint8Array[] | undefined> {
    const rows = await this.db.query<Row>('SELECT tree FROM trace_nodes WHERE tenant = ? AND level = ? AND idx = ?', [tenant, level, idx]);
    if (!rows[0]) return undefined;
    const all = bytes(rows[0].tree);
    return Array.from({ length: Math.floor(all.length / 32) }, (_, i) => all.subarray(i * 32, (i + 1) * 32));
  }

  async latestCheckpoint(tenant: string): Promise<StoredCheckpoint | undefined> {
    const rows = await this.db.query<Row>('SELECT size, root, note, at FROM trace_checkpoints WHERE tenant = ? ORDER BY size DESC LIMIT 1', [tenant]);
    return rows[0] && checkpointOf(rows[0]);
  }

  async checkpoints(tenant: string, from: number, to: number): Promise<StoredCheckpoint[]> {
    return (await this.db.query<Row>('SELECT size, root, note, at FROM trace_checkpoints WHERE tenant = ? AND size >= ? AND size <= ? ORDER BY size', [tenant, from, to])).map(checkpointOf);
  }

  async logTenants(): Promise<string[]> {
    // Every entry names a batch of its tenant and every append signs a checkpoint: no scan of the entries needed.
    const rows = await this.db.query<Row>('SELECT tenant FROM trace_batches UNION SELECT tenant FROM trace_checkpoints');
    return [...new Set(rows.map((r) => String(r.tenant)))].sort();
  }

  async signingKey(name: string): Promise<SigningKey | undefined> {
    const rows = await this.db.query<Row>('SELECT name, private_key, public_key, created_at FROM trace_keys WHERE name = ?', [name]);
    const r = rows[0];
    return r && { name: String(r.name), privateKeyPem: String(r.private_key), publicKey: bytes(r.public_key), createdAt: Number(r.created_at) };
  }

  async insertSigningKey(k: SigningKey): Promise<boolean> {
    return (await insertManyIgnore(this.db, 'trace_keys', ['name', 'private_key', 'public_key', 'created_at'], ['name'], [[k.name, k.privateKeyPem, k.publicKey, k.createdAt]])) === 1;
  }
}
