import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors/index.js';
import { fixedClock } from '../../shared/time.js';
import { openSqlite } from '../../storage/sqlite-db.js';
import type { SqlDb } from '../../storage/sql-db.js';
import { publicKeyFromRaw, verifyCheckpoint } from './domain/checkpoint.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from './domain/merkle.js';
import { verifyPublicView } from './domain/public-view.js';
import { SqlTraceStore } from './store/trace.sql.js';
import { TraceService, type AppendInput } from './trace.service.js';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const OPTIONS = { logName: 'reelpath.test', checkpointEveryMs: 60_000, maxBatch: 7 };

/** Deterministic "random" bytes: SHA-256 of a counter. */
function counterRandom(seed = 0): (n: number) => Uint8Array {
  let i = seed;
  return (n) => Uint8Array.from(createHash('sha256').update(`r${i++}`).digest().subarray(0, n));
}

async function setup(options = OPTIONS, db?: SqlDb) {
  const sql = db ?? openSqlite(':memory:');
  const store = new SqlTraceStore(sql);
  await store.init();
  const clock = fixedClock(T0);
  const trace = new TraceService(store, options, clock, counterRandom());
  return { sql, store, clock, trace };
}

const logistics = (code: string, n: number): AppendInput => ({ code, kind: 'logistics', body: { event: `scan ${n}`, location: '杭州仓' } });
const bytes = (b64: string): Uint8Array => Uint8Array.from(Buffer.from(b64, 'base64'));
const codeOf = (e: unknown): string | undefined => (e instanceof AppError ? e.code : undefined);
async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(() => undefined, codeOf);
}

describe('TraceService: batches and appends', () => {
  it('creates batches with unguessable codes and an empty signed checkpoint; refuses invalid ones', async () => {
    const { trace } = await setup();
    const b = await trace.createBatch('t1', { name: '明前龙井 第 3 批', productId: 'p_tea' });
    expect(b.code).toMatch(/^tr_[a-z2-7]{16}$/);
    expect(await trace.batch('t1', b.code)).toEqual(b);
    expect(await refusal(trace.batch('t2', b.code))).toBe('trace_batch_not_found');
    expect((await trace.latestCheckpoint('t1')).size).toBe(0);
    expect(await refusal(trace.latestCheckpoint('t2'))).toBe('trace_no_checkpoint');
    expect(await refusal(trace.createBatch('t1', { name: ' ' }))).toBe('trace_invalid_batch');
    expect((await trace.batches('t1')).map((x) => x.code)).toEqual([b.code]);
  });

  it('answers per-entry outcomes: invalid entries and unknown codes refused, the rest appended in order', async () => {
    const { trace, store } = await setup();
    const b = await trace.createBatch('t1', { name: 'A' });
    const other = await trace.createBatch('t2', { name: 'B' });
    const out = await trace.append('t1', [
      logistics(b.code, 1), { code: b.code, kind: 'origin', body: { place: 'x' } }, logistics(other.code, 2), logistics('tr_zzzzzzzzzzzzzzzz', 3), logistics(b.code, 4),
    ]);
    expect(out).toEqual([
      { index: 0, ok: true, leafIndex: 0 },
      { index: 1, ok: false, code: 'trace_invalid_entry', reason: 'body.producer: a non-empty string of at most 500 characters' },
      { index: 2, ok: false, code: 'trace_batch_not_found', reason: `no batch ${other.code} for this tenant` },
      { index: 3, ok: false, code: 'trace_batch_not_found', reason: 'no batch tr_zzzzzzzzzzzzzzzz for this tenant' },
      { index: 4, ok: true, leafIndex: 1 },
    ]);
    expect(await store.logSize('t1')).toBe(2);
    expect(await store.logSize('t2')).toBe(0);
    // Nothing valid: nothing written, no new checkpoint.
    expect((await trace.append('t1', [logistics('tr_zzzzzzzzzzzzzzzz', 5)]))[0]).toMatchObject({ ok: false });
    expect((await trace.latestCheckpoint('t1')).size).toBe(2);
  });

  it('signs a checkpoint for every committed batch: every inclusion and consistency proof verifies against every signed checkpoint (fast-check)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), fc.boolean(), async (sizes, together) => {
      const { trace, store } = await setup();
      const b = await trace.createBatch('t1', { name: 'A' });
      let n = 0;
      const calls = sizes.map((k) => Array.from({ length: k }, () => logistics(b.code, n++)));
      const outcomes = together ? await Promise.all(calls.map((c) => trace.append('t1', c))) : await calls.reduce(async (acc, c) => [...(await acc), await trace.append('t1', c)], Promise.resolve([] as Awaited<ReturnType<TraceService['append']>>[]));
      const indexes = outcomes.flat().map((o) => (o.ok ? o.leafIndex : -1));
      expect([...indexes].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      const key = await trace.publicKey();
      const pub = publicKeyFromRaw(bytes(key.publicKey));
      const checkpoints = await store.checkpoints('t1', 0, Number.MAX_SAFE_INTEGER);
      expect(checkpoints.at(-1)!.size).toBe(n);
      const leaves = (await store.entries('t1', 0, n)).map((e) => hashLeaf(Buffer.from(e.data)));
      for (const cp of checkpoints) {
        const v = verifyCheckpoint(cp.note, key.name, pub, 'reelpath.test/t1');
        expect(v.ok && v.checkpoint.size).toBe(cp.size);
        for (const i of new Set([0, cp.size - 1, Math.floor(cp.size / 2)].filter((x) => x >= 0 && x < cp.size))) {
          const p = await trace.inclusionProof('t1', i, cp.size);
          expect(verifyInclusion(i, cp.size, leaves[i]!, p.proof.map(bytes), cp.root)).toBe(true);
        }
      }
      for (const a of checkpoints) {
        for (const c of checkpoints.filter((x) => x.size >= a.size)) {
          const p = await trace.consistencyProof('t1', a.size, c.size);
          expect(verifyConsistency(a.size, c.size, a.root, c.root, p.proof.map(bytes)), `${a.size}→${c.size}`).toBe(true);
        }
      }
      await trace.close();
    }), { numRuns: 12 });
  });

  it('refuses proofs beyond the signed tree with trace_proof_out_of_range', async () => {
    const { trace } = await setup();
    expect(await refusal(trace.inclusionProof('t1', 0))).toBe('trace_no_checkpoint');
    const b = await trace.createBatch('t1', { name: 'A' });
    await trace.append('t1', Array.from({ length: 5 }, (_, i) => logistics(b.code, i)));
    for (const p of [trace.inclusionProof('t1', 5), trace.inclusionProof('t1', 2, 6), trace.inclusionProof('t1', -1), trace.inclusionProof('t1', 1.5), trace.inclusionProof('t1', 3, 3),
      trace.consistencyProof('t1', 2, 6), trace.consistencyProof('t1', 4, 3), trace.consistencyProof('t1', -1, 3)]) {
      expect(await refusal(p)).toBe('trace_proof_out_of_range');
    }
    expect((await trace.inclusionProof('t1', 4)).size).toBe(5);
    expect((await trace.consistencyProof('t1', 0, 5)).proof).toEqual([]);
  });

  it('serves a public view the verifier accepts, and the verifier rejects altered ones', async () => {
    const { trace } = await setup();
    const b = await trace.createBatch('t1', { name: '龙井', productId: 'p_tea' });
    const other = await trace.createBatch('t1', { name: 'other' });
    await trace.append('t1', [{ code: b.code, kind: 'origin', body: { place: '杭州', producer: '合作社' } }, ...Array.from({ length: 80 }, (_, i) => logistics(i % 3 ? other.code : b.code, i))]);
    const view = await trace.publicView(b.code);
    expect(view).toMatchObject({ code: b.code, batch: { name: '龙井', productId: 'p_tea', createdAt: '2026-03-01T08:00:00.000Z' }, logOrigin: 'reelpath.test/t1', checkpoint: { size: 81 } });
    expect(view.entries.map((e) => e.index)).toEqual([0, ...Array.from({ length: 27 }, (_, i) => 1 + 3 * i)]);
    expect(verifyPublicView(view)).toEqual({ ok: true, size: 81, entries: 28, problems: [] });
    expect(verifyPublicView(view, { name: view.key.name, publicKey: view.key.publicKey }).ok).toBe(true);
    const entry = view.entries[3]!;
    const altered = [
      { ...view, entries: view.entries.map((e) => (e === entry ? { ...e, data: e.data.replace('scan', 'SCAN') } : e)) },
      { ...view, entries: view.entries.map((e) => (e === entry ? { ...e, index: e.index + 1 } : e)) },
      { ...view, entries: view.entries.map((e) => (e === entry ? { ...e, proof: e.proof.slice(1) } : e)) },
      { ...view, checkpoint: { ...view.checkpoint, note: view.checkpoint.note.replace('\n81\n', '\n82\n') } },
      { ...view, checkpoint: { ...view.checkpoint, size: 80 } },
      { ...view, key: { ...view.key, keyId: 'AAAAAA==' } },
      { ...view, logOrigin: 'reelpath.test/t2' },
      { ...view, code: other.code },
    ];
    for (const v of altered) expect(verifyPublicView(v).ok).toBe(false);
    expect(verifyPublicView(altered[0]!).problems).toEqual([{ code: 'trace_invalid_proof', index: entry.index, reason: `the inclusion proof of leaf ${entry.index} does not lead to the signed root of 81 leaves` }]);
    expect(verifyPublicView(view, { name: view.key.name, publicKey: Buffer.alloc(32).toString('base64') }).problems[0]?.code).toBe('trace_invalid_checkpoint');
    expect(await refusal(trace.publicView('tr_zzzzzzzzzzzzzzzz'))).toBe('trace_batch_not_found');
    expect(await refusal(trace.publicView('not a code'))).toBe('trace_batch_not_found');
  });
});

describe('TraceService: one process owns a log', () => {
  it('refuses a second writer\'s stale append with trace_log_conflict and recovers by reloading', async () => {
    const { sql, trace: a } = await setup();
    const { trace: b } = await setup(OPTIONS, sql);
    const batch = await a.createBatch('t1', { name: 'A' });
    await a.append('t1', [logistics(batch.code, 0)]);
    await b.append('t1', [logistics(batch.code, 1)]); // b loads the log now: fine
    expect(await refusal(a.append('t1', [logistics(batch.code, 2)]))).toBe('trace_log_conflict');
    expect(await a.append('t1', [logistics(batch.code, 3)])).toEqual([{ index: 0, ok: true, leafIndex: 2 }]);
    expect((await a.audit('t1')).ok).toBe(true);
  });

  it('signs a log that grew without a checkpoint when the timer starts and on its ticks', async () => {
    const { store, trace } = await setup();
    const b = await trace.createBatch('t1', { name: 'A' });
    await trace.append('t1', [logistics(b.code, 0)]);
    await trace.close();
    // Another process wrote two entries and stopped before signing (simulated straight in the store).
    const prior = await store.entries('t1', 0, 1);
    await store.appendLog([{ tenant: 't1', entries: [1, 2].map((idx) => ({ ...prior[0]!, idx, prev: idx - 1 })), nodes: [], heads: [{ code: b.code, lastIdx: 2 }] }]);
    const next = new TraceService(store, { ...OPTIONS, checkpointEveryMs: 20 }, fixedClock(T0), counterRandom(9));
    const onError = vi.fn();
    next.start(onError);
    await vi.waitFor(async () => expect((await store.latestCheckpoint('t1'))?.size).toBe(3));
    await next.close();
    expect(onError).not.toHaveBeenCalled();
  });
});
