import { DuckDBInstance, type DuckDBConnection, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** An open embedded DuckDB database with one connection (DuckDB allows one writing process per file). */
export interface DuckDb {
  readonly connection: DuckDBConnection;
  /** Runs a query and returns rows as plain JS objects (BIGINT → number when safe). */
  all<T extends Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of changed rows when DuckDB reports it. */
  run(sql: string, params?: DuckDBValue[]): Promise<number>;
  appender(table: string): Promise<DuckDBAppender>;
  close(): Promise<void>;
}

function toJs(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/**
 * Opens (creating) a DuckDB file, or `:memory:`. `memoryLimit` bounds DuckDB's buffer pool so the
 * process stays inside its memory budget during bulk ingestion.
 */
export async function openDuckDb(path: string, options: { memoryLimit?: string; threads?: number } = {}): Promise<DuckDb> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = {};
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(path, config);
  const connection = await instance.connect();
  return {
    connection,
    async all<T extends Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
      const reader = await connection.runAndReadAll(sql, params);
      const cols = reader.columnNames();
      return reader.getRows().map((row) => {
        const obj: Record<string, unknown> = {};
        cols.forEach((c, i) => { obj[c] = toJs(row[i]); });
        return obj as T;
      });
    },
    async run(sql: string, params?: DuckDBValue[]): Promise<number> {
      const res = await connection.run(sql, params);
      return Number(res.rowsChanged);
    },
    appender: (table: string) => connection.createAppender(table),
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
