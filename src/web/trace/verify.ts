/**
 * The buyer page's verifier (issue 8): everything `/trace/{code}` checks, in the browser, before it says
 * "verified". Pure functions over the public JSON of `GET /v1/trace/public/{code}`; no network, no DOM.
 *
 * - Leaf hash: SHA-256(0x00 ‖ UTF-8 of the entry's canonical JSON), interior nodes SHA-256(0x01 ‖ l ‖ r)
 *   (RFC 9162 §2.1.1).
 * - Inclusion: the verification algorithm of RFC 9162 §2.1.3.2, with safe-integer arithmetic.
 * - Checkpoint: a C2SP signed note — `<origin>\n<size>\n<base64 root>\n`, a blank line, then lines
 *   `— <key name> <base64(key id ‖ Ed25519 signature)>` — parsed strictly and verified with Ed25519
 *   (RFC 8032 rules, not ZIP-215). Key id = SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[0..4).
 *
 * Written apart from the server's node:crypto code (src/modules/trace/domain/) on purpose: the tests build
 * fixtures with the server's functions and require this code to accept them and reject every mutation.
 * `@noble/hashes` and `@noble/curves` rather than WebCrypto: `crypto.subtle` is missing on plain-http LAN
 * addresses where self-hosted shops run, and Ed25519 support in WebCrypto varies between browsers.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** Bytes of a SHA-256 hash (leaves, nodes, roots). */
export const HASH_BYTES = 32;

/** Why a check failed (or `ok`). Every input maps to one of these; nothing throws. */
export type Reason =
  | 'ok'
  /** The response, the note or an entry is not in the expected form. */
  | 'malformed'
  /** No signature line by the served key name with that key's id (or the served key id is not its id). */
  | 'unknown_key'
  /** A signature by the key is there but does not verify over the checkpoint text. */
  | 'bad_signature'
  /** The signed checkpoint names another log than the one the page was served for. */
  | 'origin_mismatch'
  /** The signed tree size or root differs from the checkpoint the entries' proofs are given against. */
  | 'root_mismatch'
  /** An entry's inclusion proof does not lead from its hash to the signed root. */
  | 'proof_invalid'
  /** An entry is genuinely in the log, but belongs to another batch. */
  | 'wrong_batch'
  /** The batch has no entries yet: nothing to vouch for. */
  | 'no_entries';

/** The public JSON of one batch, as `GET /v1/trace/public/{code}` answers it. */
export interface TraceDocument {
  readonly code: string;
  /** Shown, not signed: the signed facts are the entries. `createdAt` in epoch ms (ISO-8601 accepted too). */
  readonly batch: { readonly name: string; readonly productId: string | null; readonly createdAt: number | string };
  readonly logOrigin: string;
  readonly entries: readonly { readonly index: number; readonly data: string; readonly proof: readonly string[] }[];
  readonly checkpoint: { readonly note: string; readonly size: number; readonly root: string };
  readonly key: { readonly name: string; readonly publicKey: string; readonly keyId: string };
}

/** An entry's parsed canonical JSON: `{"at":…,"body":{…},"code":…,"kind":…,"v":1}`. */
export interface EntryData {
  /** UTC epoch ms (the leaf states it as epoch ms or as ISO-8601 UTC, `2026-04-01T08:00:00.000Z`). */
  readonly at: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly code: string;
  readonly kind: string;
  readonly v: 1;
}

/** One entry's verdict; `data` is the parsed JSON of exactly the bytes that were hashed (null if unreadable). */
export interface EntryVerdict {
  readonly index: number;
  readonly ok: boolean;
  readonly reason: Reason;
  readonly data: EntryData | null;
}

/** A checkpoint as the signed note states it. */
export interface SignedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

/** The verdict of the whole page: `verified` only when the signature and every entry's proof check out. */
export interface TraceVerdict {
  readonly verified: boolean;
  /** The first failure (checkpoint first, then entries in order), or `ok`. */
  readonly reason: Reason;
  readonly checkpoint: SignedCheckpoint | null;
  readonly entries: readonly EntryVerdict[];
}

const encoder = new TextEncoder();
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes canonical base64 (padding required, zero spare bits), optionally of an exact length; null
 * otherwise. Canonical only, so no two strings decode to the same bytes and a flipped spare bit is caught.
 */
export function decodeBase64(text: string, length?: number): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (length !== undefined && bytes.length !== length) return null;
  return btoa(binary) === text ? bytes : null;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** The RFC 9162 leaf hash of an entry: SHA-256(0x00 ‖ UTF-8 bytes of `data`). */
export function leafHash(data: string): Uint8Array {
  return sha256(concat(Uint8Array.of(0), encoder.encode(data)));
}

/** The RFC 9162 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/**
 * RFC 9162 §2.1.3.2: whether `proof` shows the leaf hash `leaf` at `index` in the tree of `size` whose
 * root is `root`. Any malformed input (index outside the tree, a hash not 32 bytes, a proof too short or
 * too long) is false.
 */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== HASH_BYTES || root.length !== HASH_BYTES || proof.some((p) => p.length !== HASH_BYTES)) return false;
  // Halving with Math.floor, not `>> 1`: indexes may exceed 2^31.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

/** The 4-byte C2SP key id of an Ed25519 key: SHA-256(name ‖ "\n" ‖ 0x01 ‖ raw public key)[0..4). */
export function keyIdOf(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concat(encoder.encode(`${name}\n`), Uint8Array.of(0x01), publicKey)).slice(0, 4);
}

/** A signed note split strictly: the signed text, the checkpoint it states and its signature lines. */
export interface SignedNote {
  /** Everything before the blank line, including its final newline: the bytes the signatures cover. */
  readonly text: string;
  readonly checkpoint: SignedCheckpoint;
  readonly signatures: readonly { readonly name: string; readonly keyId: Uint8Array; readonly signature: Uint8Array }[];
}

const SIGNATURE_LINE = /^\u2014 (\S+) (\S+)$/;

/**
 * Parses a C2SP signed note whose text is a checkpoint: exactly `<origin>\n<size>\n<base64 root>\n`
 * (origin non-empty and not starting with a space, size in canonical decimal, root canonical base64 of
 * 32 bytes), a blank line, then at least one signature line, the note ending with a newline. Null for
 * anything else (including an undecodable signature).
 */
export function parseSignedNote(note: string): SignedNote | null {
  const cut = note.indexOf('\n\n');
  if (cut < 0 || !note.endsWith('\n')) return null;
  const text = note.slice(0, cut + 1);
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') return null;
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === '' || /^\s/.test(origin) || !/^(0|[1-9]\d{0,15})$/.test(sizeText)) return null;
  const size = Number(sizeText);
  const root = decodeBase64(rootText, HASH_BYTES);
  if (!Number.isSafeInteger(size) || !root) return null;
  const signatureBlock = note.slice(cut + 2, -1);
  if (signatureBlock === '') return null;
  const signatures: { name: string; keyId: Uint8Array; signature: Uint8Array }[] = [];
  for (const line of signatureBlock.split('\n')) {
    const m = SIGNATURE_LINE.exec(line);
    const blob = m ? decodeBase64(m[2]!) : null;
    if (!m || !blob || blob.length < 5) return null;
    signatures.push({ name: m[1]!, keyId: blob.slice(0, 4), signature: blob.slice(4) });
  }
  return { text, checkpoint: { origin, size, root }, signatures };
}

/** The checkpoint's verdict: the signed checkpoint when its note verifies, else why not. */
export type CheckpointVerdict =
  | { readonly ok: true; readonly checkpoint: SignedCheckpoint }
  | { readonly ok: false; readonly reason: Exclude<Reason, 'ok' | 'proof_invalid' | 'wrong_batch' | 'no_entries'> };

/**
 * Verifies the document's signed note against its key and log origin: the note must parse strictly, a
 * signature line by `key.name` with the key's id must verify with Ed25519 over the exact text, the text's
 * origin must be `logOrigin` and its size and root those of `checkpoint`.
 */
export function verifyCheckpointNote(doc: Pick<TraceDocument, 'checkpoint' | 'key' | 'logOrigin'>): CheckpointVerdict {
  const note = parseSignedNote(doc.checkpoint.note);
  const publicKey = decodeBase64(doc.key.publicKey, 32);
  const servedId = decodeBase64(doc.key.keyId, 4);
  if (!note || !publicKey || !servedId) return { ok: false, reason: 'malformed' };
  const id = keyIdOf(doc.key.name, publicKey);
  if (!equalBytes(id, servedId)) return { ok: false, reason: 'unknown_key' };
  const message = encoder.encode(note.text);
  let seen = false;
  let valid = false;
  for (const s of note.signatures) {
    if (s.name !== doc.key.name || !equalBytes(s.keyId, id)) continue;
    seen = true;
    if (s.signature.length === 64 && verifyEd25519(s.signature, message, publicKey)) { valid = true; break; }
  }
  if (!valid) return { ok: false, reason: seen ? 'bad_signature' : 'unknown_key' };
  const cp = note.checkpoint;
  if (cp.origin !== doc.logOrigin) return { ok: false, reason: 'origin_mismatch' };
  const servedRoot = decodeBase64(doc.checkpoint.root, HASH_BYTES);
  if (!servedRoot || cp.size !== doc.checkpoint.size || !equalBytes(cp.root, servedRoot)) return { ok: false, reason: 'root_mismatch' };
  return { ok: true, checkpoint: cp };
}

function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // RFC 8032 / FIPS 186-5 encodings (zip215: false), as OpenSSL on the server accepts them.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    // noble throws on encodings that are not points; such a signature simply does not verify.
    return false;
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Parses an entry's JSON for display; null unless it has the entry's shape and is canonical (keys sorted
 * at every depth, no whitespace, as JSON.stringify writes values): then what the page shows is exactly
 * what was hashed — a duplicated key, say, cannot show one value while the hash covers two.
 */
export function parseEntryData(data: string): EntryData | null {
  let value: unknown;
  try { value = JSON.parse(data); } catch { return null; }
  if (!isRecord(value) || canonicalJson(value) !== data) return null;
  const { at, body, code, kind, v } = value;
  const ms = typeof at === 'string' && ISO_UTC.test(at) ? Date.parse(at) : at;
  if (v !== 1 || !Number.isSafeInteger(ms) || !isRecord(body) || typeof code !== 'string' || typeof kind !== 'string') return null;
  return { at: ms as number, body, code, kind, v };
}

/** JSON with object keys sorted by UTF-16 code units at every depth and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one entry against a verified checkpoint: its proof, its form and that it names this batch. */
export function verifyEntry(entry: TraceDocument['entries'][number], code: string, checkpoint: SignedCheckpoint | null): EntryVerdict {
  const data = parseEntryData(entry.data);
  const fail = (reason: Reason): EntryVerdict => ({ index: entry.index, ok: false, reason, data });
  const proof = entry.proof.map((p) => decodeBase64(p, HASH_BYTES));
  if (!data || proof.some((p) => p === null)) return fail('malformed');
  // Without a signed checkpoint there is no root worth proving against.
  if (!checkpoint) return fail('root_mismatch');
  if (!verifyInclusion(entry.index, checkpoint.size, leafHash(entry.data), proof as Uint8Array[], checkpoint.root)) return fail('proof_invalid');
  if (data.code !== code) return fail('wrong_batch');
  return { index: entry.index, ok: true, reason: 'ok', data };
}

/**
 * The page's verdict over a fetched document (any JSON): the checkpoint's signature first, then every
 * entry's inclusion proof against the signed root. `verified` only when all pass and there is at least
 * one entry; entries are always returned (with their own verdicts) so the page can show them.
 * @example verifyTrace(await (await fetch(`/v1/trace/public/${code}`)).json()).verified
 */
export function verifyTrace(json: unknown): TraceVerdict {
  if (!isTraceDocument(json)) return { verified: false, reason: 'malformed', checkpoint: null, entries: [] };
  const cp = verifyCheckpointNote(json);
  const checkpoint = cp.ok ? cp.checkpoint : null;
  const entries = json.entries.map((e) => verifyEntry(e, json.code, checkpoint));
  const indexes = new Set(json.entries.map((e) => e.index));
  let reason: Reason = 'ok';
  if (!cp.ok) reason = cp.reason;
  else if (indexes.size !== json.entries.length) reason = 'malformed';
  else reason = entries.find((e) => !e.ok)?.reason ?? (entries.length === 0 ? 'no_entries' : 'ok');
  return { verified: reason === 'ok', reason, checkpoint, entries };
}

/** Whether a fetched value has the shape of the public trace JSON (types only; the checks come after). */
export function isTraceDocument(value: unknown): value is TraceDocument {
  if (!isRecord(value)) return false;
  const { code, batch, logOrigin, entries, checkpoint, key } = value;
  return typeof code === 'string' && typeof logOrigin === 'string'
    && isRecord(batch) && typeof batch.name === 'string' && (batch.productId === null || typeof batch.productId === 'string')
    && (typeof batch.createdAt === 'number' || typeof batch.createdAt === 'string')
    && Array.isArray(entries) && entries.every((e: unknown) => isRecord(e) && typeof e.index === 'number' && typeof e.data === 'string'
      && Array.isArray(e.proof) && e.proof.every((p: unknown) => typeof p === 'string'))
    && isRecord(checkpoint) && typeof checkpoint.note === 'string' && typeof checkpoint.size === 'number' && typeof checkpoint.root === 'string'
    && isRecord(key) && typeof key.name === 'string' && typeof key.publicKey === 'string' && typeof key.keyId === 'string';
}
