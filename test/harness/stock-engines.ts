import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { Redis } from 'ioredis';
import type { StockStore } from '../../src/modules/inventory/index.js';
import { SqlStockStore } from '../../src/modules/inventory/store/stock.sql.js';
import { RedisStockStore } from '../../src/modules/inventory/store/stock.redis.js';
import { sqlEngines } from './sql-engines.js';

/** One adapter of the stock port: `fresh()` gives an empty, initialised store. */
export interface StockEngine { readonly name: string; fresh(): Promise<StockStore> }

/**
 * The Redis URL for contract runs: REELPATH_TEST_REDIS_URL (set by .ci/run, which installs and starts
 * Redis). When unset, registers one skipped test that says how to run the suite (a failing one when
 * CI=true), as for PostgreSQL, and returns undefined.
 */
function redisTestUrl(suite: string): string | undefined {
  const url = process.env.REELPATH_TEST_REDIS_URL;
  if (url) return url;
  describe(`redis contract — ${suite}`, () => {
    if (process.env.CI === 'true') {
      it('needs REELPATH_TEST_REDIS_URL in CI', () => {
        throw new Error('CI=true but REELPATH_TEST_REDIS_URL is unset: .ci/run must start Redis');
      });
    } else {
      it.skip('skipped: set REELPATH_TEST_REDIS_URL=redis://… (run .ci/start-redis.sh) to run against Redis', () => undefined);
    }
  });
  return undefined;
}

/** Deletes the keys earlier runs of the suite left under `rptest:<suite>:` (each store has its own prefix below it). */
async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/**
 * The adapters the stock contract runs on: SQLite always, PostgreSQL when REELPATH_TEST_PG_URL is set
 * and Redis when REELPATH_TEST_REDIS_URL is set (CI starts both).
 */
export async function stockEngines(suite: string): Promise<StockEngine[]> {
  const engines: StockEngine[] = (await sqlEngines(suite)).map((e) => ({
    name: e.name,
    fresh: async () => {
      const db = await e.fresh();
      const s = new SqlStockStore(db);
      await s.init();
      s.close = () => db.close();
      return s;
    },
  }));
  const redisUrl = redisTestUrl(suite);
  if (redisUrl) {
    const suitePrefix = `rptest:${suite.replace(/[^a-z0-9_-]/gi, '_')}:`;
    await dropRedisKeys(redisUrl, suitePrefix);
    engines.push({
      name: 'redis',
      fresh: async () => {
        const s = new RedisStockStore(redisUrl, { prefix: `${suitePrefix}${randomBytes(6).toString('hex')}:` });
        await s.init();
        return s;
      },
    });
  }
  return engines;
}
