import { describe, it } from 'vitest';
import pg from 'pg';
import { openPostgres, withSearchPath } from '../../src/storage/postgres-db.js';
import type { SqlDb } from '../../src/storage/sql-db.js';

/**
 * The PostgreSQL URL for contract runs: REELPATH_TEST_PG_URL (set by .ci/run, which installs and
 * starts PostgreSQL). When unset, registers one skipped test that says how to run the suite, and
 * returns undefined. In CI (CI=true) a missing server is a failure, not a skip.
 */
export function postgresTestUrl(suite: string): string | undefined {
  const url = process.env.REELPATH_TEST_PG_URL;
  if (url) return url;
  if (process.env.CI === 'true') {
    describe(`postgres contract — ${suite}`, () => {
      it('needs REELPATH_TEST_PG_URL in CI', () => {
        throw new Error('CI=true but REELPATH_TEST_PG_URL is unset: .ci/run must start PostgreSQL');
      });
    });
    return undefined;
  }
  describe(`postgres contract — ${suite}`, () => {
    it.skip('skipped: set REELPATH_TEST_PG_URL=postgres://… (run .ci/start-postgres.sh) to run against PostgreSQL', () => undefined);
  });
  return undefined;
}

/**
 * A fresh schema of its own for one test file (files run in parallel), dropped and recreated, and a
 * SqlDb whose search_path points at it. Returns undefined when no server is configured.
 */
export async function openPostgresSchema(suite: string): Promise<{ db: SqlDb; url: string } | undefined> {
  const base = postgresTestUrl(suite);
  if (!base) return undefined;
  const schema = `rp_${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = withSearchPath(base, schema);
  return { db: openPostgres(url), url };
}
