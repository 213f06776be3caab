import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { TenantsService } from '../../src/modules/tenants/index.js';
import { totalUnits } from '../../src/modules/inventory/index.js';
import { createLogger } from '../../src/shared/logging/logger.js';
import { seededRng } from '../../src/shared/random.js';
import { signedCallbackHeaders } from '../harness/payments.js';
import { runReelpath } from '../harness/cli-runner.js';

// `reelpath serve` killed with SIGKILL at random moments while 40 clients place and pay orders over
// HTTP, restarted each time on the same data; clients retry what got no answer with the same client
// key / callback id, as real clients do. Afterwards no acknowledged order or payment is lost, no unit is
// sold twice, every SKU conserves its units, and no reservation is left without a live order.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rp-crash-'));
const env = { ...process.env, REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'warn', REELPATH_LANG: 'en' };
const SKUS = ['k1', 'k2', 'k3'];
const UNITS = 200;
let server: ChildProcess | undefined;
afterAll(() => {
  // A failed run must not leave a server behind.
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts `reelpath serve` from the sources; resolves when it listens. */
function serve(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/vite-node/vite-node.mjs'), join(ROOT, 'src/main.ts'), '--', 'serve'], { env: { ...env, REELPATH_PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); if (err.includes('listening on')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${err}`)));
  });
}

describe('orders survive SIGKILL', () => {
  it('loses no acknowledged order or payment, sells no unit twice and releases orphaned reservations', async () => {
    const created = (await runReelpath(['tenant', 'create', 't1', '--json'], { REELPATH_DATA: dir })).json<{ secretKey: string }>();
    const setup = await createApp(loadConfig({ env: { REELPATH_DATA: dir } }), { logger: createLogger('silent') });
    const paySecret = TenantsService.paymentSecret(await setup.tenants.getTenant('t1'));
    await setup.close();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await serve(port);
    const api = (method: string, path: string, body: unknown) => fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${created.secretKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await api('PUT', '/v1/catalogue', { skus: SKUS.map((id) => ({ id, productId: 'p', name: id, priceFen: 990 })), warehouses: [{ id: 'wh', name: '仓', region: 'CN-ZJ', lat: 30.27, lon: 120.16 }] });
    await api('POST', '/v1/stock/adjustments', { adjustments: SKUS.map((sku) => ({ sku, warehouse: 'wh', delta: UNITS, reason: 'import' })) });

    const acked = new Map<string, number>(); // order id → units
    const paidAcks = new Set<string>();
    let down = false;
    /** Sends until the server answers (it may be dead or restarting); network errors are retried. */
    const until = async (send: () => Promise<Response>): Promise<Response> => {
      for (;;) {
        try { if (!down) return await send(); } catch { /* killed mid-request: retry the same request */ }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    let next = 0;
    const attempts = 2_000;
    const client = async (): Promise<void> => {
      while (next < attempts) {
        const i = next++;
        const quantity = 1 + (i % 2);
        const placed = await until(() => api('POST', '/v1/orders', { clientKey: `crash-${i}-key`, buyer: `b${i}`, lines: [{ sku: SKUS[i % 3], quantity }] }));
        if (placed.status !== 201 && placed.status !== 200) continue;
        const { order } = await placed.json() as { order: { id: string; amountFen: number } };
        acked.set(order.id, quantity);
        if (i % 4 === 3) continue; // some buyers never pay
        const text = JSON.stringify({ callbackId: `pay-${order.id}`, orderId: order.id, type: 'paid', amountFen: order.amountFen });
        const paid = await until(() => {
          const ts = Date.now();
          return fetch(`${base}/v1/payments/t1/callback`, { method: 'POST', body: text, headers: signedCallbackHeaders(paySecret, ts, text) });
        });
        if (paid.status === 200) paidAcks.add(order.id);
      }
    };
    const rng = seededRng(7);
    let kills = 0;
    const killer = (async () => {
      while (next < attempts && kills < 4) {
        await new Promise((r) => setTimeout(r, 200 + rng.next() * 600));
        if (next >= attempts) break;
        down = true;
        server!.kill('SIGKILL');
        await new Promise((r) => server!.once('exit', r));
        kills++;
        server = await serve(port);
        down = false;
      }
    })();
    await Promise.all(Array.from({ length: 40 }, client));
    await killer;
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));

    expect(kills).toBeGreaterThanOrEqual(1);
    const app = await createApp(loadConfig({ env: { REELPATH_DATA: dir } }), { logger: createLogger('silent') });
    try {
      expect(await app.orderSweeper.recover()).toBe(0); // a graceful stop leaves nothing to repair
      const orders = await app.orders.getMany('t1', [...acked.keys()]);
      expect(orders.length).toBe(acked.size);
      const stateOf = new Map(orders.map((o) => [o.id, o.state]));
      expect([...paidAcks].filter((id) => stateOf.get(id) !== 'paid')).toEqual([]);
      const all = await app.orders.list('t1', { limit: 100_000 });
      const levels = await app.stock.levels('t1');
      for (const sku of SKUS) {
        const l = levels.find((x) => x.sku === sku)!;
        const units = (states: string[]) => all.filter((o) => o.lines[0]!.sku === sku && states.includes(o.state)).reduce((n, o) => n + o.lines[0]!.quantity, 0);
        expect(totalUnits(l), sku).toBe(UNITS);
        expect(l.sold, `${sku} sold = paid orders' units`).toBe(units(['paid']));
        expect(l.reserved, `${sku} reserved = unpaid orders' units`).toBe(units(['reserved']));
      }
      const held = await app.stock.heldHolders('t1');
      expect(held.filter((h) => stateOf.get(h) === undefined && !all.some((o) => o.id === h && o.state === 'reserved'))).toEqual([]);
      expect(levels.reduce((n, l) => n + l.sold + l.reserved, 0)).toBeLessThanOrEqual(SKUS.length * UNITS);
    } finally {
      await app.close();
    }
  }, 180_000);
});
