import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The primitives of one SQLite connection; synchronous on this thread, promises on a worker. */
export interface SqliteDriver {
  query(sql: string, params: readonly unknown[]): Record<string, unknown>[] | Promise<Record<string, unknown>[]>;
  run(sql: string, params: readonly unknown[]): number | Promise<number>;
  exec(sql: string): void | Promise<void>;
  close(): void | Promise<void>;
}

// The worker is plain CommonJS evaluated from this string, so it runs the same from the TypeScript
// sources (tests) and from the build. It owns the connection and answers one message at a time, in
// order, which keeps statement order exactly as the caller sent it.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
for (const p of workerData.pragmas) db.pragma(p);
const statements = new Map();
const prepare = (sql) => { let st = statements.get(sql); if (!st) { st = db.prepare(sql); statements.set(sql, st); } return st; };
parentPort.on('message', (m) => {
  try {
    let result;
    if (m.op === 'query') result = prepare(m.sql).all(...m.params);
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
  const call = <T>(op: string, sql?: string, params?: readonly unknown[]): Promise<T> => {
    if (failed) return Promise.reject(failed);
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, sql, params });
    });
  };
  return {
    query: (sql, params) => call('query', sql, params),
    run: (sql, params) => call('run', sql, params),
    exec: (sql) => call('exec', sql),
    async close() {
      await call('close').catch(() => undefined);
      await worker.terminate();
    },
  };
}
