import { openSqlite } from '../../src/storage/sqlite-db.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { openPostgresSchema } from './postgres.js';

/** One transactional engine a contract suite runs on: `fresh()` gives an empty database. */
export interface SqlEngine { readonly name: string; fresh(): Promise<SqlDb> }

/**
 * The engines every SqlDb-backed store runs its contract on: embedded SQLite always (on the event loop and on a worker thread), PostgreSQL when
 * REELPATH_TEST_PG_URL is set (CI starts it; without it, a skipped test says how to run it).
 */
export async function sqlEngines(suite: string): Promise<SqlEngine[]> {
  const engines: SqlEngine[] = [
    { name: 'sqlite (embedded)', fresh: async () => openSqlite(':memory:') },
    { name: 'sqlite (worker thread)', fresh: async () => openSqlite(':memory:', { thread: true }) },
  ];
  const pgdb = await openPostgresSchema(suite);
  if (pgdb) {
    const { db } = pgdb;
    engines.push({
      name: 'postgres',
      async fresh() {
        const tables = await db.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema()');
        for (const t of tables) await db.exec(`DROP TABLE IF EXISTS ${t.tablename} CASCADE`);
        // Callers close what fresh() returns; the shared pool must outlive them.
        return { ...db, close: async () => undefined };
      },
    });
  }
  return engines;
}
