import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import { planLinks } from '../domain/link-planner.js';
import { SqlIdentityStore } from './identity.sql.js';

const ev = (a: string, b: string, eventId = 'e1') => ({ a, b, eventId, ts: 100, source: 'order' });

for (const engine of await sqlEngines('identity')) {
  describe(`IdentityStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlIdentityStore> => { const s = new SqlIdentityStore(await engine.fresh()); await s.init(); return s; };
    let n = 0;
    const ids = () => `per_${String(++n).padStart(4, '0')}`;
    const rec = () => `idm_${++n}`;

    it('applies assignments and edges, then reads them back as a view', async () => {
      const s = await open();
      const plan = planLinks(await s.loadView('t1', ['anon:a', 'phone:p']), [], [ev('anon:a', 'phone:p')], 5, ids);
      await s.applyPlan('t1', plan, 1, rec);
      const view = await s.loadView('t1', ['anon:a']);
      expect(view.personOf.get('anon:a')).toBe(await s.personOf('t1', 'phone:p'));
      expect(view.knownPairs.has('anon:a|phone:p')).toBe(true);
      expect(view.neighbourCount.get('anon:a|phone')).toBe(1);
    });

    it('moves every key of the merged person, and records the merge with its evidence', async () => {
      const s = await open();
      await s.applyPlan('t1', planLinks(await s.loadView('t1', []), [], [ev('anon:a', 'openid:douyin:x', 'e1')], 5, ids), 1, rec);
      await s.applyPlan('t1', planLinks(await s.loadView('t1', []), [], [ev('anon:b', 'openid:kuaishou:y', 'e2')], 5, ids), 2, rec);
      const keys = ['openid:douyin:x', 'openid:kuaishou:y'];
      await s.applyPlan('t1', planLinks(await s.loadView('t1', ['phone:p', ...keys]), [], [ev('phone:p', keys[0] as string, 'e3'), ev('phone:p', keys[1] as string, 'e3')], 5, ids), 3, rec);
      const person = (await s.personOf('t1', 'anon:a')) as string;
      expect(await s.keysOf('t1', person)).toEqual(['anon:a', 'anon:b', 'openid:douyin:x', 'openid:kuaishou:y', 'phone:p']);
      const merges = await s.mergesOf('t1', person);
      expect(merges.filter((m) => m.status === 'merged')).toHaveLength(1);
      expect(merges[0]).toMatchObject({ eventId: 'e3', source: 'order', intoPerson: person });
      expect((await s.allAssignments('t1')).size).toBe(5);
    });

    it('records refusals and erases a person with their edges and merge records', async () => {
      const s = await open();
      const links = [1, 2, 3].map((i) => ev('phone:shared', `openid:douyin:u${i}`, `e${i}`));
      await s.applyPlan('t1', planLinks(await s.loadView('t1', []), [], links, 2, ids), 1, rec);
      const p1 = (await s.personOf('t1', 'openid:douyin:u1')) as string;
      expect(await s.personOf('t1', 'openid:douyin:u3')).not.toBe(p1);
      expect((await s.mergesOf('t1', p1)).some((m) => m.status === 'refused')).toBe(true);
      const erased = await s.erasePerson('t1', p1);
      expect(erased.keys).toEqual(['openid:douyin:u1', 'openid:douyin:u2', 'phone:shared']);
      expect(erased.edges).toBe(3);
      expect(await s.keysOf('t1', p1)).toEqual([]);
      expect(await s.personOf('t1', 'openid:douyin:u3')).toBeDefined();
    });
  });
}
