import { describe, expect, it } from 'vitest';
import { assignExperiment, evaluateFlag, matchesTargeting } from './assign.js';
import { hashFor } from './assignment/index.js';
import { buildExperiment, type Experiment, type ExperimentInput } from './experiment.js';
import { buildFlag } from './flag.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const make = (over: Partial<ExperimentInput> = {}, status: Experiment['status'] = 'running'): Experiment => ({
  ...buildExperiment({ key: 'cover', variations: [{ key: 'a', name: 'A', weight: 0.5, value: 'a' }, { key: 'b', name: 'B', weight: 0.5, value: 'b' }], metrics: [{ key: 'pay', kind: 'conversion', event: 'pay' }], ...over }, { id: 'exp_1', tenant: 't1', createdAt: NOW }),
  status,
});

describe('assignExperiment', () => {
  it('hashes the identity key like a GrowthBook SDK (v2, seed = key, equal weights)', () => {
    for (const id of ['anon:1', 'user:42', 'anon:zz']) {
      const a = assignExperiment(make(), { id }, NOW);
      expect(a.variationIndex).toBe((hashFor('cover', id, 2) as number) < 0.5 ? 0 : 1);
      expect(a.inExperiment).toBe(true);
      expect(a.value).toBe(a.variationIndex === 0 ? 'a' : 'b');
    }
  });

  it('targets by platform, segment and consent, and gives outsiders the control value', () => {
    const e = make({ targeting: { platforms: ['douyin'], segments: ['loyal'], consent: ['personalization'] } });
    expect(assignExperiment(e, { id: 'anon:1', platform: 'douyin', segment: 'loyal', consent: ['personalization', 'analytics'] }, NOW).inExperiment).toBe(true);
    for (const miss of [{ platform: 'kuaishou' }, { segment: 'dormant' }, { consent: ['analytics'] }]) {
      const a = assignExperiment(e, { id: 'anon:1', platform: 'douyin', segment: 'loyal', consent: ['personalization'], ...miss }, NOW);
      expect(a).toMatchObject({ inExperiment: false, variation: null, value: 'a' });
    }
    expect(matchesTargeting({ condition: { city: { $in: ['hz', 'sh'] } } }, { id: 'x', city: 'hz' })).toBe(true);
  });

  it('assigns clusters by creator and switchback slots by time, and nothing without the attribute', () => {
    const cluster = make({ design: { kind: 'cluster', by: 'creatorId' } });
    const a = assignExperiment(cluster, { id: 'anon:1', creatorId: 'cr9' }, NOW);
    const b = assignExperiment(cluster, { id: 'anon:2', creatorId: 'cr9' }, NOW);
    expect([a.cluster, a.variationIndex]).toEqual(['cr9', b.variationIndex]);
    expect(assignExperiment(cluster, { id: 'anon:1' }, NOW).inExperiment).toBe(false);
    const sw = make({ design: { kind: 'switchback', slotMinutes: 30, burnInMinutes: 5 } });
    const x = assignExperiment(sw, { id: 'anon:1', liveId: 'L' }, NOW);
    expect(x.unit).toBe(`L#${Math.floor(NOW / 1_800_000)}`);
    expect(assignExperiment(sw, { id: 'anon:2', liveId: 'L' }, NOW + 60_000).variationIndex).toBe(x.variationIndex);
  });

  it('ships one value to everyone after shipping, and the control while draft or stopped', () => {
    expect(assignExperiment({ ...make({}, 'shipped'), shippedVariation: 1 }, { id: 'anon:1' }, NOW)).toMatchObject({ inExperiment: false, variation: 'b', value: 'b' });
    expect(assignExperiment(make({}, 'stopped'), { id: 'anon:1' }, NOW)).toMatchObject({ inExperiment: false, value: 'a' });
    expect(assignExperiment(make({}, 'draft'), { id: 'anon:1' }, NOW).inExperiment).toBe(false);
  });
});

describe('evaluateFlag', () => {
  it('takes the first matching rule whose coverage admits the person, else the default', () => {
    const f = buildFlag({ key: 'fast_pay', defaultValue: 'off', rules: [{ targeting: { platforms: ['kuaishou'] }, value: 'ks' }, { targeting: {}, value: 'half', coverage: 0.5 }] }, 't1', NOW);
    expect(evaluateFlag(f, { id: 'anon:1', platform: 'kuaishou' })).toBe('ks');
    const ids = Array.from({ length: 400 }, (_, i) => `anon:${i}`);
    const half = ids.filter((id) => evaluateFlag(f, { id }) === 'half').length;
    expect(half).toBe(ids.filter((id) => (hashFor('fast_pay', id, 2) as number) < 0.5).length);
    expect(half).toBeGreaterThan(150);
    expect(evaluateFlag({ ...f, enabled: false }, { id: 'anon:1', platform: 'kuaishou' })).toBe('off');
  });
});
