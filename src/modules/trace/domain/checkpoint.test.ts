import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, keyIdOf, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { hashLeaf, treeHead } from './merkle.js';

const keys = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const root = treeHead(['a', 'b', 'c'].map((s) => hashLeaf(new TextEncoder().encode(s))));
const cp = { origin: 'reelpath.test/shop-1', size: 3, root: Uint8Array.from(root) };

describe('signed checkpoints (C2SP signed note, Ed25519)', () => {
  it('round-trips: text, strict parse, sign and verify by the right key and origin only', () => {
    const text = formatCheckpoint(cp);
    expect(text.split('\n')).toEqual(['reelpath.test/shop-1', '3', Buffer.from(root).toString('base64'), '']);
    expect(parseCheckpoint(text)).toEqual(cp);
    const note = signCheckpoint(cp, 'reelpath-log', keys.privateKey);
    expect(note.startsWith(`${text}\n\u2014 reelpath-log `)).toBe(true);
    expect(verifyCheckpoint(note, 'reelpath-log', keys.publicKey, cp.origin)).toEqual({ ok: true, checkpoint: cp });
    expect(verifyCheckpoint(note, 'reelpath-log', other.publicKey)).toEqual({ ok: false, reason: 'no_signature_by_key' });
    expect(verifyCheckpoint(note, 'another-name', keys.publicKey)).toEqual({ ok: false, reason: 'no_signature_by_key' });
    expect(verifyCheckpoint(note, 'reelpath-log', keys.publicKey, 'reelpath.test/shop-2')).toEqual({ ok: false, reason: 'wrong_origin' });
    expect(keyIdOf('reelpath-log', keys.privateKey)).toEqual(keyIdOf('reelpath-log', keys.publicKey));
  });

  it('refuses non-canonical checkpoint text', () => {
    const b64 = Buffer.from(root).toString('base64');
    for (const bad of [`o\n03\n${b64}\n`, `o\n-1\n${b64}\n`, `o\n3\n${b64}`, `o\n3\n${b64}\nextra\n`, ` o\n3\n${b64}\n`, `o\n3\n${b64.slice(0, -4)}\n`, `\n3\n${b64}\n`, `o\n1e3\n${b64}\n`]) {
      expect(parseCheckpoint(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('rejects every one-bit change of the signed note (mutation test)', () => {
    const note = Buffer.from(signCheckpoint(cp, 'reelpath-log', keys.privateKey), 'utf8');
    const accepted: number[] = [];
    for (let bit = 0; bit < note.length * 8; bit++) {
      const altered = Buffer.from(note);
      altered[bit >> 3]! ^= 1 << (bit & 7);
      if (verifyCheckpoint(altered.toString('utf8'), 'reelpath-log', keys.publicKey, cp.origin).ok) accepted.push(bit);
    }
    expect(accepted).toEqual([]);
  });
});
