/**
 * The provenance log benchmark: appends `entries` logistics entries through the real TraceService of
 * the whole app on an embedded SQLite file (worker thread, WAL) in a temp folder — group commit, one
 * transaction and one signed checkpoint per `trace.maxBatch` entries — then measures, at the final size,
 * inclusion-proof generation (service call: index lookup, one leaf read, ≤ 2 chunk reads, hashing),
 * inclusion verification (leaf hash + RFC 9162 verifier) and consistency-proof generation on ~1000
 * random indexes. Not wired into `reelpath bench` yet.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { hashLeaf, verifyInclusion, type AppendInput } from '../src/modules/trace/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { seededRng } from '../src/shared/random.js';
import { openSqlite } from '../src/storage/sqlite-db.js';
import { describeMachine, quantile, sampleRss } from './machine.js';

export interface TraceBenchOptions {
  /** Entries to append. */
  readonly entries: number;
  /** Batch codes the entries are spread over (default 1000). */
  readonly batches?: number;
  /** Entries per `append` call (default: `trace.maxBatch`, 5000). */
  readonly callSize?: number;
  /** Append calls in flight at once (default 2: one being written while the next is prepared). */
  readonly inFlight?: number;
  /** Proof samples at the final size (default 1000). */
  readonly samples?: number;
  /** Also time a full audit of the log at the end. */
  readonly audit?: boolean;
  readonly onProgress?: (line: string) => void;
}

/** Percentiles in microseconds. */
export interface Micros { readonly p50: number; readonly p99: number }

export interface TraceBenchResult {
  readonly entries: number;
  readonly appendPerSec: number;
  readonly appendSeconds: number;
  readonly checkpoints: number;
  /** Seconds of a full audit (when asked). */
  readonly auditSeconds?: number;
  readonly inclusionProofUs: Micros;
  readonly inclusionVerifyUs: Micros;
  readonly consistencyProofUs: Micros;
  readonly sqliteMiB: number;
  readonly peakRssMiB: number;
  readonly machine: Record<string, unknown>;
}

const TENANT = 'bench';
const micros = (values: number[]): Micros => ({ p50: Math.round(quantile(values, 0.5) * 10) / 10, p99: Math.round(quantile(values, 0.99) * 10) / 10 });
const nowUs = (): number => Number(process.hrtime.bigint()) / 1000;
/** Bytes of a SQLite database with its write-ahead log. */
const fileSize = (path: string): number => [path, `${path}-wal`].reduce((n, p) => n + (existsSync(p) ? statSync(p).size : 0), 0);

/** Runs the benchmark in a fresh temp folder, removed afterwards. */
export async function benchTraceLog(o: TraceBenchOptions): Promise<TraceBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-trace-bench-'));
  const rss = sampleRss();
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'silent' } }), { logger: createLogger('silent') });
  try {
    const rng = seededRng(42);
    const codes: string[] = [];
    for (let i = 0; i < (o.batches ?? 1000); i++) codes.push((await app.trace.createBatch(TENANT, { name: `batch ${i}`, productId: `p_${i % 50}` })).code);
    const callSize = o.callSize ?? app.config.trace.maxBatch;
    const t0 = Date.UTC(2026, 2, 1);
    const call = (from: number, to: number): AppendInput[] => Array.from({ length: to - from }, (_, k) => ({
      code: codes[Math.floor(rng.next() * codes.length)]!, kind: 'logistics', at: t0 + from + k,
      body: { event: 'in_transit', location: `分拨中心 ${(from + k) % 97}`, carrier: 'SF', trackingNo: `SF${String(from + k).padStart(12, '0')}` },
    }));
    const started = performance.now();
    let next = 0;
    let done = 0;
    let lastReport = started;
    const worker = async (): Promise<void> => {
      while (next < o.entries) {
        const from = next;
        next = Math.min(o.entries, from + callSize);
        const outcomes = await app.trace.append(TENANT, call(from, next));
        const bad = outcomes.find((x) => !x.ok);
        if (bad) throw new Error(`append refused an entry: ${JSON.stringify(bad)}`);
        done += outcomes.length;
        if (o.onProgress && performance.now() - lastReport > 5000) {
          lastReport = performance.now();
          o.onProgress(`  ${done.toLocaleString('en-US')} entries, ${Math.round(done / ((lastReport - started) / 1000)).toLocaleString('en-US')}/s`);
        }
      }
    };
    await Promise.all(Array.from({ length: o.inFlight ?? 2 }, worker));
    const appendSeconds = (performance.now() - started) / 1000;
    o.onProgress?.(`appended ${o.entries.toLocaleString('en-US')} in ${appendSeconds.toFixed(1)} s`);

    const head = await app.trace.latestCheckpoint(TENANT);
    const root = Uint8Array.from(Buffer.from(head.root, 'base64'));
    const prove: number[] = [];
    const verify: number[] = [];
    const consist: number[] = [];
    const samples = o.samples ?? 1000;
    for (let i = 0; i < samples; i++) {
      const index = Math.floor(rng.next() * head.size);
      let t = nowUs();
      const p = await app.trace.inclusionProof(TENANT, index);
      prove.push(nowUs() - t);
      t = nowUs();
      const ok = verifyInclusion(index, head.size, hashLeaf(Buffer.from(p.data, 'utf8')), p.proof.map((h) => Buffer.from(h, 'base64')), root);
      verify.push(nowUs() - t);
      if (!ok) throw new Error(`the inclusion proof of leaf ${index} does not verify`);
      t = nowUs();
      await app.trace.consistencyProof(TENANT, Math.floor(rng.next() * head.size), head.size);
      consist.push(nowUs() - t);
    }
    const reader = openSqlite(join(dir, 'reelpath.sqlite'));
    const [counted] = await reader.query<{ n: number }>('SELECT COUNT(*) AS n FROM trace_checkpoints WHERE tenant = ?', [TENANT]);
    await reader.close();
    let auditSeconds: number | undefined;
    if (o.audit) {
      const a = performance.now();
      const report = await app.trace.audit(TENANT);
      auditSeconds = Math.round((performance.now() - a) / 100) / 10;
      if (!report.ok) throw new Error(`the audit found ${report.findings.length} problems`);
    }
    return {
      entries: o.entries, appendPerSec: Math.round(o.entries / appendSeconds), appendSeconds: Math.round(appendSeconds * 10) / 10, checkpoints: Number(counted?.n ?? 0),
      ...(auditSeconds === undefined ? {} : { auditSeconds }),
      inclusionProofUs: micros(prove), inclusionVerifyUs: micros(verify), consistencyProofUs: micros(consist),
      sqliteMiB: Math.round(fileSize(join(dir, 'reelpath.sqlite')) / 2 ** 20), peakRssMiB: rss.stop(), machine: describeMachine(),
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
