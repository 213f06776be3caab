import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import type { TraceBatch } from '../domain/batch.js';
import { hashLeaf } from '../domain/merkle.js';
import type { LogWrite, StoredEntry } from '../trace.store.js';
import { SqlTraceStore } from './trace.sql.js';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const batch = (code: string, tenant = 't1', over: Partial<TraceBatch> = {}): TraceBatch => ({ tenant, code, productId: 'p_tea', name: `batch ${code}`, createdAt: T0, ...over });
const A = 'tr_aaaaaaaaaaaaaaaa';
const B = 'tr_bbbbbbbbbbbbbbbb';
/** Entry `idx` of the test logs: odd indexes belong to batch B, even ones to A (each linked to its batch's previous entry). */
const entry = (idx: number): StoredEntry => {
  const code = idx % 2 === 1 ? B : A;
  const data = `{"at":"2026-03-01T08:00:00.000Z","body":{"n":${idx}},"code":"${code}","kind":"logistics","v":1}`;
  return { idx, code, kind: 'logistics', data, leafHash: new Uint8Array(hashLeaf(Buffer.from(data))), at: T0 + idx, prev: idx >= 2 ? idx - 2 : null };
};
const headsOf = (to: number) => [{ code: A, lastIdx: to % 2 === 0 ? to - 2 : to - 1 }, { code: B, lastIdx: to % 2 === 0 ? to - 1 : to - 2 }].filter((h) => h.lastIdx >= 0);
/** Stores answer plain Uint8Arrays (hashLeaf answers a Buffer). */
const hash = (s: string): Uint8Array => new Uint8Array(hashLeaf(Buffer.from(s)));
const write = (tenant: string, from: number, to: number, extra: Partial<LogWrite> = {}): LogWrite => ({
  tenant, entries: Array.from({ length: to - from }, (_, i) => entry(from + i)), nodes: [], heads: headsOf(to), checkpoint: { size: to, root: hash(`root ${to}`), note: `note ${to}\n`, at: T0 + to }, ...extra,
});

for (const engine of await sqlEngines('trace')) {
  describe(`TraceStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlTraceStore> => { const s = new SqlTraceStore(await engine.fresh()); await s.init(); return s; };

    it('keeps batch codes unique across tenants and lists a tenant\'s batches newest first', async () => {
      const s = await open();
      await s.init();
      expect(await s.insertBatch(batch('tr_aaaaaaaaaaaaaaaa'))).toBe(true);
      expect(await s.insertBatch(batch('tr_bbbbbbbbbbbbbbbb', 't1', { productId: null, createdAt: T0 + 1 }))).toBe(true);
      expect(await s.insertBatch(batch('tr_aaaaaaaaaaaaaaaa', 't2'))).toBe(false);
      expect(await s.insertBatch(batch('tr_cccccccccccccccc', 't2'))).toBe(true);
      expect(await s.batch('tr_bbbbbbbbbbbbbbbb')).toEqual(batch('tr_bbbbbbbbbbbbbbbb', 't1', { productId: null, createdAt: T0 + 1 }));
      expect(await s.batch('tr_dddddddddddddddd')).toBeUndefined();
      expect((await s.batches('t1', 10)).map((b) => b.code)).toEqual(['tr_bbbbbbbbbbbbbbbb', 'tr_aaaaaaaaaaaaaaaa']);
      expect(await s.knownCodes('t1', ['tr_aaaaaaaaaaaaaaaa', 'tr_cccccccccccccccc', 'tr_zzzzzzzzzzzzzzzz'])).toEqual(new Set(['tr_aaaaaaaaaaaaaaaa']));
      expect(await s.logTenants()).toEqual(['t1', 't2']);
    });

    it('appends entries, subtree hashes and checkpoints in one transaction and reads them back in order', async () => {
      const s = await open();
      expect(await s.logSize('t1')).toBe(0);
      expect(await s.latestCheckpoint('t1')).toBeUndefined();
      const hashes = Array.from({ length: 126 }, (_, i) => hash(`tree ${i}`));
      const nodes = [{ level: 6, idx: 0, hash: hash('node 0'), tree: new Uint8Array(Buffer.concat(hashes)) }];
      expect(await s.appendLog([write('t1', 0, 70, { nodes }), write('t2', 0, 3)])).toBe(true);
      expect(await s.appendLog([write('t1', 70, 75)])).toBe(true);
      expect(await s.logSize('t1')).toBe(75);
      expect(await s.logSize('t2')).toBe(3);
      expect(await s.leafHashes('t1', 64, 67)).toEqual([entry(64).leafHash, entry(65).leafHash, entry(66).leafHash]);
      expect(await s.entries('t1', 73, 80)).toEqual([entry(73), entry(74)]);
      expect(await s.nodes('t1', 6, 0, 10)).toEqual([{ level: 6, idx: 0, hash: hash('node 0') }]);
      expect(await s.nodes('t1', 6, 1, 10)).toEqual([]);
      expect(await s.chunks('t1', 6, 0, 10)).toEqual(nodes);
      expect((await s.chunkTree('t1', 6, 0))?.map((h) => Buffer.from(h).toString('hex'))).toEqual(hashes.map((h) => Buffer.from(h).toString('hex')));
      expect(await s.chunkTree('t1', 6, 1)).toBeUndefined();
      // A batch's entries, followed back from its newest along `prev`, answered in log order.
      expect((await s.entriesOfBatch('t1', B)).map((e) => e.idx)).toEqual(Array.from({ length: 37 }, (_, i) => 2 * i + 1));
      expect((await s.entriesOfBatch('t1', A)).slice(0, 2)).toEqual([{ idx: 0, kind: 'logistics', data: entry(0).data }, { idx: 2, kind: 'logistics', data: entry(2).data }]);
      expect(await s.entriesOfBatch('t2', 'tr_zzzzzzzzzzzzzzzz')).toEqual([]);
      expect(await s.entriesOfBatch('t2', A)).toHaveLength(2);
      expect(await s.batchHeads('t1', [A, B, 'tr_zzzzzzzzzzzzzzzz'])).toEqual(new Map([[A, 74], [B, 73]]));
      expect(await s.batchHeads('t2', [A, B])).toEqual(new Map([[A, 2], [B, 1]]));
      expect(await s.latestCheckpoint('t1')).toEqual({ size: 75, root: hash('root 75'), note: 'note 75\n', at: T0 + 75 });
      expect((await s.checkpoints('t1', 0, 100)).map((c) => c.size)).toEqual([70, 75]);
      expect((await s.checkpoints('t1', 71, 100)).map((c) => c.size)).toEqual([75]);
      expect(await s.logTenants()).toEqual(['t1', 't2']);
    });

    it('writes nothing of a transaction whose leaf index or checkpoint size is taken (a second writer)', async () => {
      const s = await open();
      expect(await s.appendLog([write('t1', 0, 10)])).toBe(true);
      // t2's part is fine, t1's overlaps: neither is written.
      expect(await s.appendLog([write('t2', 0, 5), write('t1', 9, 12)])).toBe(false);
      expect(await s.logSize('t1')).toBe(10);
      expect(await s.logSize('t2')).toBe(0);
      expect(await s.latestCheckpoint('t2')).toBeUndefined();
      // A checkpoint size taken alone also refuses the write.
      expect(await s.appendLog([{ tenant: 't1', entries: [], nodes: [], heads: [], checkpoint: { size: 10, root: hash('other'), note: 'x\n', at: T0 } }])).toBe(false);
      expect((await s.latestCheckpoint('t1'))?.note).toBe('note 10\n');
      // A checkpoint alone (no entries) is a valid write.
      expect(await s.appendLog([{ tenant: 't3', entries: [], nodes: [], heads: [], checkpoint: { size: 0, root: hash(''), note: 'empty\n', at: T0 } }])).toBe(true);
      expect((await s.latestCheckpoint('t3'))?.size).toBe(0);
    });

    it('stores one signing key per name, first writer wins', async () => {
      const s = await open();
      expect(await s.signingKey('reelpath')).toBeUndefined();
      const key = { name: 'reelpath', privateKeyPem: '-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n', publicKey: new Uint8Array(32).fill(7), createdAt: T0 };
      expect(await s.insertSigningKey(key)).toBe(true);
      expect(await s.insertSigningKey({ ...key, privateKeyPem: 'other', createdAt: T0 + 1 })).toBe(false);
      expect(await s.signingKey('reelpath')).toEqual(key);
    });
  });
}
