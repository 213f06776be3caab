import { randomBytes } from 'node:crypto';
import { openPostgresSchema } from './postgres.js';

/** One way to run the whole app's commerce side: the env `startTestApp` gets. */
export interface CommerceBackend { readonly name: string; readonly env: Record<string, string> }

/**
 * The backends order tests run on: embedded SQLite always; PostgreSQL when REELPATH_TEST_PG_URL is set;
 * PostgreSQL with Redis holding the stock when REELPATH_TEST_REDIS_URL is set too (its keys under a
 * prefix of this run, so parallel files never meet).
 */
export async function commerceBackends(suite: string): Promise<CommerceBackend[]> {
  const out: CommerceBackend[] = [{ name: 'embedded', env: {} }];
  const pg = await openPostgresSchema(suite);
  if (pg) {
    await pg.db.close();
    out.push({ name: 'postgres', env: { REELPATH_DB_URL: pg.url } });
    const redis = process.env.REELPATH_TEST_REDIS_URL;
    if (redis) {
      const redisPg = await openPostgresSchema(`${suite}_redis`);
      await redisPg!.db.close();
      out.push({ name: 'postgres + redis', env: { REELPATH_DB_URL: redisPg!.url, REELPATH_REDIS_URL: redis, REELPATH_REDIS_PREFIX: `rptest:${suite}:${randomBytes(4).toString('hex')}:` } });
    }
  }
  return out;
}
