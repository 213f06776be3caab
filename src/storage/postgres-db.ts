import pg from 'pg';
import { SerialQueue } from '../shared/serial-queue.js';
import { standardInsertIgnore, type SqlDb, type SqlDialect, type SqlValue } from './sql-db.js';

const POSTGRES_DIALECT: SqlDialect = { name: 'postgres', insertIgnore: standardInsertIgnore, lockRows: ' FOR UPDATE' };

// BIGINT (int8) comes back as a string by default; our values (epoch ms, fen) are safe integers.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** Rewrites `?` placeholders to `$1, $2, …`, leaving quoted strings alone. */
export function toPgPlaceholders(sql: string): string {
  let i = 0;
  let out = '';
  let quoted = false;
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++i}` : ch;
  }
  return out;
}

type Queryable = pg.Pool | pg.PoolClient;

function wrap(q: Queryable, pool: pg.Pool, inTx: boolean): SqlDb {
  // A transaction's client runs one query at a time: statements issued together are queued here, in
  // order (pg deprecates queuing them on the client itself).
  const queue = inTx ? new SerialQueue() : undefined;
  const send = (sql: string, params?: unknown[]): Promise<pg.QueryResult> => (queue ? queue.run(() => q.query(sql, params)) : q.query(sql, params));
  const self: SqlDb = {
    dialect: POSTGRES_DIALECT,
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const res = await send(toPgPlaceholders(sql), params as unknown[]);
      return res.rows as T[];
    },
    async run(sql, params = []) {
      const res = await send(toPgPlaceholders(sql), params as unknown[]);
      return res.rowCount ?? 0;
    },
    async exec(sql) {
      await send(sql);
    },
    async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
      if (inTx) return fn(self);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client, pool, true));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!inTx) await pool.end();
    },
  };
  return self;
}

/** Opens a PostgreSQL connection pool behind the SqlDb interface. */
export function openPostgres(url: string, options: { max?: number } = {}): SqlDb {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 8 });
  return wrap(pool, pool, false);
}

/** The connection URL whose sessions use `schema` (PostgreSQL `options=-c search_path=…`). */
export function withSearchPath(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
