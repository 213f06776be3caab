/**
 * A small async SQL interface that both transactional engines implement (SQLite embedded, PostgreSQL
 * server), so each module writes its SQL once. Placeholders are `?`; the Postgres driver rewrites them.
 */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** `INSERT … ON CONFLICT DO NOTHING` spelled for this engine (both accept the standard form). */
  readonly insertIgnore: (table: string, columns: readonly string[], conflict: readonly string[]) => string;
  /**
   * Suffix of a `SELECT` that locks the rows it reads until the transaction ends: ` FOR UPDATE` on
   * PostgreSQL; empty on SQLite, whose `BEGIN IMMEDIATE` already holds the one write lock.
   */
  readonly lockRows: string;
}

export interface SqlDb {
  readonly dialect: SqlDialect;
  /** Runs a statement that returns rows. */
  query<T extends Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of changed rows. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several statements (DDL) without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Builds the standard `INSERT … ON CONFLICT (…) DO NOTHING` both engines accept. */
export function standardInsertIgnore(table: string, columns: readonly string[], conflict: readonly string[]): string {
  const marks = columns.map(() => '?').join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks}) ON CONFLICT (${conflict.join(', ')}) DO NOTHING`;
}

const ROWS_PER_STATEMENT = 100;

/** Multi-row `INSERT … ON CONFLICT (conflict) <action>` in statements of up to 100 rows; returns rows changed. */
async function insertMany(db: SqlDb, table: string, columns: readonly string[], conflict: readonly string[], action: string, rows: readonly SqlValue[][]): Promise<number> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let changed = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT (${conflict.join(', ')}) ${action}`;
    changed += await db.run(sql, chunk.flat());
  }
  return changed;
}

/**
 * Inserts many rows with multi-row `INSERT … ON CONFLICT (…) DO NOTHING` statements of up to 100 rows
 * (standard SQL both engines accept; fewer statements than one per row). Returns rows inserted.
 */
export function insertManyIgnore(db: SqlDb, table: string, columns: readonly string[], conflict: readonly string[], rows: readonly SqlValue[][]): Promise<number> {
  return insertMany(db, table, columns, conflict, 'DO NOTHING', rows);
}

/**
 * Inserts or replaces many rows: on a conflicting key, `update` columns take the new values
 * (`ON CONFLICT … DO UPDATE SET c = excluded.c`, standard on both engines). A key must not repeat
 * within `rows` (PostgreSQL refuses to update one row twice in a statement).
 */
export function upsertMany(db: SqlDb, table: string, columns: readonly string[], conflict: readonly string[], update: readonly string[], rows: readonly SqlValue[][]): Promise<number> {
  return upsertManyWith(db, table, columns, conflict, update.map((c) => `${c} = excluded.${c}`), rows);
}

/**
 * Like `upsertMany`, with the caller's assignments for a conflicting key (`c = <expression>` over
 * `excluded.c` and the table's own columns, e.g. to keep the smaller of the two values).
 */
export function upsertManyWith(db: SqlDb, table: string, columns: readonly string[], conflict: readonly string[], assignments: readonly string[], rows: readonly SqlValue[][]): Promise<number> {
  return insertMany(db, table, columns, conflict, `DO UPDATE SET ${assignments.join(', ')}`, rows);
}

/** One module's migrations: ordered DDL scripts, applied once each. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations` (a table shared by all modules,
 * keyed by module-prefixed id), each in its own transaction.
 */
export async function migrate(db: SqlDb, migrations: readonly Migration[]): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.run(`${standardInsertIgnore('schema_migrations', ['id', 'applied_at'], ['id'])}`, [m.id, Date.now()]);
    });
  }
}
