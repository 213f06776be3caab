import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresSchema } from '../harness/postgres.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

// The whole app on PostgreSQL (REELPATH_DB_URL), not just each port: the composition root's wiring.
const pg = await openPostgresSchema('app');
if (pg) {
  await pg.db.close();
  describe('the app with every store on PostgreSQL', () => {
    let t: TestApp;
    beforeAll(async () => { t = await startTestApp({ env: { REELPATH_DB_URL: pg.url } }); });
    afterAll(async () => { await t.close(); });

    it('ingests, dedupes, resolves identities, runs a funnel and erases a person', async () => {
      const now = Date.now() - 60_000;
      const batch = [
        { eventId: 'pg1', name: 'impression', platform: 'douyin', ts: now, anonymousId: 'd1' },
        { eventId: 'pg2', name: 'play', platform: 'douyin', ts: now + 1, anonymousId: 'd1', openId: 'o1' },
        { eventId: 'pg3', name: 'pay', platform: 'kuaishou', ts: now + 2, openId: 'k1', orderId: 'x', amount: 990, currency: 'CNY', phone: '13500000000' },
        { eventId: 'pg4', name: 'order', platform: 'douyin', ts: now + 3, openId: 'o1', orderId: 'y', phone: '13500000000' },
        { eventId: 'bad', name: 'teleport', platform: 'douyin', ts: now, anonymousId: 'd1' },
      ];
      expect((await t.ingest(batch)).json()).toMatchObject({ accepted: 4, duplicates: 0, rejected: [{ index: 4, code: 'events_unknown_name' }] });
      expect((await t.ingest(batch)).json()).toMatchObject({ accepted: 4, duplicates: 4 });
      expect((await t.get('/readyz')).json().engines).toEqual({ events: 'postgres', transactional: 'postgres', stock: 'postgres' });
      const person = (await t.get('/v1/persons?key=anon%3Ad1')).json();
      expect(person.keys).toEqual(expect.arrayContaining(['openid:douyin:o1', 'openid:kuaishou:k1']));
      const funnel = (await t.get('/v1/funnel?steps=impression,play&window=1h')).json();
      expect(funnel.overall.steps.map((s: { count: number }) => s.count)).toEqual([1, 1]);
      const auth = { authorization: `Bearer ${t.secretKey}` };
      const exp = (await t.server.inject({ method: 'POST', url: '/v1/experiments', headers: auth, payload: { key: 'pg_test', variations: [{ key: 'a', weight: 0.5 }, { key: 'b', weight: 0.5 }], metrics: [{ key: 'paid', kind: 'conversion', event: 'pay' }] } })).json();
      await t.server.inject({ method: 'POST', url: `/v1/experiments/${exp.id}/start`, headers: auth });
      expect((await t.get('/v1/assign?key=anon:d1', t.writeKey)).json().experiments[0].inExperiment).toBe(true);
      const report = (await t.get(`/v1/experiments/${exp.id}/report`)).json();
      expect(report.srm.counts.reduce((a: number, b: number) => a + b, 0)).toBe(1);
      const erased = (await t.server.inject({ method: 'DELETE', url: `/v1/persons/${person.personId}`, headers: { authorization: `Bearer ${t.secretKey}` } })).json();
      expect(erased.events).toBe(5); // the four ingested and the exposure
      expect((await t.get('/v1/events/counts')).json().counts).toEqual({});
    });
  });
}
