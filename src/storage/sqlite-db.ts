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
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let st = statements.get(sql);
    if (!st) { st = db.prepare(sql); statements.set(sql, st); }
    return st;
  };
  let depth = 0;
  const self: SqlDb = {
    dialect: SQLITE_DIALECT,
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return prepare(sql).all(...toSqlite(params)) as T[];
    },
    async run(sql, params = []) {
      return prepare(sql).run(...toSqlite(params)).changes;
    },
    async exec(sql) {
      db.exec(sql);
    },
    async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
      // better-sqlite3 is synchronous; an async body needs explicit BEGIN/COMMIT. Nested calls join the outer one.
      if (depth > 0) return fn(self);
      depth++;
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(self);
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      } finally {
        depth--;
      }
    },
    async close() {
      db.close();
    },
  };
  return self;
}
