import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../src/app/app.js';
import { buildServer } from '../src/api/server.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { fallbackCatalogue, generateEvents } from '../src/modules/simulator/index.js';
import { describeMachine, quantile, sampleRss } from './machine.js';

export interface IngestBenchOptions { readonly events: number; readonly batch: number; readonly concurrency: number; readonly onProgress?: (done: number) => void }

// The load generator runs in a worker thread (the machine's other core), so the server's thread
// does only server work. Plain JS: it must run from both the TS sources and the build.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
const { port, key, bodies, concurrency } = workerData;
let next = 0; const latencies = []; let accepted = 0; let failed = 0;
function post(body) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/events', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: 'Bearer ' + key } }, (res) => {
      const chunks = []; res.on('data', (c) => chunks.push(c));
      res.on('end', () => { latencies.push(performance.now() - t0);
        if (res.statusCode !== 200) { failed++; resolve(); return; }
        accepted += JSON.parse(Buffer.concat(chunks).toString()).accepted; resolve(); });
    });
    req.on('error', reject); req.end(body);
  });
}
async function lane() { while (next < bodies.length) { const i = next++; await post(Buffer.from(bodies[i])); if (i % 20 === 0) parentPort.postMessage({ progress: accepted }); } }
const t0 = performance.now();
Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
  parentPort.postMessage({ done: true, seconds: (performance.now() - t0) / 1000, latencies, accepted, failed });
});`;

/**
 * HTTP ingestion, end to end: batches of simulator events POSTed over loopback to the real server
 * with embedded stores; an event counts once its batch is answered (answers come after commit).
 * Baseline in the same run: `JSON.parse` of the same payloads.
 */
export async function benchIngest(opts: IngestBenchOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-'));
  const config = loadConfig({ env: { REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'silent', REELPATH_MAX_BATCH: String(Math.max(opts.batch, 5000)), REELPATH_MAX_PAST_MS: String(20 * 365 * 86_400_000) } });
  const app = await createApp(config, { logger: createLogger('silent') });
  const server = await buildServer(app);
  try {
    const { writeKey } = await app.tenants.createTenant('bench');
    const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 8 * 86_400_000;
    const bodies: string[] = [];
    let batch: unknown[] = [];
    for (const e of generateEvents({ seed: 7, events: opts.events, startTs: start, catalogue: fallbackCatalogue() })) {
      batch.push(e);
      if (batch.length === opts.batch) { bodies.push(JSON.stringify(batch)); batch = []; }
    }
    if (batch.length > 0) bodies.push(JSON.stringify(batch));
    const bytes = bodies.reduce((n, b) => n + b.length, 0);
    const t0 = performance.now();
    let parsed = 0;
    for (const b of bodies) parsed += (JSON.parse(b) as unknown[]).length;
    const jsonParseSeconds = (performance.now() - t0) / 1000;
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    const rss = sampleRss();
    const result = await new Promise<{ seconds: number; latencies: number[]; accepted: number; failed: number }>((resolve, reject) => {
      const worker = new Worker(CLIENT, { eval: true, workerData: { port, key: writeKey, bodies, concurrency: opts.concurrency } });
      worker.on('message', (m: { progress?: number; done?: boolean } & Record<string, unknown>) => {
        if (m.done) { void worker.terminate(); resolve(m as never); } else if (m.progress !== undefined) opts.onProgress?.(m.progress);
      });
      worker.on('error', reject);
    });
    const peakRssMb = rss.stop();
    const stored = Object.values(await app.events.countByName('bench')).reduce((a, b) => a + b, 0);
    const eventsPerSec = Math.round(result.accepted / result.seconds);
    const jsonParseEventsPerSec = Math.round(parsed / jsonParseSeconds);
    return {
      benchmark: 'ingest-http', events: opts.events, batchSize: opts.batch, concurrency: opts.concurrency, payloadMB: Math.round(bytes / 2 ** 20),
      accepted: result.accepted, stored, failedBatches: result.failed, seconds: Number(result.seconds.toFixed(2)), eventsPerSec,
      batchLatencyMs: { p50: Number(quantile(result.latencies, 0.5).toFixed(1)), p99: Number(quantile(result.latencies, 0.99).toFixed(1)), max: Number(Math.max(...result.latencies).toFixed(1)) },
      peakRssMb, jsonParseEventsPerSec, ratioToJsonParse: Number((eventsPerSec / jsonParseEventsPerSec).toFixed(3)), machine: describeMachine(),
    };
  } finally {
    await server.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
