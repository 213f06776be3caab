import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../storage/sqlite-db.js';
import { fixedClock } from '../../shared/time.js';
import type { CanonicalEvent } from '../events/index.js';
import { IdentityService } from './identity.service.js';
import { SqlIdentityStore } from './store/identity.sql.js';

const ev = (n: number, over: Partial<CanonicalEvent> = {}): CanonicalEvent => ({
  eventId: `e${n}`, tenant: 't1', name: 'play', platform: 'douyin', ts: 1000 + n, receivedAt: 2000, schemaVersion: 1,
  anonymousId: `dev${n}`, properties: {}, ...over,
});

const clock = fixedClock(1_700_000_000_000);

async function service(cap = 5): Promise<IdentityService> {
  const store = new SqlIdentityStore(openSqlite(':memory:'));
  await store.init();
  return new IdentityService(store, cap, clock);
}

describe('IdentityService', () => {
  it('settles observations made one after another (a woken caller must not find a stale drain)', async () => {
    const s = await service();
    for (let i = 0; i < 20; i++) await s.observe('t1', [ev(i), ev(i + 100, { openId: `o${i}` })]);
    expect((await s.resolver('t1')).size).toBe(60);
  });

  it('reuses one resolver map until the graph changes (a link, a new key, an erasure) or 30 s pass', async () => {
    const s = await service();
    await s.observe('t1', [ev(1), ev(2)]);
    const first = await s.resolver('t1');
    expect(await s.resolver('t1')).toBe(first); // same map: no second read of every key
    await s.observe('t1', [ev(1)]); // nothing new: still the same
    expect(await s.resolver('t1')).toBe(first);
    await s.observe('t1', [ev(3, { anonymousId: 'dev1', openId: 'o1' })]); // a new key linked to dev1
    const linked = await s.resolver('t1');
    expect(linked).not.toBe(first);
    expect(linked.get('openid:douyin:o1')).toBe(linked.get('anon:dev1'));
    await s.erase('t1', linked.get('anon:dev2') as string);
    const erased = await s.resolver('t1');
    expect(erased.has('anon:dev2')).toBe(false);
    clock.advance(30_000);
    expect(await s.resolver('t1')).not.toBe(erased); // re-read after the TTL (another process may write)
  });

  it('groups concurrent observations and links across them', async () => {
    const s = await service();
    await Promise.all([
      s.observe('t1', [ev(1, { openId: 'x' })]),
      s.observe('t1', [ev(2, { anonymousId: 'dev2', phoneHash: 'p' })]),
      s.observe('t1', [ev(3, { openId: 'x', anonymousId: 'dev3', phoneHash: 'p' })]),
    ]);
    const persons = await s.resolver('t1');
    expect(new Set(['anon:dev1', 'openid:douyin:x', 'anon:dev2', 'phone:p', 'anon:dev3'].map((k) => persons.get(k))).size).toBe(1);
  });

  it('lists a person\'s keys strongest first', async () => {
    const s = await service();
    await s.observe('t1', [ev(1, { openId: 'o', buyerId: 'b', userId: 'u' })]);
    const person = (await s.personOf('t1', 'anon:dev1')) as string;
    expect((await s.getPerson('t1', person)).keys).toEqual(['user:u', 'buyer:douyin:b', 'openid:douyin:o', 'anon:dev1']);
  });
});
