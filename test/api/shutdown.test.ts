import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/*
 * Graceful shutdown loses no accepted event: requests are in flight while server.close() and
 * app.close() run; every request that answered 200 has all its events stored after a restart on the
 * same folder, and every other request was refused (503 api_shutting_down, or no connection) without
 * storing anything.
 */

const REQUESTS = 20;
const EVENTS_PER_REQUEST = 500;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Outcome =
  | { readonly request: number; readonly kind: 'answered'; readonly status: number; readonly body: { accepted?: number; duplicates?: number; error?: { code: string } } }
  | { readonly request: number; readonly kind: 'no-connection'; readonly reason: string };

function batchOf(request: number, ts: number): Record<string, unknown>[] {
  return Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => ({
    eventId: `sd_${request}_${i}`, name: i % 5 === 0 ? 'impression' : 'play', platform: 'douyin', ts: ts + i, anonymousId: `dev_${request}_${i % 40}`,
  }));
}

/** Sends one batch, in-process or over a real socket; a refused connection is an outcome, not a failure. */
async function send(t: TestApp, request: number, body: unknown, url: string | undefined): Promise<Outcome> {
  try {
    if (url === undefined) {
      const res = await t.ingest(body);
      return { request, kind: 'answered', status: res.statusCode, body: res.json() };
    }
    const res = await fetch(`${url}v1/events`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.writeKey}` },
    });
    return { request, kind: 'answered', status: res.status, body: await res.json() as Outcome extends { body: infer B } ? B : never };
  } catch (err) {
    return { request, kind: 'no-connection', reason: String((err as Error).message ?? err) };
  }
}

async function expectHealthy(t: TestApp): Promise<void> {
  const health = await t.server.inject({ method: 'GET', url: '/healthz' });
  expect(health.statusCode).toBe(200);
  const ready = await t.server.inject({ method: 'GET', url: '/readyz' });
  expect(ready.statusCode).toBe(200);
  expect(ready.json()).toEqual({ status: 'ready', engines: { events: 'duckdb', transactional: 'sqlite', stock: 'sqlite' } });
}

/** Resolves once the server refuses new work (close has begun): a probe is rejected or answered 503. */
async function untilRefusing(t: TestApp): Promise<void> {
  for (;;) {
    try {
      if ((await t.server.inject({ method: 'GET', url: '/healthz' })).statusCode === 503) return;
    } catch {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const isOk = (o: Outcome): boolean => o.kind === 'answered' && o.status === 200;

/**
 * Fires REQUESTS / 2 concurrent batches, starts closing the server then the app as `serve` does, fires
 * REQUESTS / 2 more once the server refuses work, reopens the folder and checks every outcome against
 * what is stored. Over sockets, close starts only once the first wave has reached the server.
 */
async function shutDownUnderLoad(overSocket: boolean): Promise<{ first: Outcome[]; second: Outcome[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-shutdown-'));
  dirs.push(dir);
  const t = await startTestApp({ keepDir: dir });
  await expectHealthy(t);
  const url = overSocket ? `${(await t.server.listen({ host: '127.0.0.1', port: 0 })).replace(/\/?$/, '/')}` : undefined;
  let received = 0;
  t.server.server.on('request', () => { received++; });
  const ts = Date.now() - 60_000;
  const half = REQUESTS / 2;

  const firstWave: Promise<Outcome>[] = [];
  for (let r = 0; r < half; r++) firstWave.push(send(t, r, batchOf(r, ts), url));
  while (overSocket && received < half) await new Promise((resolve) => setImmediate(resolve));
  const closing = t.server.close().then(() => t.app.close());
  await untilRefusing(t);
  const secondWave: Promise<Outcome>[] = [];
  for (let r = half; r < REQUESTS; r++) secondWave.push(send(t, r, batchOf(r, ts), url));
  const first = await Promise.all(firstWave);
  const second = await Promise.all(secondWave);
  await closing;

  // Restart on the same folder: the tenant exists, so the harness creates none; reuse the first keys.
  const again = await startTestApp({ keepDir: dir });
  try {
    await expectHealthy(again);
    const read = (path: string) => again.get(path, t.secretKey);
    let expectedStored = 0;
    for (const o of [...first, ...second]) {
      const ids = [0, 1, EVENTS_PER_REQUEST / 2, EVENTS_PER_REQUEST - 1].map((i) => `sd_${o.request}_${i}`);
      if (isOk(o)) {
        expect(o.kind === 'answered' && o.body).toMatchObject({ accepted: EVENTS_PER_REQUEST, duplicates: 0 });
        expectedStored += EVENTS_PER_REQUEST;
        for (const id of ids) expect((await read(`/v1/events/${id}`)).statusCode, `request ${o.request} answered 200; ${id} must be stored`).toBe(200);
      } else {
        if (o.kind === 'answered') {
          expect(o.status, `request ${o.request}: ${JSON.stringify(o.body)}`).toBe(503);
          expect(o.body.error?.code).toBe('api_shutting_down');
        }
        // Refused before any store was touched: nothing of it is stored.
        for (const id of ids) expect((await read(`/v1/events/${id}`)).statusCode, `request ${o.request} was refused; ${id} must not be stored`).toBe(404);
      }
    }
    const counts = (await read('/v1/events/counts')).json().counts as Record<string, number>;
    expect((counts.play ?? 0) + (counts.impression ?? 0)).toBe(expectedStored);
    expect(counts.impression ?? 0).toBe(expectedStored / 5);
  } finally {
    await again.close();
  }
  return { first, second };
}

describe('graceful shutdown under ingestion load', () => {
  it('in-process requests: in-flight ones finish and are stored, later ones are refused', async () => {
    const { first, second } = await shutDownUnderLoad(false);
    // Closing the app right after the server must not pull the stores from under the first wave.
    expect(first.filter(isOk).length).toBeGreaterThan(0);
    expect(second.some(isOk)).toBe(false);
  });

  it('requests over real sockets: every request inside the server when close began answers 200 and is stored', async () => {
    const { first, second } = await shutDownUnderLoad(true);
    expect(first.every(isOk)).toBe(true);
    expect(second.some(isOk)).toBe(false);
  });
});
