import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport, PublicView } from '../../src/modules/trace/index.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// `reelpath trace` against a real data folder: a batch, entries from flags and from an NDJSON file, the
// batch page, local verification, and the audit — clean (exit 0), then after tampering with one entry's
// text, one stored subtree hash and one byte of a signed note straight in the database (exit 4, each
// named by leaf index or checkpoint size), each restored before the next.
let data = '';
let code = '';
const reelpath = (args: string[], lang = 'en') => runReelpath([...args, '--data', data, '--lang', lang]);
const db = (): Database.Database => new Database(join(data, 'reelpath.sqlite'));

/** Runs `change` on the database, then `check`, then puts the row back as it was. */
async function tampered(select: string, update: string, change: (value: string | Buffer) => string | Buffer, check: () => Promise<void>): Promise<void> {
  const conn = db();
  const original = (conn.prepare(select).get() as { v: string | Buffer }).v;
  conn.prepare(update).run(change(original));
  conn.close();
  try {
    await check();
  } finally {
    const back = db();
    back.prepare(update).run(original);
    back.close();
  }
}

beforeAll(async () => {
  data = makeDataDir('rp-trace-cli-');
  expect((await runReelpath(['tenant', 'create', 'shop', '--data', data])).code).toBe(0);
  const created = await reelpath(['trace', 'batch', '明前龙井 第 3 批', '--product', 'p_tea', '--tenant', 'shop', '--json']);
  expect(created.code).toBe(0);
  code = created.json<{ code: string }>().code;
  const one = await reelpath(['trace', 'append', code, '--tenant', 'shop', '--kind', 'origin', '--body', '{"place":"杭州西湖","producer":"龙井茶合作社"}', '--at', '2026-02-20T06:00:00Z']);
  expect(one.code).toBe(0);
  expect(one.stdout).toContain('1 entries: appended 1, rejected 0; newest checkpoint 1 leaves');
  const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ kind: 'logistics', body: { event: `scan ${i}`, location: '杭州仓' }, at: Date.UTC(2026, 2, 1) + i }));
  const file = join(data, 'entries.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n${JSON.stringify({ kind: 'logistics', body: { event: 'lost' } })}\n`);
  const many = await reelpath(['trace', 'append', code, '--tenant', 'shop', '--file', file]);
  expect(many.code).toBe(4);
  expect(many.stdout).toContain('151 entries: appended 150, rejected 1; newest checkpoint 151 leaves');
  expect(many.stdout).toContain('entry 151: [trace_invalid_entry] body.location: a non-empty string of at most 500 characters');
});
afterAll(() => { removeDataDir(data); });

describe('reelpath trace', () => {
  it('shows a batch page and verifies it locally with the package verifier', async () => {
    const show = await reelpath(['trace', 'show', code], 'zh');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`■ 批次 ${code} · 明前龙井 第 3 批（商品 p_tea）`);
    expect(show.stdout).toContain('检查点：reelpath/shop 共 151 条');
    const view = (await reelpath(['trace', 'show', code, '--json'])).json<PublicView>();
    expect(view.entries).toHaveLength(151);
    const verify = await reelpath(['trace', 'verify', code, '--key', view.key.publicKey]);
    expect([verify.code, verify.stdout.trim()]).toEqual([0, `Verified: the inclusion proofs of 151 entries lead to the signed checkpoint (151 leaves, key reelpath ${view.key.keyId})`]);
    const pinnedWrong = await reelpath(['trace', 'verify', code, '--key', Buffer.alloc(32, 1).toString('base64')]);
    expect(pinnedWrong.code).toBe(4);
    expect(pinnedWrong.stdout).toContain('[trace_invalid_checkpoint] the view is signed by another key than the trusted one');
    const unknown = await reelpath(['trace', 'show', 'tr_zzzzzzzzzzzzzzzz']);
    expect([unknown.code, unknown.stderr]).toEqual([3, expect.stringContaining('[trace_batch_not_found]')]);
  });

  it('audits clean with exit 0', async () => {
    const clean = await reelpath(['trace', 'audit']);
    expect([clean.code, clean.stdout.trim()]).toEqual([0, 'Audit clean: 1 logs, 151 entries and 3 checkpoints all match their signatures']);
    expect((await reelpath(['trace', 'audit', '--json'])).json<AuditReport>()).toMatchObject({ ok: true, findings: [] });
  });

  it('finds an entry whose stored text was changed, by leaf index (exit 4)', async () => {
    await tampered("SELECT data AS v FROM trace_entries WHERE tenant = 'shop' AND idx = 42", "UPDATE trace_entries SET data = ? WHERE tenant = 'shop' AND idx = 42",
      (v) => String(v).replace('杭州仓', '上海仓'), async () => {
        const audit = await reelpath(['trace', 'audit']);
        expect(audit.code).toBe(4);
        expect(audit.stdout).toContain('tenant shop, leaf 42: [trace_entry_tampered] leaf 42: its stored text does not hash to the leaf hash recorded when it was appended');
        const zh = await reelpath(['trace', 'audit'], 'zh');
        expect(zh.stdout).toContain('租户 shop 第 42 号叶子: [trace_entry_tampered] 存储的记录被篡改或缺失（leaf 42:');
        const json = (await reelpath(['trace', 'audit', '--json'])).json<AuditReport>();
        expect(json.findings[0]).toMatchObject({ tenant: 'shop', code: 'trace_entry_tampered', leafIndex: 42 });
        // The batch page of the altered log no longer verifies either.
        expect((await reelpath(['trace', 'verify', code])).code).toBe(4);
      });
    expect((await reelpath(['trace', 'audit'])).code).toBe(0);
  });

  it('finds a changed stored subtree hash, by its first leaf (exit 4)', async () => {
    await tampered("SELECT hash AS v FROM trace_nodes WHERE tenant = 'shop' AND idx = 1", "UPDATE trace_nodes SET hash = ? WHERE tenant = 'shop' AND idx = 1",
      (v) => { const b = Buffer.from(v as Buffer); b[0]! ^= 1; return b; }, async () => {
        const audit = await reelpath(['trace', 'audit', '--json']);
        expect(audit.code).toBe(4);
        expect(audit.json<AuditReport>().findings).toEqual([
          { tenant: 'shop', code: 'trace_tree_mismatch', leafIndex: 64, reason: 'the stored hash of leaves [64, 128) differs from the tree rebuilt from the entries' },
          // The proof 1 → 151 the log would serve goes through that subtree: it no longer verifies.
          { tenant: 'shop', code: 'trace_inconsistent_checkpoints', size: 151, reason: 'the checkpoint of 151 leaves does not extend the one of 1 leaves over the stored tree (the consistency proof the log would serve fails)' },
        ]);
      });
  });

  it('finds a checkpoint whose signed note changed by one byte, by its size (exit 4)', async () => {
    await tampered("SELECT note AS v FROM trace_checkpoints WHERE tenant = 'shop' AND size = 1", "UPDATE trace_checkpoints SET note = ? WHERE tenant = 'shop' AND size = 1",
      (v) => { const s = String(v); const i = s.length - 10; return `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`; }, async () => {
        const audit = await reelpath(['trace', 'audit']);
        expect(audit.code).toBe(4);
        expect(audit.stdout).toContain('tenant shop, checkpoint of size 1: [trace_invalid_checkpoint] checkpoint of 1 leaves: its signed note does not verify');
      });
    expect((await reelpath(['trace', 'audit'])).code).toBe(0);
  });
});
