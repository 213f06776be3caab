import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SerialQueue } from '../shared/serial-queue.js';

/**
 * An open embedded DuckDB database (DuckDB allows one writing process per file). `all` and `run` share
 * one connection and run one at a time, in call order: a DuckDB connection runs one query at a time, and
 * two callers interleaving on it lose results. `stream` reads on a connection of its own, so a long scan
 * never blocks nor breaks other queries; `session` gives a caller a connection of its own for a transaction.
 */
export interface DuckDb {
  /** Runs a query and returns rows as plain JS objects (BIGINT → number when safe). */
  all<T extends Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of changed rows when DuckDB reports it. */
  run(sql: string, params?: DuckDBValue[]): Promise<number>;
  /** Streams a query's result chunk by chunk on its own connection. */
  stream(sql: string, params?: DuckDBValue[]): AsyncGenerator<DuckDBDataChunk>;
  /** Another handle on the same database with its own connection (close it when done). */
  session(): Promise<DuckDb>;
  close(): Promise<void>;
}

function toJs(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

function handle(instance: DuckDBInstance, connection: DuckDBConnection, closeInstance: boolean): DuckDb {
  const queue = new SerialQueue();
  return {
    all<T extends Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
      return queue.run(async () => {
        const reader = await connection.runAndReadAll(sql, params);
        const cols = reader.columnNames();
        return reader.getRows().map((row) => {
          const obj: Record<string, unknown> = {};
          cols.forEach((c, i) => { obj[c] = toJs(row[i]); });
          return obj as T;
        });
      });
    },
    run(sql: string, params?: DuckDBValue[]): Promise<number> {
      return queue.run(async () => Number((await connection.run(sql, params)).rowsChanged));
    },
    async *stream(sql: string, params?: DuckDBValue[]): AsyncGenerator<DuckDBDataChunk> {
      const own = await instance.connect();
      try {
        const result = await own.stream(sql, params);
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) return;
          yield chunk;
        }
      } finally {
        own.closeSync();
      }
    },
    async session(): Promise<DuckDb> {
      return handle(instance, await instance.connect(), false);
    },
    async close() {
      await queue.idle();
      connection.closeSync();
      if (closeInstance) instance.closeSync();
    },
  };
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
  return handle(instance, await instance.connect(), true);
}
