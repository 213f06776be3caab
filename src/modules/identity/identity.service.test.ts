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

async function service(cap = 5): Promise<IdentityService> {
  const store = new SqlIdentityStore(openSqlite(':memory:'));
  await store.init();
  return new IdentityService(store, cap, fixedClock(1_700_000_000_000));
}

describe('IdentityService', () => {
  it('settles observations made one after another (a woken caller must not find a stale drain)', async () => {
    const s = await service();
    for (let i = 0; i < 20; i++) await s.observe('t1', [ev(i), ev(i + 100, { openId: `o${i}` })]);
    expect((await s.resolver('t1')).size).toBe(60);
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
