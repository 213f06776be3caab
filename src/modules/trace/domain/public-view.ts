/**
 * The public view of a batch (`GET /v1/trace/public/{code}`, the buyer's page) and its verifier: what
 * the page checks, written once so the CLI (`reelpath trace verify`), the tests and the page agree.
 */
import { keyIdOf, publicKeyFromRaw, verifyCheckpoint } from './checkpoint.js';
import { parseLeafText } from './entry.js';
import { HASH_BYTES, hashLeaf, verifyInclusion } from './merkle.js';

/** The public view of a batch. Hashes, keys and ids are base64; `data` is the exact leaf text. */
export interface PublicView {
  readonly code: string;
  readonly batch: { readonly name: string; readonly productId: string | null; readonly createdAt: string };
  /** The checkpoint origin of the log the entries are in (`<logName>/<tenant>`). */
  readonly logOrigin: string;
  /** The batch's entries in leaf order, each with its inclusion proof at `checkpoint.size`. */
  readonly entries: ReadonlyArray<{ readonly index: number; readonly data: string; readonly proof: readonly string[] }>;
  readonly checkpoint: { readonly note: string; readonly size: number; readonly root: string };
  /** The key that signed the checkpoint: name, raw 32-byte Ed25519 public key, 4-byte key id. */
  readonly key: { readonly name: string; readonly publicKey: string; readonly keyId: string };
}

/** One reason a public view does not verify; `index` names the entry's leaf index. */
export interface ViewProblem {
  readonly code: 'trace_invalid_checkpoint' | 'trace_invalid_proof' | 'trace_invalid_entry';
  readonly index?: number;
  readonly reason: string;
}

/** The verdict on a public view: ok only when the signed note and every entry's proof verify. */
export interface ViewVerdict {
  readonly ok: boolean;
  readonly size: number;
  readonly entries: number;
  readonly problems: ViewProblem[];
}

/** Strict base64: undefined unless `s` is the canonical base64 of its bytes. */
function fromBase64(s: unknown): Uint8Array | undefined {
  if (typeof s !== 'string') return undefined;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? Uint8Array.from(b) : undefined;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Verifies a public view as a buyer's page does: the key id matches the key (and `trusted`, when the
 * key is pinned), the note is a checkpoint of `logOrigin` signed by that key with the size and root
 * shown, and each entry is the canonical leaf of this batch whose RFC 9162 inclusion proof (§2.1.3.2)
 * leads to the signed root. Malformed input of any kind is a problem, never an exception.
 */
export function verifyPublicView(view: PublicView, trusted?: { readonly name: string; readonly publicKey: string }): ViewVerdict {
  const problems: ViewProblem[] = [];
  const size = Number(view?.checkpoint?.size);
  const entries = Array.isArray(view?.entries) ? view.entries : [];
  const verdict = (): ViewVerdict => ({ ok: problems.length === 0, size, entries: entries.length, problems });
  const checkpoint = (reason: string): ViewVerdict => { problems.push({ code: 'trace_invalid_checkpoint', reason }); return verdict(); };
  const raw = fromBase64(view?.key?.publicKey);
  if (!raw || raw.length !== 32) return checkpoint('the key is not a base64 Ed25519 public key of 32 bytes');
  if (trusted && (trusted.name !== view.key.name || trusted.publicKey !== view.key.publicKey)) return checkpoint('the view is signed by another key than the trusted one');
  const publicKey = publicKeyFromRaw(raw);
  const keyId = fromBase64(view.key.keyId);
  if (!keyId || !same(keyId, keyIdOf(view.key.name, publicKey))) return checkpoint('the key id does not match the key name and public key');
  const v = verifyCheckpoint(String(view.checkpoint?.note), view.key.name, publicKey, view.logOrigin);
  if (!v.ok) return checkpoint(`the signed note does not verify: ${v.reason}`);
  const root = v.checkpoint.root;
  if (v.checkpoint.size !== size || view.checkpoint.root !== Buffer.from(root).toString('base64')) return checkpoint('the size or root shown differ from the signed note');
  let previous = -1;
  for (const e of entries) {
    const index = Number(e?.index);
    const entry = typeof e?.data === 'string' ? parseLeafText(e.data) : null;
    if (!entry || entry.code !== view.code) { problems.push({ code: 'trace_invalid_entry', index, reason: `the leaf text is not a canonical entry of batch ${view.code}` }); continue; }
    if (!Number.isSafeInteger(index) || index <= previous || index >= size) { problems.push({ code: 'trace_invalid_proof', index, reason: `index ${String(e.index)} is not in leaf order within the ${size} signed leaves` }); continue; }
    previous = index;
    const proof: Array<Uint8Array | undefined> = Array.isArray(e.proof) ? e.proof.map(fromBase64) : [undefined];
    if (proof.some((p) => !p || p.length !== HASH_BYTES)) { problems.push({ code: 'trace_invalid_proof', index, reason: 'a proof element is not a base64 SHA-256 hash' }); continue; }
    if (!verifyInclusion(index, size, hashLeaf(Buffer.from(e.data, 'utf8')), proof as Uint8Array[], root)) {
      problems.push({ code: 'trace_invalid_proof', index, reason: `the inclusion proof of leaf ${index} does not lead to the signed root of ${size} leaves` });
    }
  }
  return verdict();
}
