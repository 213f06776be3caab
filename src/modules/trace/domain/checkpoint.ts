/**
 * Signed checkpoints of the provenance log, in the C2SP signed-note form transparency logs use: the
 * checkpoint text (origin, tree size, base64 root hash, each on its own line), a blank line, then one
 * line per signature: `— <key name> <base64(4-byte key id ‖ Ed25519 signature)>`. The key id is the first
 * 4 bytes of SHA-256(key name ‖ "\n" ‖ 0x01 ‖ public key). A verifier accepts a note only when the text
 * parses strictly and a signature by the expected key verifies over the exact text.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { HASH_BYTES } from './merkle.js';

export interface Checkpoint {
  /** Names the log (e.g. `reelpath.example/shop-42`): a checkpoint of one log never verifies as another's. */
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

const ED25519 = 0x01;
const DASH = '\u2014';

/** The checkpoint text: `<origin>\n<size>\n<base64 root>\n`. */
export function formatCheckpoint(c: Checkpoint): string {
  return `${c.origin}\n${c.size}\n${Buffer.from(c.root).toString('base64')}\n`;
}

/** Parses checkpoint text strictly (canonical size, 32-byte root, nothing else); null when it is not one. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') return null;
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin.length === 0 || /\s/.test(origin[0]!) || !/^(0|[1-9]\d{0,15})$/.test(sizeText)) return null;
  const size = Number(sizeText);
  const root = Buffer.from(rootText, 'base64');
  if (!Number.isSafeInteger(size) || root.length !== HASH_BYTES || root.toString('base64') !== rootText) return null;
  return { origin, size, root: Uint8Array.from(root) };
}

/** The 4-byte id of a named Ed25519 public key (raw 32 bytes). */
export function keyIdOf(name: string, publicKey: KeyObject): Uint8Array {
  const raw = rawPublicKey(publicKey);
  return Uint8Array.from(createHash('sha256').update(`${name}\n`).update(Uint8Array.of(ED25519)).update(raw).digest().subarray(0, 4));
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return Uint8Array.from(Buffer.from(String(jwk.x), 'base64url'));
}

/** Signs a checkpoint with an Ed25519 private key under `name`: the whole signed note. */
export function signCheckpoint(c: Checkpoint, name: string, privateKey: KeyObject): string {
  const text = formatCheckpoint(c);
  const sig = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const blob = Buffer.concat([keyIdOf(name, privateKey), sig]).toString('base64');
  return `${text}\n${DASH} ${name} ${blob}\n`;
}

export type CheckpointVerdict =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly reason: 'malformed_note' | 'malformed_checkpoint' | 'no_signature_by_key' | 'bad_signature' | 'wrong_origin' };

/**
 * Verifies a signed note against the expected key (and origin, when given): the text must be a strict
 * checkpoint and one signature line must carry the key's id and verify over the exact text.
 */
export function verifyCheckpoint(note: string, name: string, publicKey: KeyObject, origin?: string): CheckpointVerdict {
  const cut = note.indexOf('\n\n');
  if (cut < 0 || !note.endsWith('\n')) return { ok: false, reason: 'malformed_note' };
  const text = note.slice(0, cut + 1);
  const checkpoint = parseCheckpoint(text);
  if (!checkpoint) return { ok: false, reason: 'malformed_checkpoint' };
  const id = Buffer.from(keyIdOf(name, publicKey));
  const lines = note.slice(cut + 2, -1).split('\n');
  let seen = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!m) return { ok: false, reason: 'malformed_note' };
    const blob = Buffer.from(m[2]!, 'base64');
    if (m[1] !== name || blob.length !== 4 + 64 || !blob.subarray(0, 4).equals(id) || blob.toString('base64') !== m[2]) continue;
    seen = true;
    if (verify(null, Buffer.from(text, 'utf8'), publicKey, blob.subarray(4))) {
      if (origin !== undefined && checkpoint.origin !== origin) return { ok: false, reason: 'wrong_origin' };
      return { ok: true, checkpoint };
    }
  }
  return { ok: false, reason: seen ? 'bad_signature' : 'no_signature_by_key' };
}

/** An Ed25519 public key from its raw 32 bytes (as published: base64 of those bytes). */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** The raw 32 bytes of an Ed25519 key's public half. */
export function rawPublicKeyOf(key: KeyObject): Uint8Array {
  return rawPublicKey(key);
}
