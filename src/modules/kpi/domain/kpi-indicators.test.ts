import { describe, expect, it } from 'vitest';
import { computeKpis, DEFAULT_KPI_TARGETS, scoreKpis, type KpiEvent } from './kpi-indicators.js';
import { parseKpiTargets } from './kpi-targets.js';

const h = 3_600_000;
const e = (person: string, name: string, ts: number, amount: number | null = null, orderId: string | null = null): KpiEvent => ({ person, name, ts, amount, orderId });

// Hand-computed world: 10 impressions, 4 plays by 3 persons; 2 of them click; P1 pays twice, P2 once.
const events: KpiEvent[] = [
  ...Array.from({ length: 10 }, (_, i) => e(`v${i % 5}`, 'impression', i)),
  e('P1', 'play', 0), e('P1', 'play', 1), e('P1', 'product_click', 10 * 60_000), e('P1', 'pay', 30 * 60_000, 10_000, 'o1'),
  e('P1', 'ship', 30 * 60_000 + 5 * h, null, 'o1'), e('P1', 'product_click', 40 * 60_000), e('P1', 'pay', 50 * 60_000, 5_000, 'o2'),
  e('P1', 'refund', 60 * 60_000, 1_500, 'o2'),
  e('P2', 'play', 0), e('P2', 'product_click', 0), e('P2', 'pay', 60 * 60_000, 5_000, 'o3'), e('P2', 'ship', 60 * 60_000 + 9 * h, null, 'o3'),
  e('P3', 'play', 0),
].sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : a.ts - b.ts));

describe('computeKpis', () => {
  it('computes every indicator by its stated definition', () => {
    expect(computeKpis(events)).toEqual({
      ctr: 4 / 10,
      playToClick: 2 / 3,
      clickToPay: 2 / 2,
      repurchaseRate: 1 / 2,
      decisionMinutes: 20, // decisions 20, 10 and 60 minutes
      refundRate: 1_500 / 20_000,
      fulfilmentHours: 7, // 5 h and 9 h
      gpm: ((20_000 - 1_500) / 100) * 1000 / 10,
    });
  });

  it('answers null where a denominator is empty', () => {
    const v = computeKpis([e('A', 'play', 0)]);
    expect(v.ctr).toBeNull();
    expect(v.clickToPay).toBeNull();
    expect(v.playToClick).toBe(0);
  });
});

describe('scoreKpis', () => {
  it('scores against targets in the right direction and caps the score', () => {
    const byKey = Object.fromEntries(scoreKpis(computeKpis(events), DEFAULT_KPI_TARGETS).map((i) => [i.key, i]));
    expect(byKey.ctr).toMatchObject({ score: 1.5, status: 'good' }); // 0.4 vs 0.1, capped
    expect(byKey.decisionMinutes).toMatchObject({ score: 1.5, status: 'good' }); // 20 min vs 30: 1.5
    expect(byKey.refundRate?.score).toBeCloseTo(0.05 / 0.075); // worse than target
    expect(byKey.refundRate?.status).toBe('poor');
    expect(byKey.repurchaseRate).toMatchObject({ score: 1.5, status: 'good' });
  });

  it('marks missing data', () => {
    expect(scoreKpis(computeKpis([]), DEFAULT_KPI_TARGETS).every((i) => i.status === 'no_data')).toBe(true);
  });
});

describe('parseKpiTargets', () => {
  it('reads key=value lists and refuses anything else with kpi_invalid_target', () => {
    expect(parseKpiTargets('ctr=0.12, gpm=500')).toEqual({ ctr: 0.12, gpm: 500 });
    expect(parseKpiTargets('')).toEqual({});
    for (const bad of ['ctr', 'mood=1', 'ctr=-1', 'ctr=abc']) expect(() => parseKpiTargets(bad)).toThrow(expect.objectContaining({ code: 'kpi_invalid_target' }));
  });
});
