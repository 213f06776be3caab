import { describe, expect, it } from 'vitest';
import { runReelpath } from '../harness/cli-runner.js';
import { dataDir } from '../harness/data-dir.js';

// `reelpath eval recommend --dataset demo`: the simulated feed over the demo world's products (the
// KuaiRec-titled catalogue when the shared data is there, the built-in one otherwise).
describe('reelpath eval recommend --dataset demo', () => {
  it('converts more than popularity, and the off-policy estimates find the true value', async () => {
    const run = await runReelpath(['eval', 'recommend', '--dataset', 'demo', '--data-dir', dataDir(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const r = run.json();
    expect(r.conversion.reelpath).toBeGreaterThan(r.conversion.popularity);
    expect(r.upliftVsPopularity).toBeGreaterThan(0.15);
    expect(r.conversion.popularity).toBeGreaterThan(r.conversion.random);
    for (const est of [r.offPolicy.ips, r.offPolicy.snips]) expect(Math.abs(est.estimate - r.offPolicy.trueValue)).toBeLessThan(3 * est.standardError);
  });

  it('prints the table in Chinese', async () => {
    const run = await runReelpath(['eval', 'recommend', '--dataset', 'demo', '--data-dir', dataDir(), '--lang', 'zh']);
    expect(run.stdout).toMatch(/Reelpath（默认策略，含探索）\s+0\.\d{4}\s+\+\d+\.\d%/);
    expect(run.stdout).toContain('离策略评估');
  });
});
