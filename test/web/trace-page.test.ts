import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyIdOf as serverKeyId, parseCheckpoint, signCheckpoint, verifyCheckpoint } from '../../src/modules/trace/domain/checkpoint.js';
import { ENTRY_KINDS, leafTextOf, type EntryKind } from '../../src/modules/trace/domain/entry.js';
import { hashLeaf, inclusionProof, treeHead } from '../../src/modules/trace/domain/merkle.js';
import {
  decodeBase64, keyIdOf, leafHash, parseSignedNote, verifyCheckpointNote, verifyEntry, verifyInclusion, verifyTrace,
  type SignedCheckpoint, type TraceDocument,
} from '../../src/web/trace/verify.js';
import { bodyFields, codeFromPath, pickLang, qrPath } from '../../src/web/trace/trace-format.js';
import { TRACE_EN, TRACE_ZH } from '../../src/web/trace/trace-messages.js';

// The buyer page's verifier (src/web/trace/verify.ts, @noble) against the server's own trace domain
// (src/modules/trace/domain/, node:crypto): two implementations written apart. Fixtures are built the way
// the server builds them — canonical entry JSON, RFC 9162 tree, signed C2SP checkpoint — and the browser
// code must accept every one of them and reject every one-bit change of what it checks.

const ORIGIN = 'reelpath.test/t1';
const KEY_NAME = 'reelpath.test/t1-log';
const main = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const rawKey = (k: KeyObject): Uint8Array => Uint8Array.from(Buffer.from(String(k.export({ format: 'jwk' }).x), 'base64url'));

/** JSON with object keys sorted at every level (for leaves written by hand below). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const BODIES: Record<EntryKind, Record<string, unknown>> = {
  origin: { place: '浙江省杭州市西湖区龙井村', producer: '狮峰茶农合作社', harvestedAt: Date.UTC(2026, 3, 2) },
  inspection: { lab: 'SGS 上海', reportNo: 'SH-2026-0412', result: 'pass', items: ['农残', '重金属'] },
  certification: { name: '有机产品认证', issuer: '中国质量认证中心', number: 'CQC-ORG-17', validUntil: Date.UTC(2027, 3, 1) },
  logistics: { event: '已揽收', location: '杭州转运中心', carrier: '顺丰', route: { from: '杭州', to: '上海' } },
  consent_receipt: { receiptId: 'rcpt_0001', purpose: 'marketing', decision: 'granted' },
  allocation_policy: { version: 3, digest: 'ab'.repeat(32) },
};

/** A log entry's leaf text for batch `code`, written by the server's own function. */
function entryData(code: string, i: number): string {
  const kind = ENTRY_KINDS[i % ENTRY_KINDS.length]!;
  return leafTextOf({ at: Date.UTC(2026, 3, 1) + i * 3_600_000, body: BODIES[kind], code, kind });
}

interface Fixture { doc: TraceDocument; leaves: Uint8Array[]; data: string[] }

/**
 * A log of `size` entries (`ours` belong to batch TR-1, the rest to TR-other), checkpointed and signed
 * with the server's functions; the document serves `ours` with their proofs.
 */
function fixture(size: number, ours: readonly number[], opts: { origin?: string; signer?: KeyObject; keyName?: string; data?: (i: number) => string | undefined } = {}): Fixture {
  const mine = new Set(ours);
  const data = Array.from({ length: size }, (_, i) => opts.data?.(i) ?? entryData(mine.has(i) ? 'TR-1' : 'TR-other', i));
  const leaves = data.map((d) => hashLeaf(enc(d)));
  const cp = { origin: opts.origin ?? ORIGIN, size, root: treeHead(leaves) };
  const note = signCheckpoint(cp, opts.keyName ?? KEY_NAME, opts.signer ?? main.privateKey);
  const doc: TraceDocument = {
    code: 'TR-1',
    batch: { name: '明前龙井 2026 春', productId: 'p_tea', createdAt: Date.UTC(2026, 3, 1) },
    logOrigin: ORIGIN,
    entries: [...mine].sort((a, b) => a - b).map((i) => ({ index: i, data: data[i]!, proof: inclusionProof(leaves, i).map(b64) })),
    checkpoint: { note, size, root: b64(cp.root) },
    key: { name: KEY_NAME, publicKey: b64(rawKey(main.publicKey)), keyId: b64(serverKeyId(KEY_NAME, main.publicKey)) },
  };
  return { doc, leaves, data };
}

/** Every one-bit change of `bytes`. */
function* flips(bytes: Uint8Array): Generator<Uint8Array> {
  for (let bit = 0; bit < bytes.length * 8; bit++) {
    const altered = Uint8Array.from(bytes);
    altered[bit >> 3]! ^= 1 << (bit & 7);
    yield altered;
  }
}

/** Every one-bit change of a string's UTF-8 bytes, decoded back (invalid sequences become U+FFFD). */
function* textFlips(text: string): Generator<string> {
  const decoder = new TextDecoder();
  for (const altered of flips(enc(text))) yield decoder.decode(altered);
}

const withEntry = (doc: TraceDocument, i: number, change: Partial<TraceDocument['entries'][number]>): TraceDocument =>
  ({ ...doc, entries: doc.entries.map((e, j) => (j === i ? { ...e, ...change } : e)) });

function signedCheckpoint(doc: TraceDocument): SignedCheckpoint {
  const v = verifyCheckpointNote(doc);
  if (!v.ok) throw new Error(`fixture checkpoint refused: ${v.reason}`);
  return v.checkpoint;
}

describe('browser verifier accepts what the server builds', () => {
  it('agrees with the server on leaf hashes, key ids and checkpoint text', () => {
    const { doc, data } = fixture(7, [0, 3, 6]);
    for (const d of data) expect(leafHash(d)).toEqual(Uint8Array.from(hashLeaf(enc(d))));
    expect(keyIdOf(KEY_NAME, rawKey(main.publicKey))).toEqual(Uint8Array.from(serverKeyId(KEY_NAME, main.publicKey)));
    const note = parseSignedNote(doc.checkpoint.note);
    expect(note).not.toBeNull();
    expect(parseCheckpoint(note!.text)).toEqual({ ...note!.checkpoint, root: Uint8Array.from(note!.checkpoint.root) });
    expect(note!.signatures).toHaveLength(1);
    expect(verifyTrace(doc)).toMatchObject({ verified: true, reason: 'ok', checkpoint: { origin: ORIGIN, size: 7 } });
  });

  it('verifies the published RFC 6962 inclusion proofs (a third, independent reference)', () => {
    const v = JSON.parse(readFileSync(new URL('../cases/rfc6962-merkle.json', import.meta.url), 'utf8')) as {
      leaves: string[]; roots: string[]; inclusion: { index: number; size: number; proof: string[] }[];
    };
    const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
    for (const p of v.inclusion) {
      const leaf = hashLeaf(hex(v.leaves[p.index]!));
      expect(verifyInclusion(p.index, p.size, leaf, p.proof.map(hex), hex(v.roots[p.size - 1]!)), `${p.index}/${p.size}`).toBe(true);
    }
  });

  it('verifies every leaf of every tree of 1–70 entries', () => {
    for (let size = 1; size <= 70; size++) {
      const leaves = Array.from({ length: size }, (_, i) => hashLeaf(enc(entryData('TR-1', i))));
      const root = treeHead(leaves);
      for (let i = 0; i < size; i++) expect(verifyInclusion(i, size, leaves[i]!, inclusionProof(leaves, i), root), `${i}/${size}`).toBe(true);
    }
  });

  it('verifies whole documents for random tree sizes and batches (fast-check)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 700 }).chain((size) => fc.tuple(fc.constant(size), fc.uniqueArray(fc.nat(size - 1), { minLength: 1, maxLength: 6 }))),
      ([size, ours]) => {
        const verdict = verifyTrace(fixture(size, ours).doc);
        expect(verdict.reason).toBe('ok');
        expect(verdict.entries.map((e) => e.ok)).toEqual(ours.map(() => true));
      },
    ), { numRuns: 60 });
  });

  it('shows exactly what it hashed: the entries parsed from `data`', () => {
    const { doc, data } = fixture(5, [1, 4]);
    const verdict = verifyTrace(doc);
    const parsed = [1, 4].map((i) => JSON.parse(data[i]!) as { at: string });
    expect(verdict.entries.map((e) => e.data)).toEqual(parsed.map((p) => ({ ...p, at: Date.parse(p.at) })));
    expect(verdict.entries.map((e) => e.data?.kind)).toEqual(['inspection', 'consent_receipt']);
  });

  it('reads `at` as ISO-8601 UTC (the server’s leaves) or as epoch ms', () => {
    const ms = canonical({ at: Date.UTC(2026, 3, 1, 8), body: { place: '杭州', producer: '茶农' }, code: 'TR-1', kind: 'origin', v: 1 });
    const { doc } = fixture(3, [1], { data: (i) => (i === 1 ? ms : undefined) });
    expect(verifyTrace(doc)).toMatchObject({ verified: true, entries: [{ ok: true, data: { at: Date.UTC(2026, 3, 1, 8), kind: 'origin' } }] });
  });

  it('refuses leaf texts that are genuinely logged but not canonical (what is shown must be what was hashed)', () => {
    const good = entryData('TR-1', 1);
    const variants = [
      good.replace('"body":{', '"body":{"lab":"假的实验室",'), // a duplicated key: JSON.parse keeps the last
      good.replace('{"at"', '{ "at"'),
      `{"v":1,${good.slice(1, -7)}}`, // keys out of order
      good.replace(/"at":"[^"]+"/, '"at":"2026-04-01 09:00"'),
      good.replace('"v":1', '"v":2'),
    ];
    for (const bad of variants) {
      const { doc } = fixture(3, [1], { data: (i) => (i === 1 ? bad : undefined) });
      expect(verifyTrace(doc), bad).toMatchObject({ verified: false, reason: 'malformed' });
    }
  });
});

describe('browser verifier rejects every change (mutation tests)', () => {
  const { doc, leaves, data } = fixture(13, [2, 7, 12]);
  const checkpoint = signedCheckpoint(doc);

  it('every one-bit flip of every proof element', () => {
    let tried = 0;
    doc.entries.forEach((entry, i) => {
      entry.proof.forEach((element, j) => {
        for (const altered of flips(decodeBase64(element)!)) {
          const proof = entry.proof.map((p, k) => (k === j ? b64(altered) : p));
          expect(verifyEntry({ ...entry, proof }, doc.code, checkpoint).reason).toBe('proof_invalid');
          tried++;
        }
      });
      // And through the whole page's verdict, for one flip per element.
      expect(verifyTrace(withEntry(doc, i, { proof: entry.proof.map((p, k) => (k === 0 ? b64(flips(decodeBase64(p)!).next().value!) : p)) })))
        .toMatchObject({ verified: false, reason: 'proof_invalid' });
    });
    expect(tried).toBeGreaterThan(3 * 3 * 256);
  });

  it('every one-bit flip of the root, served or proved against', () => {
    const entry = doc.entries[1]!;
    const proof = entry.proof.map((p) => decodeBase64(p)!);
    for (const root of flips(checkpoint.root)) {
      expect(verifyInclusion(entry.index, 13, leaves[entry.index]!, proof, root)).toBe(false);
      expect(verifyEntry(entry, doc.code, { ...checkpoint, root }).ok).toBe(false);
      expect(verifyTrace({ ...doc, checkpoint: { ...doc.checkpoint, root: b64(root) } }).reason).toBe('root_mismatch');
    }
  });

  it('every one-bit flip of every byte of every entry’s data', () => {
    let tried = 0;
    for (const entry of doc.entries) {
      for (const data of textFlips(entry.data)) {
        expect(verifyEntry({ ...entry, data }, doc.code, checkpoint).ok).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(doc.entries.reduce((n, e) => n + enc(e.data).length * 8, 0));
    expect(verifyTrace(withEntry(doc, 0, { data: doc.entries[0]!.data.replace('"body":{', '"body":{"forged":true,') }))).toMatchObject({ verified: false, reason: 'proof_invalid' });
  });

  it('every one-bit flip of the signed note (text, signature lines and all)', () => {
    const accepted: string[] = [];
    for (const note of textFlips(doc.checkpoint.note)) {
      if (verifyCheckpointNote({ ...doc, checkpoint: { ...doc.checkpoint, note } }).ok) accepted.push(note);
    }
    expect(accepted).toEqual([]);
  });

  it('every one-bit flip of the signature blob (key id ‖ Ed25519 signature), re-encoded canonically', () => {
    const line = doc.checkpoint.note.split('\n').at(-2)!;
    const blob = decodeBase64(line.split(' ')[2]!)!;
    expect(blob).toHaveLength(68);
    const reasons = new Set<string>();
    for (const altered of flips(blob)) {
      const note = doc.checkpoint.note.replace(line, `\u2014 ${KEY_NAME} ${b64(altered)}`);
      const v = verifyCheckpointNote({ ...doc, checkpoint: { ...doc.checkpoint, note } });
      expect(v.ok).toBe(false);
      if (!v.ok) reasons.add(v.reason);
    }
    // Flips in the key id make the line someone else's; flips in the signature make it a bad one.
    expect([...reasons].sort()).toEqual(['bad_signature', 'unknown_key']);
  });

  it('a wrong index, a proof with an element added or removed', () => {
    const entry = doc.entries[1]!;
    for (const index of [entry.index - 1, entry.index + 1, 13, 14, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(verifyEntry({ ...entry, index }, doc.code, checkpoint).ok, String(index)).toBe(false);
    }
    const extra = b64(new Uint8Array(32).fill(7));
    for (let at = 0; at <= entry.proof.length; at++) {
      expect(verifyEntry({ ...entry, proof: [...entry.proof.slice(0, at), extra, ...entry.proof.slice(at)] }, doc.code, checkpoint).ok).toBe(false);
    }
    for (let at = 0; at < entry.proof.length; at++) {
      expect(verifyEntry({ ...entry, proof: entry.proof.filter((_, k) => k !== at) }, doc.code, checkpoint).ok).toBe(false);
    }
    expect(verifyEntry({ ...entry, proof: [...entry.proof].reverse() }, doc.code, checkpoint).ok).toBe(false);
    expect(verifyEntry({ ...entry, proof: [...entry.proof, entry.proof[0]!.slice(0, -4)] }, doc.code, checkpoint).reason).toBe('malformed');
  });

  it('another key, another key name, another key id, another origin', () => {
    const otherKey = { ...doc.key, publicKey: b64(rawKey(other.publicKey)), keyId: b64(serverKeyId(KEY_NAME, other.publicKey)) };
    // The note signed by our key, checked against another: no signature by that key.
    expect(verifyTrace({ ...doc, key: otherKey }).reason).toBe('unknown_key');
    // A note signed by another key, served with ours.
    expect(verifyTrace({ ...doc, checkpoint: fixture(13, [2, 7, 12], { signer: other.privateKey }).doc.checkpoint }).reason).toBe('unknown_key');
    // Another key swapped in under our key id: the id is bound to the key.
    expect(verifyTrace({ ...doc, key: { ...otherKey, keyId: doc.key.keyId } }).reason).toBe('unknown_key');
    expect(verifyTrace({ ...doc, key: { ...doc.key, name: `${KEY_NAME}2` } }).reason).toBe('unknown_key');
    // Signed by the right key, for another log.
    const foreign = fixture(13, [2, 7, 12], { origin: 'reelpath.test/t2' }).doc;
    expect(verifyTrace(foreign).reason).toBe('origin_mismatch');
    expect(verifyTrace({ ...doc, logOrigin: 'reelpath.test/t2' }).reason).toBe('origin_mismatch');
    // The server's verifier agrees the foreign note is genuine but for another origin.
    expect(verifyCheckpoint(foreign.checkpoint.note, KEY_NAME, main.publicKey, ORIGIN)).toEqual({ ok: false, reason: 'wrong_origin' });
  });

  it('another batch’s genuine entry, a claimed tree size, duplicates, an empty batch', () => {
    const stranger = { index: 5, data: data[5]!, proof: inclusionProof(leaves, 5).map(b64) };
    expect(verifyEntry(stranger, 'TR-other', checkpoint).ok).toBe(true);
    expect(verifyTrace({ ...doc, entries: [...doc.entries, stranger] })).toMatchObject({ verified: false, reason: 'wrong_batch' });
    expect(verifyTrace({ ...doc, checkpoint: { ...doc.checkpoint, size: 14 } }).reason).toBe('root_mismatch');
    expect(verifyTrace({ ...doc, entries: [...doc.entries, doc.entries[0]!] }).reason).toBe('malformed');
    expect(verifyTrace({ ...doc, entries: [] })).toMatchObject({ verified: false, reason: 'no_entries' });
  });

  it('notes that are not strictly formed', () => {
    const note = doc.checkpoint.note;
    const [text, sig] = [note.slice(0, note.indexOf('\n\n') + 1), note.slice(note.indexOf('\n\n') + 2)];
    const root = doc.checkpoint.root;
    for (const bad of [
      text, `${text}\n`, note.slice(0, -1), note.replaceAll('\n', '\r\n'), `${note}\n`, `${text}\n\n${sig}`, `${note}extra\n`,
      note.replace('\u2014 ', '- '), note.replace(`\n13\n`, '\n013\n'), note.replace(`\n13\n`, '\n+13\n'), note.replace(root, `${root.slice(0, -1)}`),
      ` ${note}`, note.replace(`${ORIGIN}\n`, ''), `${text.slice(0, -1)} \n\n${sig}`, note.replace(' ', '  '),
    ]) {
      expect(parseSignedNote(bad), JSON.stringify(bad)).toBeNull();
      expect(verifyTrace({ ...doc, checkpoint: { ...doc.checkpoint, note: bad } }).verified).toBe(false);
    }
    // A second signature by a key the page does not know is fine (C2SP notes may carry several).
    const cosigned = `${note}\u2014 witness.example ${b64(new Uint8Array(68).fill(1))}\n`;
    expect(verifyTrace({ ...doc, checkpoint: { ...doc.checkpoint, note: cosigned } }).reason).toBe('ok');
  });

  it('never throws, whatever the server answers', () => {
    fc.assert(fc.property(fc.anything(), (junk) => { expect(verifyTrace(junk).verified).toBe(false); }), { numRuns: 300 });
    for (const junk of [null, 1, 'x', [], {}, { ...doc, entries: [{ index: '0', data: 1, proof: 'x' }] }, { ...doc, key: null }]) {
      expect(verifyTrace(junk)).toMatchObject({ verified: false, reason: 'malformed' });
    }
    expect(verifyTrace({ ...doc, key: { ...doc.key, publicKey: b64(new Uint8Array(32)) } }).verified).toBe(false);
    expect(verifyTrace({ ...doc, key: { ...doc.key, publicKey: 'AAAA' } }).reason).toBe('malformed');
  });
});

describe('page helpers', () => {
  it('speaks Chinese unless the browser says otherwise, and follows ?lang and the toggle', () => {
    expect(pickLang(null, null, 'zh-CN')).toBe('zh');
    expect(pickLang(null, null, 'zh-Hant-TW')).toBe('zh');
    expect(pickLang(null, null, '')).toBe('zh');
    expect(pickLang(null, null, undefined)).toBe('zh');
    expect(pickLang(null, null, 'en-US')).toBe('en');
    expect(pickLang(null, 'zh', 'en-US')).toBe('zh');
    expect(pickLang('en', 'zh', 'zh-CN')).toBe('en');
    expect(pickLang('fr', null, 'en')).toBe('en');
  });

  it('reads the code from /trace/<code> only', () => {
    expect(codeFromPath('/trace/TR-7Q2M9')).toBe('TR-7Q2M9');
    expect(codeFromPath('/trace/TR-7Q2M9/')).toBe('TR-7Q2M9');
    expect(codeFromPath('/trace/%E4%B8%AD')).toBe('中');
    for (const p of ['/trace/', '/trace', '/trace/a/b', '/', '/trace/%E4', '/trace/%20']) expect(codeFromPath(p), p).toBeNull();
  });

  it('shows every body field, known names translated', () => {
    const body = { place: '龙井村', passed: true, items: ['农残', '重金属'], custom: 3, harvestedAt: Date.UTC(2026, 3, 2, 4) };
    expect(bodyFields(body, TRACE_ZH, 'zh').map((f) => [f.label, f.value])).toEqual([
      ['地点', '龙井村'], ['是否合格', '是'], ['items', '农残、重金属'], ['custom', '3'], ['采收时间', expect.stringContaining('2026')],
    ]);
    expect(bodyFields(body, TRACE_EN, 'en').map((f) => f.label)).toEqual(['Place', 'Passed', 'items', 'custom', 'Harvested']);
    // A kind's key fields first, its values in words.
    const report = { extra: 'x', reportNo: 'SH-1', lab: 'SGS', result: 'fail' };
    expect(bodyFields(report, TRACE_ZH, 'zh', 'inspection').map((f) => `${f.label}=${f.value}`)).toEqual(['结果=不合格', '检测机构=SGS', '报告编号=SH-1', 'extra=x']);
    expect(bodyFields(report, TRACE_EN, 'en', 'inspection').map((f) => f.value)).toEqual(['Failed', 'SGS', 'SH-1', 'x']);
  });

  it('has every string in both languages', () => {
    const keysOf = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v).map((x) => `${k}.${x}`) : [k])).sort();
    expect(keysOf(TRACE_EN)).toEqual(keysOf(TRACE_ZH));
  });

  it('draws one path run per horizontal stretch of dark modules, inside the quiet zone', () => {
    const dark = new Set(['0,0', '0,1', '0,3', '2,2']);
    expect(qrPath(4, (r, c) => dark.has(`${r},${c}`))).toBe('M4 4h2v1h-2zM7 4h1v1h-1zM6 6h1v1h-1z');
  });
});
