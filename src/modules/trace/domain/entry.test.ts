import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchCodeOf, batchProblems, isBatchCode } from './batch.js';
import { canonicalJson, entryProblems, leafTextOf, MAX_LEAF_BYTES, parseLeafText, prepareEntry } from './entry.js';

const T = Date.UTC(2026, 2, 1, 8, 30, 0);
const CODE = 'tr_abcdefghijklmnop';

describe('entries', () => {
  it('accepts each kind with its required fields and lists every problem otherwise', () => {
    const ok = [
      { kind: 'origin', body: { place: '浙江杭州西湖龙井村', producer: '龙井茶合作社' } },
      { kind: 'inspection', body: { lab: 'SGS 上海', reportNo: 'SH-2026-0042', result: 'pass', pesticides: [] } },
      { kind: 'certification', body: { name: '有机产品认证', issuer: '中国质量认证中心', number: 'CQC-1234' } },
      { kind: 'logistics', body: { event: 'shipped', location: '杭州仓' }, at: '2026-03-02T10:00:00Z' },
      { kind: 'consent_receipt', body: { receiptId: 'rcpt_1', purpose: 'marketing', decision: 'granted' } },
      { kind: 'allocation_policy', body: { version: 3, digest: 'a'.repeat(64) } },
    ];
    for (const e of ok) expect(entryProblems(e, T), e.kind).toEqual([]);
    expect(entryProblems({ kind: 'origin', body: { place: ' ' } }, T)).toEqual([
      'body.place: a non-empty string of at most 500 characters', 'body.producer: a non-empty string of at most 500 characters',
    ]);
    expect(entryProblems({ kind: 'inspection', body: { lab: 'x', reportNo: 'y', result: 'ok' } }, T)).toEqual(['body.result: one of pass, fail']);
    expect(entryProblems({ kind: 'teleport', body: {}, at: 'yesterday' }, T)).toEqual(['kind: one of origin, inspection, certification, logistics, consent_receipt, allocation_policy', 'at: epoch ms or ISO-8601 between 1970 and 9999']);
    expect(entryProblems({ kind: 'origin', body: [1] }, T)).toEqual(['body: a JSON object']);
    expect(entryProblems({ kind: 'origin', body: { place: 'a', producer: 'b', weight: Number.NaN } }, T)).toEqual(['body.weight: numbers must be finite']);
    expect(entryProblems({ kind: 'allocation_policy', body: { version: 0, digest: 'XYZ' } }, T)).toEqual(['body.version: a whole number ≥ 1', 'body.digest: a SHA-256 digest as 64 lowercase hex characters']);
  });

  it('writes the canonical leaf text: sorted keys at every depth, no whitespace, ISO time, version 1', () => {
    const p = prepareEntry(CODE, { kind: 'logistics', body: { location: '杭州仓', event: 'shipped', extra: { z: 1, a: [true, null, 'é'] } } }, T);
    expect(p.ok && p.text).toBe('{"at":"2026-03-01T08:30:00.000Z","body":{"event":"shipped","extra":{"a":[true,null,"é"],"z":1},"location":"杭州仓"},"code":"tr_abcdefghijklmnop","kind":"logistics","v":1}');
    expect(p.ok && parseLeafText(p.text)).toEqual({ code: CODE, kind: 'logistics', at: T, body: { location: '杭州仓', event: 'shipped', extra: { z: 1, a: [true, null, 'é'] } } });
    expect(canonicalJson({ b: 1, a: { d: [{ y: 2, x: 1 }], c: '\n"' } })).toBe('{"a":{"c":"\\n\\"","d":[{"x":1,"y":2}]},"b":1}');
  });

  it('refuses leaves beyond the size limit', () => {
    const p = prepareEntry(CODE, { kind: 'origin', body: { place: 'x', producer: 'y', notes: '字'.repeat(MAX_LEAF_BYTES / 3) } }, T);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.problems[0]).toMatch(/^the entry is \d+ bytes as a leaf; at most 16384$/);
  });

  it('reads back only exact canonical leaves of valid entries', () => {
    const p = prepareEntry(CODE, { kind: 'origin', body: { place: 'x', producer: 'y' } }, T);
    if (!p.ok) throw new Error('valid');
    expect(parseLeafText(p.text)).not.toBeNull();
    for (const altered of [
      p.text.replace('{"at"', '{ "at"'), p.text.replace('"v":1', '"v":2'), p.text.replace('"place":"x"', '"place":""'),
      p.text.replace('"body":{"place":"x","producer":"y"}', '"body":{"producer":"y","place":"x"}'), p.text.replace('08:30:00.000Z', '08:30:00Z'),
      p.text.slice(0, -1), `${p.text.slice(0, -1)},"w":0}`,
    ]) expect(parseLeafText(altered), altered).toBeNull();
  });

  it('round-trips every JSON body (fast-check)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (extra) => {
      const body = JSON.parse(JSON.stringify({ ...extra, place: 'p', producer: 'q' })) as Record<string, unknown>;
      const p = prepareEntry(CODE, { kind: 'origin', body }, T);
      if (!p.ok) return;
      expect(p.text).toBe(leafTextOf({ code: CODE, kind: 'origin', at: T, body }));
      expect(p.text).toBe(canonicalJson({ v: 1, code: CODE, kind: 'origin', at: '2026-03-01T08:30:00.000Z', body }));
      expect(JSON.parse(p.text)).toEqual({ v: 1, code: CODE, kind: 'origin', at: '2026-03-01T08:30:00.000Z', body });
      expect(parseLeafText(p.text)).not.toBeNull();
    }), { numRuns: 200 });
  });
});

describe('batch codes', () => {
  it('are tr_ and the lowercase base32 of 10 random bytes', () => {
    expect(batchCodeOf(new Uint8Array(10))).toBe('tr_aaaaaaaaaaaaaaaa');
    expect(batchCodeOf(new Uint8Array(10).fill(255))).toBe('tr_7777777777777777');
    // RFC 4648 §10: BASE32("fooba") = MZXW6YTB; twice is 10 bytes.
    expect(batchCodeOf(Buffer.from('foobafooba'))).toBe('tr_mzxw6ytbmzxw6ytb');
    expect(() => batchCodeOf(new Uint8Array(9))).toThrow(RangeError);
    expect(isBatchCode('tr_mzxw6ytbmzxw6ytb')).toBe(true);
    for (const bad of ['tr_mzxw6ytbmzxw6yt', 'tr_MZXW6YTBMZXW6YTB', 'tr_mzxw6ytbmzxw6yt1', 'xx_mzxw6ytbmzxw6ytb', 42]) expect(isBatchCode(bad)).toBe(false);
  });

  it('need a name and a well-formed product id', () => {
    expect(batchProblems({ name: '明前龙井 2026 第 3 批', productId: 'p_tea' })).toEqual([]);
    expect(batchProblems({ name: '', productId: 'has space' })).toEqual(['name: a non-empty string of at most 200 characters', 'productId: 1–64 letters, digits or _.:-']);
  });
});
