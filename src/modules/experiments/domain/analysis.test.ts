import { describe, expect, it } from 'vitest';
import type { Moments } from './accumulate.js';
import { analyseExperiment, type AnalysisInput } from './analysis.js';
import { DEFAULT_ANALYSIS, validateExperiment } from './experiment.js';

const mean = (n: number, sum: number, sumSquares = sum): Moments => ({ kind: 'mean', n, sum, sumSquares });
const input = (over: Partial<AnalysisInput['analysis']> = {}): AnalysisInput => ({
  variations: [{ key: 'control', name: 'A', weight: 0.5 }, { key: 'b', name: 'B', weight: 0.5 }],
  metrics: [{ key: 'paid', kind: 'conversion', event: 'pay' }],
  guardrails: [{ key: 'refund_rate', kind: 'refund_rate', inverse: true, threshold: 0.05 }],
  analysis: { ...DEFAULT_ANALYSIS, cuped: false, ...over },
});
const ratio = (n: number, m: number, d: number): Moments => ({ kind: 'ratio', n, m: { sum: m, sumSquares: m * m / n * 1.2 }, d: { sum: d, sumSquares: d * d / n * 1.1 }, mdSumOfProducts: m * d / n * 1.05 });

describe('analyseExperiment', () => {
  it('uses the GrowthBook proportion test (golden: 14/28 vs 16/30, p 0.80707) and says keep running', () => {
    const a = analyseExperiment(input({ correction: 'none' }), [[mean(28, 14), mean(30, 16)], [ratio(28, 100, 1000), ratio(30, 100, 1000)]], [28, 30]);
    const c = a.metrics[0]?.comparisons[0];
    expect(c?.pValue).toBeCloseTo(0.80707, 5);
    expect(c?.ci[0]).toBeCloseTo(-0.47767, 5);
    expect(c?.outcome).toBe('inconclusive');
    expect(a.decision).toBe('keep_running');
    expect(a.verdict.en).toContain('Keep running');
  });

  it('ships a winner, fails a guardrail that is significantly worse beyond its threshold, and flags SRM first', () => {
    const win = [mean(10_000, 1_000), mean(10_000, 1_300)];
    const okRefunds = [ratio(10_000, 500, 10_000), ratio(10_000, 505, 10_000)];
    const ship = analyseExperiment(input(), [win, okRefunds], [10_000, 10_000]);
    expect(ship.metrics[0]?.comparisons[0]?.outcome).toBe('win');
    expect([ship.decision, ship.winner]).toEqual(['ship', 'b']);
    const badRefunds = [ratio(10_000, 500, 10_000), ratio(10_000, 900, 10_000)];
    const stop = analyseExperiment(input(), [win, badRefunds], [10_000, 10_000]);
    expect(stop.metrics[1]?.comparisons[0]?.guardrail).toBe('failing');
    expect(stop.decision).toBe('stop');
    const srm = analyseExperiment(input(), [win, okRefunds], [10_000, 10_600]);
    expect(srm.srm.mismatch).toBe(true);
    expect(srm.decision).toBe('check_setup');
    expect(srm.verdict.zh).toContain('样本比例失衡');
  });

  it('corrects p-values across metrics and variations (Holm) and reads the Bayesian chance to win', () => {
    const three: AnalysisInput = { ...input(), variations: [{ key: 'a', name: 'A', weight: 1 / 3 }, { key: 'b', name: 'B', weight: 1 / 3 }, { key: 'c', name: 'C', weight: 1 / 3 }], guardrails: [] };
    const m = [mean(5_000, 500), mean(5_000, 560), mean(5_000, 540)];
    const holm = analyseExperiment(three, [m], [5_000, 5_000, 5_000]);
    const [b, c] = holm.metrics[0]?.comparisons ?? [];
    expect(b?.adjustedPValue).toBeCloseTo(Math.min(1, 2 * Math.min(b?.pValue ?? 1, c?.pValue ?? 1)), 12);
    expect(c?.adjustedPValue).toBeGreaterThanOrEqual(c?.pValue ?? 0);
    const bayes = analyseExperiment({ ...three, analysis: { ...three.analysis, engine: 'bayesian' } }, [m], [5_000, 5_000, 5_000]);
    expect(bayes.metrics[0]?.comparisons[0]?.chanceToWin).toBeGreaterThan(0.95);
    expect(bayes.metrics[0]?.comparisons[0]?.pValue).toBeNull();
  });

  it('says a sequential test may stop early once the confidence sequence excludes zero', () => {
    const a = analyseExperiment(input({ sequential: true }), [[mean(20_000, 2_000), mean(20_000, 2_600)], [ratio(20_000, 1, 10), ratio(20_000, 1, 10)]], [20_000, 20_000]);
    expect(a.sequential).toMatchObject({ enabled: true, tuning: 5000, mayStopEarly: true });
    expect(a.sequential.note.en).toContain('may stop early');
  });
});

describe('validateExperiment', () => {
  it('lists every problem at once', () => {
    const problems = validateExperiment({
      key: '', variations: [{ key: 'a', name: 'A', weight: 0.2 }], metrics: [{ key: 'r', kind: 'retention' }],
      design: { kind: 'switchback', slotMinutes: 3, burnInMinutes: 9 }, analysis: { sequential: true, alternative: 'greater' },
    });
    expect(problems).toEqual([
      expect.stringContaining('key must'), expect.stringContaining('variations must list'),
      expect.stringContaining('slotMinutes'), expect.stringContaining('burnInMinutes'), expect.stringContaining('day must'),
      expect.stringContaining('two-sided'),
    ]);
  });
});
