import { describe, expect, it } from 'vitest';
import { keyClass, pairId, planLinks, type GraphView } from './link-planner.js';

const empty: GraphView = { personOf: new Map(), neighbourCount: new Map(), knownPairs: new Set() };
const ev = (a: string, b: string, eventId = 'e') => ({ a, b, eventId, ts: 1, source: 'test' });
const seqIds = () => { let n = 0; return () => `per_${String(++n).padStart(3, '0')}`; };

describe('planLinks', () => {
  it('gives each lone key its own person', () => {
    const plan = planLinks(empty, ['anon:a', 'anon:b'], [], 5, seqIds());
    expect([...plan.assign]).toEqual([['anon:a', 'per_001'], ['anon:b', 'per_002']]);
  });

  it('puts two new linked keys into one person, and a third joins it', () => {
    const plan = planLinks(empty, [], [ev('anon:a', 'phone:p'), ev('phone:p', 'openid:douyin:x')], 5, seqIds());
    expect(new Set(plan.assign.values())).toEqual(new Set(['per_001']));
    expect(plan.merges).toEqual([]);
  });

  it('merges two existing persons into the older one, with the link as evidence', () => {
    const view: GraphView = { ...empty, personOf: new Map([['anon:a', 'per_002'], ['anon:b', 'per_001']]) };
    const plan = planLinks(view, [], [ev('anon:a', 'anon:b', 'e9')], 5, seqIds());
    expect(plan.merges).toEqual([{ from: 'per_002', into: 'per_001', via: ev('anon:a', 'anon:b', 'e9') }]);
  });

  it('refuses a link once one side already links `cap` keys of the other side\'s class', () => {
    const view: GraphView = { ...empty, neighbourCount: new Map([['phone:p|openid:douyin', 2]]) };
    const plan = planLinks(view, [], [ev('phone:p', 'openid:douyin:z'), ev('phone:p', 'openid:kuaishou:k')], 2, seqIds());
    expect(plan.refusals).toHaveLength(1);
    expect(plan.refusals[0]).toMatchObject({ key: 'phone:p', cls: 'openid:douyin', count: 2 });
    expect(plan.edges.map((e) => e.status)).toEqual(['refused', 'linked']);
    expect(plan.assign.get('openid:douyin:z')).not.toBe(plan.assign.get('phone:p'));
  });

  it('skips pairs already known', () => {
    const view: GraphView = { ...empty, knownPairs: new Set([pairId('anon:a', 'phone:p')]) };
    expect(planLinks(view, [], [ev('phone:p', 'anon:a')], 5, seqIds()).edges).toEqual([]);
  });

  it('classes keys by kind and platform', () => {
    expect(keyClass('openid:douyin:abc')).toBe('openid:douyin');
    expect(keyClass('phone:ff00')).toBe('phone');
    expect(keyClass('anon:x:y')).toBe('anon');
  });
});
