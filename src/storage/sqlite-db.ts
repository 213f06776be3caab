import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { standardInsertIgnore, type SqlDb, type SqlDialect, type SqlValue } from './sql-db.js';

const SQLITE_DIALECT: SqlDialect = { name: 'sqlite', insertIgnore: standardInsertIgnore };

function toSqlite(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/**
 * Opens an embedded SQLite database (WAL, synchronous=NORMAL: durable across process crashes,
 * see docs/adr/0003). `:memory:` works for tests.
 */
export function openSqlite(path: string): SqlDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache: identity B-trees stay in memory (default 2 MiB)
  db.pragma('wal_autocheckpoint = 16384'); // checkpoint every 64 MiB of WAL instead of 4 MiB
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let st = statements.get(sql);
    if (!st) { st = db.prepare(sql); statements.set(sql, st); }
    return st;
  };
  // One connection is shared by every request. A transaction body awaits, so without a lock other
  // requests' statements would run inside it (and vanish with its rollback). The lock admits one
  // transaction at a time and makes plain statements wait for it; the body itself uses `tx`.
  let lock: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = lock.then(fn, fn);
    lock = next.catch(() => undefined);
    return next;
  };
  const direct = {
    query: <T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): T[] => prepare(sql).all(...toSqlite(params)) as T[],
    run: (sql: string, params: readonly SqlValue[] = []): number => prepare(sql).run(...toSqlite(params)).changes,
  };
  const tx: SqlDb = {
    dialect: SQLITE_DIALECT,
    query: async (sql, params) => direct.query(sql, params),
    run: async (sql, params) => direct.run(sql, params),
    exec: async (sql) => { db.exec(sql); },
    transaction: (fn) => fn(tx),
    close: async () => undefined,
  };
  // Outside a transaction, statements run at once, synchronously (better-sqlite3 is synchronous), so
  // no transaction can begin between the call and the statement; while one is open they queue behind it.
  const outside = <T>(fn: () => T): Promise<T> => {
    if (inTransaction) return exclusive(async () => fn());
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    }
  };
  const self: SqlDb = {
    dialect: SQLITE_DIALECT,
    query: (sql, params) => outside(() => direct.query(sql, params)),
    run: (sql, params) => outside(() => direct.run(sql, params)),
    exec: (sql) => outside(() => { db.exec(sql); }),
    transaction<T>(fn: (t: SqlDb) => Promise<T>): Promise<T> {
      return exclusive(async () => {
        inTransaction = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(tx);
          db.exec('COMMIT');
          return out;
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        } finally {
          inTransaction = false;
        }
      });
    },
    async close() {
      await lock;
      db.close();
    },
  };
  return self;
}
