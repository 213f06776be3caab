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

/** Most rows per multi-row statement: a power of two within SQLite's 32,766 parameters per statement. */
function rowsPerStatement(columns: number): number {
  let size = 512;
  while (size > 1 && size * columns > 32_000) size /= 2;
  return size;
}

/**
 * Splits `rows` into multi-row statement chunks whose sizes are powers of two (937 rows → 512, 256, 128,
 * 32, 8, 1): engines cache a prepared statement per SQL text, so a table sees at most ten statement
 * shapes however its batch sizes vary.
 */
function chunksOf<T>(rows: readonly T[], columns: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let size = rowsPerStatement(columns); size >= 1; size /= 2) {
    while (rows.length - start >= size) { out.push(rows.slice(start, start + size)); start += size; }
  }
  return out;
}

/**
 * Multi-row `INSERT … ON CONFLICT (conflict) <action>`; returns rows changed. The statements are issued
 * together (a connection runs them in order; on SQLite's worker thread they no longer wait for each
 * other's round trip).
 */
async function insertMany(db: SqlDb, table: string, columns: readonly string[], conflict: readonly string[], action: string, rows: readonly SqlValue[][]): Promise<number> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const changed = await Promise.all(chunksOf(rows, columns.length).map((chunk) => db.run(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT (${conflict.join(', ')}) ${action}`, chunk.flat())));
  return changed.reduce((a, b) => a + b, 0);
}

/**
 * Inserts rows that are new by `conflict` and answers the `returning` columns of each row inserted
 * (`INSERT … ON CONFLICT DO NOTHING RETURNING`, standard on both engines).
 */
export async function insertNewReturning(db: SqlDb, table: string, columns: readonly string[], conflict: readonly string[], returning: readonly string[], rows: readonly SqlValue[][]): Promise<Array<Record<string, unknown>>> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const inserted = await Promise.all(chunksOf(rows, columns.length).map((chunk) => db.query<Record<string, unknown>>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT (${conflict.join(', ')}) DO NOTHING RETURNING ${returning.join(', ')}`, chunk.flat())));
  return inserted.flat();
}

/**
 * Inserts many rows with multi-row `INSERT … ON CONFLICT (…) DO NOTHING` statements of up to 512 rows
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

/** Values per `IN (…)` list: well inside both engines' parameter limits. */
const IN_CHUNK = 500;

/**
 * Runs `<head> AND <column> IN (…)<tail>` over `values` in chunks (engines cap the parameters of a
 * statement), the chunks issued together, and returns every row. `head` ends in a WHERE clause whose
 * placeholders `params` fill; `tail` may order or lock the rows.
 * @example selectIn(db, 'SELECT body FROM orders WHERE tenant = ?', ['t1'], 'id', ids)
 */
export async function selectIn<T extends Record<string, unknown>>(db: SqlDb, head: string, params: readonly SqlValue[], column: string, values: readonly SqlValue[], tail = ''): Promise<T[]> {
  const parts: SqlValue[][] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) parts.push(values.slice(i, i + IN_CHUNK));
  const rows = await Promise.all(parts.map((part) => db.query<T>(`${head} AND ${column} IN (${part.map(() => '?').join(', ')})${tail}`, [...params, ...part])));
  return rows.flat();
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
