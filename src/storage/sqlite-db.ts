import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SerialQueue } from '../shared/serial-queue.js';
import { sqliteOnWorker, type SqliteDriver } from './sqlite-thread.js';
import { standardInsertIgnore, type SqlDb, type SqlDialect, type SqlValue } from './sql-db.js';

const SQLITE_DIALECT: SqlDialect = { name: 'sqlite', insertIgnore: standardInsertIgnore, lockRows: '' };

function toSqlite(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/** Connection settings, applied by whichever thread owns the connection. */
const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'cache_size = -65536', // 64 MiB page cache: identity B-trees stay in memory (default 2 MiB)
  'wal_autocheckpoint = 16384', // checkpoint every 64 MiB of WAL instead of 4 MiB
];

/** The connection on this thread: better-sqlite3 is synchronous, statements are cached by text. */
function sqliteHere(path: string): SqliteDriver {
  const db = new Database(path);
  for (const p of PRAGMAS) db.pragma(p);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let st = statements.get(sql);
    if (!st) { st = db.prepare(sql); statements.set(sql, st); }
    return st;
  };
  return {
    query: (sql, params) => prepare(sql).all(...params) as Record<string, unknown>[],
    run: (sql, params) => prepare(sql).run(...params).changes,
    exec: (sql) => { db.exec(sql); },
    close: () => { db.close(); },
  };
}

/**
 * Opens an embedded SQLite database (WAL, synchronous=NORMAL: durable across process crashes,
 * see docs/adr/0003). `:memory:` works for tests. With `thread: true` the connection lives on a worker
 * thread (docs/adr/0008) and the event loop never waits on SQLite; the behaviour is the same.
 */
export function openSqlite(path: string, options: { thread?: boolean } = {}): SqlDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const driver = options.thread ? sqliteOnWorker(path, PRAGMAS) : sqliteHere(path);
  // One connection is shared by every request. A transaction body awaits, so without a lock other
  // requests' statements would run inside it (and vanish with its rollback). The lock admits one
  // transaction at a time and makes plain statements wait for it; the body itself uses `tx`.
  const lock = new SerialQueue();
  let inTransaction = false;
  let txSeq = 0;
  const statements = (tx?: number) => ({
    query: async <T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> => (await driver.query(sql, toSqlite(params), tx)) as T[],
    run: async (sql: string, params: readonly SqlValue[] = []): Promise<number> => driver.run(sql, toSqlite(params), tx),
    exec: async (sql: string): Promise<void> => { await driver.exec(sql, tx); },
  });
  const direct = statements();
  // Outside a transaction, a statement is issued at once: in-thread it runs synchronously, on a worker
  // it is queued in order, so either way no transaction can begin between the call and the statement.
  // While a transaction is open, outside statements queue behind it.
  const outside = <T>(fn: () => Promise<T>): Promise<T> => (inTransaction ? lock.run(fn) : fn());
  const self: SqlDb = {
    dialect: SQLITE_DIALECT,
    query: (sql, params) => outside(() => direct.query(sql, params)),
    run: (sql, params) => outside(() => direct.run(sql, params)),
    exec: (sql) => outside(() => direct.exec(sql)),
    transaction<T>(fn: (t: SqlDb) => Promise<T>): Promise<T> {
      return lock.run(async () => {
        inTransaction = true;
        const id = ++txSeq;
        const inTx = statements(id);
        const tx: SqlDb = { dialect: SQLITE_DIALECT, ...inTx, transaction: (inner) => inner(tx), close: async () => undefined };
        try {
          // Not awaited: on a worker the body's first statements follow BEGIN in the same queue (the
          // worker refuses them if BEGIN failed); in-thread, BEGIN has run (or thrown) already.
          const begun = Promise.resolve(driver.exec('BEGIN IMMEDIATE', id));
          begun.catch(() => undefined);
          try {
            const out = await fn(tx);
            await begun;
            await inTx.exec('COMMIT');
            return out;
          } catch (err) {
            const beginError = await begun.then(() => undefined, (e: unknown) => e);
            await inTx.exec('ROLLBACK').catch((rollbackError: unknown) => { if (!beginError) throw rollbackError; });
            throw beginError ?? err;
          }
        } finally {
          inTransaction = false;
        }
      });
    },
    async close() {
      await lock.idle();
      await driver.close();
    },
  };
  return self;
}
