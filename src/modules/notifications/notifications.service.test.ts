import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { openSqlite } from '../../storage/sqlite-db.js';
import { seededRng } from '../../shared/random.js';
import { fixedClock } from '../../shared/time.js';
import { NotificationsService } from './notifications.service.js';
import { SqlNotificationsStore } from './store/notifications.sql.js';
import { verifyBody, SIGNATURE_HEADERS } from './domain/signature.js';

// A real HTTP receiver on loopback that verifies every delivery as a merchant's server would, applies each
// delivery id once, and can be told to fail the next N requests.
let server: Server;
let url = '';
let secret = '';
let failNext = 0;
const applied = new Map<string, unknown>();
const received: { id: string; verified: boolean }[] = [];
const clock = fixedClock(Date.UTC(2026, 10, 22, 9, 0, 0));

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const verified = verifyBody(secret, headers, body, clock.now()).ok;
      const id = String(headers[SIGNATURE_HEADERS.delivery]);
      received.push({ id, verified });
      if (failNext > 0) { failNext--; res.writeHead(503).end(); return; }
      if (!verified) { res.writeHead(401).end(); return; }
      if (!applied.has(id)) applied.set(id, JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/reelpath`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function service(): Promise<NotificationsService> {
  const store = new SqlNotificationsStore(openSqlite(':memory:'));
  await store.init();
  return new NotificationsService(store, clock, seededRng(1), { retry: { baseMs: 10_000, maxMs: 60_000, maxAttempts: 4 }, timeoutMs: 2_000 });
}

describe('NotificationsService over a real HTTP receiver', () => {
  it('delivers a signed alert the receiver verifies, once', async () => {
    const s = await service();
    const endpoint = await s.addEndpoint('t1', url);
    secret = endpoint.secret;
    expect(secret).toMatch(/^whsec_/);
    const [d] = await s.notify('t1', 'alert.firing', { rule: 'impression_drop', diagnosis: 'traffic_drop' });
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204 });
    expect(received.at(-1)).toEqual({ id: d?.id, verified: true });
    expect(applied.get(d?.id ?? '')).toMatchObject({ kind: 'alert.firing', tenant: 't1', data: { diagnosis: 'traffic_drop' } });
    expect(await s.endpoints('t1')).toEqual([{ id: endpoint.id, tenant: 't1', url, createdAt: endpoint.createdAt }]);
  });

  it('retries a failing receiver with backoff, re-signed each time, until it answers; the id stays the same', async () => {
    const s = await service();
    secret = (await s.addEndpoint('t1', url)).secret;
    failNext = 2;
    const [first] = await s.notify('t1', 'alert.firing', { n: 1 });
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503 });
    expect(await s.runDue()).toBe(0); // not due yet
    clock.advance(10_000);
    expect(await s.runDue()).toBe(1);
    clock.advance(20_000);
    expect(await s.runDue()).toBe(1);
    const [after] = await s.deliveries('t1');
    expect(after).toMatchObject({ id: first?.id, status: 'delivered', attempts: 3, lastStatus: 204 });
    expect(received.filter((r) => r.id === first?.id).every((r) => r.verified)).toBe(true);
  });

  it('gives up after the last attempt, and does not retry a client error', async () => {
    const s = await service();
    secret = (await s.addEndpoint('t1', url)).secret;
    failNext = 10;
    const [d] = await s.notify('t1', 'alert.firing', {});
    for (let i = 0; i < 5; i++) { clock.advance(60_000); await s.runDue(); }
    expect((await s.deliveries('t1'))[0]).toMatchObject({ id: d?.id, status: 'failed', attempts: 4, nextAttemptAt: null });
    failNext = 0;
    secret = 'wrong';
    const [refused] = await s.notify('t1', 'alert.firing', {});
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, lastStatus: 401 });
  });

  it('answers catalogued errors for a bad URL or an unknown endpoint, and fails deliveries to a removed one', async () => {
    const s = await service();
    await expect(s.addEndpoint('t1', 'ftp://x')).rejects.toMatchObject({ code: 'notifications_invalid_url' });
    await expect(s.removeEndpoint('t1', 'wep_nope')).rejects.toMatchObject({ code: 'notifications_endpoint_not_found' });
    const e = await s.addEndpoint('t1', 'http://127.0.0.1:9/unreachable');
    const [d] = await s.notify('t1', 'alert.firing', {});
    expect(d).toMatchObject({ status: 'pending', lastStatus: null });
    await s.removeEndpoint('t1', e.id);
    clock.advance(60_000);
    await s.runDue();
    expect((await s.deliveries('t1'))[0]).toMatchObject({ status: 'failed', lastError: 'the endpoint was removed' });
  });
});
