import { describe, it } from 'vitest';

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
    it.skip('skipped: set REELPATH_TEST_PG_URL=postgres://… (see .ci/run) to run against PostgreSQL', () => undefined);
  });
  return undefined;
}
