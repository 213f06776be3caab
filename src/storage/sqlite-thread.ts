import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The primitives of one SQLite connection; synchronous on this thread, promises on a worker. */
export interface SqliteDriver {
  /** `tx` tags a statement of a transaction (see the worker: statements of a transaction whose BEGIN failed never run). */
  query(sql: string, params: readonly unknown[], tx?: number): Record<string, unknown>[] | Promise<Record<string, unknown>[]>;
  run(sql: string, params: readonly unknown[], tx?: number): number | Promise<number>;
  exec(sql: string, tx?: number): void | Promise<void>;
  close(): void | Promise<void>;
}

// The worker is plain CommonJS evaluated from this string, so it runs the same from the TypeScript
// sources (tests) and from the build. It owns the connection and answers one message at a time, in
// order, which keeps statement order exactly as the caller sent it. A transaction's statements are sent
// right behind its BEGIN without waiting for it (one round trip fewer per transaction); if that BEGIN
// fails, every later statement tagged with the same transaction is refused unrun, so nothing of it runs
// outside a transaction, and its ROLLBACK is a no-op.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
for (const p of workerData.pragmas) db.pragma(p);
const statements = new Map();
const prepare = (sql) => { let st = statements.get(sql); if (!st) { st = db.prepare(sql); statements.set(sql, st); } return st; };
let failedTx = 0;
parentPort.on('message', (m) => {
  try {
    let result;
    if (m.tx && m.tx === failedTx) {
      if (m.op === 'exec' && m.sql === 'ROLLBACK') { failedTx = 0; parentPort.postMessage({ id: m.id, ok: true }); return; }
      throw Object.assign(new Error('the transaction did not begin'), { code: 'SQLITE_BUSY' });
    }
    if (m.op === 'exec' && m.sql === 'BEGIN IMMEDIATE' && m.tx) {
      try { db.exec(m.sql); } catch (err) { failedTx = m.tx; throw err; }
    } else if (m.op === 'query') result = prepare(m.sql).all(...m.params);
    else if (m.op === 'run') result = prepare(m.sql).run(...m.params).changes;
    else if (m.op === 'exec') db.exec(m.sql);
    else if (m.op === 'close') db.close();
    parentPort.postMessage({ id: m.id, ok: true, result });
  } catch (err) {
    parentPort.postMessage({ id: m.id, ok: false, name: err.name, message: err.message, code: err.code });
  }
});`;

interface Reply { id: number; ok: boolean; result?: unknown; name?: string; message?: string; code?: string }

/**
 * A SQLite connection on its own worker thread (docs/adr/0008): statements run off the event loop, so
 * B-tree work and commits no longer stall request handling. Errors come back with their SQLite code,
 * so the error mapping is the same as in-thread.
 */
export function sqliteOnWorker(path: string, pragmas: readonly string[]): SqliteDriver {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { module, path, pragmas } });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let nextId = 1;
  let failed: Error | undefined;
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) { p.resolve(reply.result); return; }
    // Built here, so its stack shows where the answer arrived; the SQL error text names the statement.
    p.reject(Object.assign(new Error(reply.message), { name: reply.name ?? 'Error', code: reply.code }));
  });
  worker.on('error', (err) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  const call = <T>(op: string, sql?: string, params?: readonly unknown[], tx?: number): Promise<T> => {
    if (failed) return Promise.reject(failed);
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, sql, params, tx });
    });
  };
  return {
    query: (sql, params, tx) => call('query', sql, params, tx),
    run: (sql, params, tx) => call('run', sql, params, tx),
    exec: (sql, tx) => call('exec', sql, undefined, tx),
    async close() {
      await call('close').catch(() => undefined);
      await worker.terminate();
    },
  };
}
