/**
 * The plain design the flash-sale hot path is measured against: every placement is its own transaction
 * that locks the SKU's stock row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's one write lock),
 * checks and decrements it, and inserts the order — no admission from memory, no batching.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../src/storage/postgres-db.js';
import { openSqlite } from '../src/storage/sqlite-db.js';
import type { SqlDb } from '../src/storage/sql-db.js';
import { quantile } from './machine.js';

export interface RowLockOptions {
  readonly engine: 'sqlite' | 'postgres';
  readonly pgUrl?: string;
  readonly placements: number;
  readonly clients: number;
}

/** Places `placements` one-unit orders of one SKU from `clients` concurrent clients; placements/s and latency. */
export async function runRowLockBaseline(o: RowLockOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-rowlock-'));
  // PostgreSQL gets a pool as wide as useful for row locks (waiting transactions each hold a connection).
  const db: SqlDb = o.engine === 'postgres' ? openPostgres(o.pgUrl!, { max: 32 }) : openSqlite(join(dir, 'rowlock.sqlite'), { thread: true });
  try {
    await db.exec(`CREATE TABLE rl_stock (sku TEXT PRIMARY KEY, available BIGINT NOT NULL CHECK (available >= 0), reserved BIGINT NOT NULL);
      CREATE TABLE rl_orders (id TEXT PRIMARY KEY, client_key TEXT NOT NULL UNIQUE, sku TEXT NOT NULL, quantity BIGINT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL)`);
    await db.run('INSERT INTO rl_stock (sku, available, reserved) VALUES (?, ?, 0)', ['one_hot', o.placements]);
    const ms: number[] = [];
    let next = 0; let refused = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: o.clients }, async () => {
      while (next < o.placements) {
        const i = next++;
        const s = performance.now();
        const ok = await db.transaction(async (tx) => {
          const [row] = await tx.query<{ available: number }>(`SELECT available FROM rl_stock WHERE sku = ?${tx.dialect.lockRows}`, ['one_hot']);
          if (!row || Number(row.available) < 1) return false;
          await tx.run('UPDATE rl_stock SET available = available - 1, reserved = reserved + 1 WHERE sku = ?', ['one_hot']);
          const body = JSON.stringify({ sku: 'one_hot', quantity: 1, buyer: `h${i}`, state: 'reserved', amountFen: 990 });
          await tx.run('INSERT INTO rl_orders (id, client_key, sku, quantity, body, created_at) VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (client_key) DO NOTHING', [`ord_${i}`, `rl-${i}`, 'one_hot', body, Date.now()]);
          return true;
        });
        if (ok) ms.push(performance.now() - s); else refused++;
      }
    }));
    const seconds = (performance.now() - t0) / 1000;
    const [stock] = await db.query<{ available: number; reserved: number }>('SELECT available, reserved FROM rl_stock WHERE sku = ?', ['one_hot']);
    return {
      design: 'row lock per placement', engine: o.engine, placements: o.placements, clients: o.clients, refused, seconds: Number(seconds.toFixed(2)),
      ordersPerSec: Math.round(ms.length / seconds), p50Ms: Number(quantile(ms, 0.5).toFixed(2)), p99Ms: Number(quantile(ms, 0.99).toFixed(2)),
      reservedAfter: Number(stock?.reserved ?? 0),
    };
  } finally {
    if (o.engine === 'postgres') await db.exec('DROP TABLE IF EXISTS rl_orders; DROP TABLE IF EXISTS rl_stock').catch(() => undefined);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
