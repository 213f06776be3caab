import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

import { once } from 'node:events';
import { createApp } from '../src/app/app.js';
import { buildServer } from '../src/api/server.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { fallbackCatalogue, generateEvents } from '../src/modules/simulator/index.js';
import { describeMachine, quantile, sampleRss } from './machine.js';
import { stageBreakdown } from './stage-breakdown.js';

export interface IngestBenchOptions { readonly events: number; readonly batch: number; readonly concurrency: number; readonly onProgress?: (done: number) => void }

// The load generator is a separate process (on the machine's other core), so the server process does
// only server work and its resident memory is measured alone. Plain JS: it runs from both the TS
// sources and the build. It reads one JSON batch per line of the payload file, lazily.
const CLIENT = `
const http = require('node:http');
const readline = require('node:readline');
const fs = require('node:fs');
const [port, key, file, concurrency] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
const latencies = []; let accepted = 0; let failed = 0; let sent = 0;
function post(body) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port: Number(port), path: '/v1/events', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer ' + key } }, (res) => {
      const chunks = []; res.on('data', (c) => chunks.push(c));
      res.on('end', () => { latencies.push(performance.now() - t0);
        if (res.statusCode !== 200) { failed++; resolve(); return; }
        accepted += JSON.parse(Buffer.concat(chunks).toString()).accepted; resolve(); });
    });
    req.on('error', reject); req.end(body);
  });
}
async function lane() {
  for (;;) { const next = await lines.next(); if (next.done) return; await post(next.value);
    if (++sent % 20 === 0) process.stderr.write(JSON.stringify({ progress: accepted }) + '\\n'); }
}
const t0 = performance.now();
Promise.all(Array.from({ length: Number(concurrency) }, lane)).then(() => {
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, latencies, accepted, failed }));
});`;

/**
 * Writes the payload as two files of one JSON batch a line — the first and second half of one
 * simulator stream — and measures the JSON.parse baseline on it.
 */
async function writePayload(paths: readonly [string, string], events: number, batchSize: number): Promise<{ bytes: number; jsonParseEventsPerSec: number }> {
  const start = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 8 * 86_400_000;
  const first = createWriteStream(paths[0]);
  const second = createWriteStream(paths[1]);
  let written = 0;
  let batch: unknown[] = [];
  let bytes = 0;
  let parseMs = 0;
  const flush = async (): Promise<void> => {
    const line = JSON.stringify(batch);
    const t0 = performance.now();
    JSON.parse(line);
    parseMs += performance.now() - t0;
    bytes += line.length;
    const out = written < events / 2 ? first : second;
    written += batch.length;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    batch = [];
  };
  for (const e of generateEvents({ seed: 7, events, startTs: start, catalogue: fallbackCatalogue() })) {
    batch.push(e);
    if (batch.length === batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  for (const out of [first, second]) { out.end(); await once(out, 'finish'); }
  return { bytes, jsonParseEventsPerSec: Math.round(events / (parseMs / 1000)) };
}

function runClient(port: number, key: string, file: string, concurrency: number, onProgress?: (n: number) => void): Promise<{ seconds: number; latencies: number[]; accepted: number; failed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, String(port), key, file, String(concurrency)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) {
        try { const m = JSON.parse(line) as { progress?: number }; if (m.progress !== undefined) onProgress?.(m.progress); } catch { /* partial line */ }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as never) : reject(new Error(`load client exited with ${code}`))));
  });
}

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
    const files = [join(dir, 'payload-1.ndjson'), join(dir, 'payload-2.ndjson')] as const;
    const { bytes, jsonParseEventsPerSec } = await writePayload(files, opts.events, opts.batch);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    const rss = sampleRss();
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    // Two phases of one stream: a fresh tenant (every buyer, device and account new to the identity
    // graph), then the same world's later traffic, where most identities are already known.
    const fresh = await runClient(port, writeKey, files[0], opts.concurrency, opts.onProgress);
    const known = await runClient(port, writeKey, files[1], opts.concurrency, (n) => opts.onProgress?.(fresh.accepted + n));
    const result = { seconds: fresh.seconds + known.seconds, latencies: [...fresh.latencies, ...known.latencies], accepted: fresh.accepted + known.accepted, failed: fresh.failed + known.failed };
    const peakRssMb = rss.stop();
    // How busy the server was: its event loop (the request thread), and CPU of all its threads in cores.
    const eventLoopUtilisation = Number(performance.eventLoopUtilization(elu0).utilization.toFixed(2));
    const cpu = process.cpuUsage(cpu0);
    const serverCpuCores = Number(((cpu.user + cpu.system) / 1e6 / result.seconds).toFixed(2));
    const stored = Object.values(await app.events.countByName('bench')).reduce((a, b) => a + b, 0);
    const eventsPerSec = Math.round(result.accepted / result.seconds);
    const stagesEventsPerSec = await stageBreakdown(files[0]);
    const phases = {
      freshTenant: { events: fresh.accepted, eventsPerSec: Math.round(fresh.accepted / fresh.seconds) },
      knownWorld: { events: known.accepted, eventsPerSec: Math.round(known.accepted / known.seconds) },
    };
    return {
      benchmark: 'ingest-http', events: opts.events, batchSize: opts.batch, concurrency: opts.concurrency, payloadMB: Math.round(bytes / 2 ** 20),
      accepted: result.accepted, stored, failedBatches: result.failed, seconds: Number(result.seconds.toFixed(2)), eventsPerSec, phases,
      batchLatencyMs: { p50: Number(quantile(result.latencies, 0.5).toFixed(1)), p99: Number(quantile(result.latencies, 0.99).toFixed(1)), max: Number(Math.max(...result.latencies).toFixed(1)) },
      peakRssMb, eventLoopUtilisation, serverCpuCores, cpuMicrosPerEvent: Math.round(((cpu.user + cpu.system) / result.accepted) * 10) / 10, jsonParseEventsPerSec, ratioToJsonParse: Number((eventsPerSec / jsonParseEventsPerSec).toFixed(3)), stagesEventsPerSec,
      machine: describeMachine(),
    };
  } finally {
    await server.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
