import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/time.js';
import { openSqlite } from '../../storage/sqlite-db.js';
import { hashLeaf } from './domain/merkle.js';
import { SqlTraceStore } from './store/trace.sql.js';
import { TraceService } from './trace.service.js';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);

/** A log of 200 entries in batches of 50 (checkpoints 0, 50, 100, 150, 200) for tenant t1, 10 for t2. */
async function loggedWorld() {
  const sql = openSqlite(':memory:');
  const store = new SqlTraceStore(sql);
  await store.init();
  let r = 0;
  const trace = new TraceService(store, { logName: 'reelpath.test', checkpointEveryMs: 60_000, maxBatch: 50 }, fixedClock(T0), (n) => new Uint8Array(n).fill(++r));
  const b = await trace.createBatch('t1', { name: 'A' });
  const c = await trace.createBatch('t2', { name: 'B' });
  for (let k = 0; k < 4; k++) await trace.append('t1', Array.from({ length: 50 }, (_, i) => ({ code: b.code, kind: 'logistics', body: { event: `scan ${k * 50 + i}`, location: '杭州仓' } })));
  await trace.append('t2', Array.from({ length: 10 }, (_, i) => ({ code: c.code, kind: 'logistics', body: { event: `scan ${i}`, location: '广州仓' } })));
  // The audit works from the store alone: a fresh service (another process) runs it.
  const auditor = new TraceService(store, { logName: 'reelpath.test', checkpointEveryMs: 60_000, maxBatch: 50 }, fixedClock(T0), () => new Uint8Array(0));
  return { sql, store, trace, auditor };
}

describe('audit', () => {
  it('finds nothing wrong with an untouched log', async () => {
    const { auditor } = await loggedWorld();
    expect(await auditor.audit()).toEqual({
      ok: true, truncated: false, findings: [],
      logs: [{ tenant: 't1', size: 200, checkpoints: 5 }, { tenant: 't2', size: 10, checkpoints: 2 }],
    });
  });

  it('names the leaf whose stored text was changed, and the subtree and checkpoints the rebuilt tree no longer matches', async () => {
    const { sql, auditor } = await loggedWorld();
    await sql.run("UPDATE trace_entries SET data = replace(data, 'scan 70', 'scan 71') WHERE tenant = 't1' AND idx = 70");
    const report = await auditor.audit();
    expect(report.ok).toBe(false);
    expect(report.findings.map((x) => [x.tenant, x.code, x.leafIndex ?? x.size])).toEqual([
      ['t1', 'trace_entry_tampered', 70], ['t1', 'trace_tree_mismatch', 100], ['t1', 'trace_tree_mismatch', 64], ['t1', 'trace_tree_mismatch', 150], ['t1', 'trace_tree_mismatch', 200],
    ]);
    expect(report.findings[0]!.reason).toBe('leaf 70: its stored text does not hash to the leaf hash recorded when it was appended');
    expect(report.findings[2]!.reason).toBe('the stored hash of leaves [64, 128) differs from the tree rebuilt from the entries');
    expect(report.findings[1]!.reason).toBe('the checkpoint of 100 leaves has a root other than the tree rebuilt from the stored entries');
  });

  it('still finds a text changed together with its leaf hash: the rebuilt tree no longer matches the stored subtree or the signed roots', async () => {
    const { sql, auditor } = await loggedWorld();
    const [row] = await sql.query<{ data: string }>("SELECT data FROM trace_entries WHERE tenant = 't1' AND idx = 70");
    const forged = row!.data.replace('scan 70', 'scan 71');
    await sql.run("UPDATE trace_entries SET data = ?, leaf_hash = ? WHERE tenant = 't1' AND idx = 70", [forged, hashLeaf(Buffer.from(forged))]);
    const f = (await auditor.audit('t1')).findings;
    expect(f.filter((x) => x.code === 'trace_tree_mismatch').map((x) => x.leafIndex ?? x.size)).toEqual([100, 64, 150, 200]);
    expect(f).toHaveLength(4);
  });

  it('names a changed stored subtree hash by its first leaf', async () => {
    const { sql, auditor } = await loggedWorld();
    await sql.run("UPDATE trace_nodes SET hash = ? WHERE tenant = 't1' AND idx = 2", [new Uint8Array(32)]);
    expect((await auditor.audit()).findings).toEqual([{ tenant: 't1', code: 'trace_tree_mismatch', leafIndex: 128, reason: 'the stored hash of leaves [128, 192) differs from the tree rebuilt from the entries' }]);
  });

  it('names a broken link between a batch\'s entries (what its page is found by) and a stored chunk tree altered beside its subtree', async () => {
    const { sql, auditor } = await loggedWorld();
    await sql.run("UPDATE trace_entries SET prev = 10 WHERE tenant = 't1' AND idx = 120");
    await sql.run("UPDATE trace_batch_heads SET last_idx = 198 WHERE tenant = 't1'");
    expect((await auditor.audit('t1')).findings.map((f) => [f.code, f.leafIndex])).toEqual([['trace_log_damaged', 120], ['trace_log_damaged', 199]]);
    const fresh = await loggedWorld();
    const [row] = await fresh.sql.query<{ tree: Uint8Array }>("SELECT tree FROM trace_nodes WHERE tenant = 't1' AND idx = 0");
    const tree = Buffer.from(row!.tree);
    const at = 124 * 32 + 5; // a byte of the stored head of leaves [0, 32) (the 125th hash of the chunk tree)
    tree[at] = tree[at]! ^ 1;
    await fresh.sql.run("UPDATE trace_nodes SET tree = ? WHERE tenant = 't1' AND idx = 0", [tree]);
    // Proofs are made from the stored chunk trees: the consistency proof 50 → 100 the log would serve fails too.
    expect((await fresh.auditor.audit('t1')).findings.map((f) => [f.code, f.leafIndex ?? f.size])).toEqual([['trace_tree_mismatch', 0], ['trace_inconsistent_checkpoints', 100]]);
  });

  it('names a checkpoint whose signed note lost or changed one byte, by its size', async () => {
    const { sql, auditor } = await loggedWorld();
    const [row] = await sql.query<{ note: string }>("SELECT note FROM trace_checkpoints WHERE tenant = 't1' AND size = 150");
    const note = row!.note;
    const at = note.lastIndexOf(' ') + 20; // a byte of the signature (the first 6 characters hold the key id)
    await sql.run("UPDATE trace_checkpoints SET note = ? WHERE tenant = 't1' AND size = 150", [`${note.slice(0, at)}${note[at] === 'A' ? 'B' : 'A'}${note.slice(at + 1)}`]);
    expect((await auditor.audit()).findings).toEqual([{ tenant: 't1', code: 'trace_invalid_checkpoint', size: 150, reason: 'checkpoint of 150 leaves: its signed note does not verify (bad_signature)' }]);
    await sql.run("UPDATE trace_checkpoints SET note = ? WHERE tenant = 't1' AND size = 150", [note.replace('reelpath.test/t1', 'reelpath.test/t2')]);
    expect((await auditor.audit()).findings.map((x) => [x.code, x.size])).toEqual([['trace_invalid_checkpoint', 150]]);
  });

  it('names missing leaves and checkpoints beyond the log', async () => {
    const { sql, auditor } = await loggedWorld();
    await sql.run("DELETE FROM trace_entries WHERE tenant = 't1' AND idx = 120");
    expect((await auditor.audit('t1')).findings[0]).toEqual({ tenant: 't1', code: 'trace_entry_tampered', leafIndex: 120, reason: 'leaf 120 is missing: the log must hold every index below 200' });
    await sql.run("DELETE FROM trace_entries WHERE tenant = 't2' AND idx = 9");
    expect((await auditor.audit('t2')).findings.map((f) => [f.code, f.leafIndex ?? f.size, f.reason])).toEqual([
      ['trace_tree_mismatch', 10, 'a checkpoint of 10 leaves is stored but the log holds 9'],
      ['trace_log_damaged', 8, expect.stringMatching(/^batch tr_\w+ is recorded as ending at leaf 9, not 8: its page would miss entries$/)],
    ]);
  });
});
