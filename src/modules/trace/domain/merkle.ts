/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2; the same tree as RFC 6962): SHA-256 with a
 * 0x00 prefix for leaves and 0x01 for interior nodes (no second preimage between the two), the tree
 * head MTH, inclusion proofs (PATH) and consistency proofs (PROOF), and their verifiers as the RFC
 * writes them (§2.1.3.2, §2.1.4.2). Pure: hashes in, hashes or a verdict out. Sizes and indexes are
 * safe integers (no 32-bit shifts), so trees beyond 2^31 entries work.
 */
import * as nodeCrypto from 'node:crypto';

const { createHash } = nodeCrypto;
/**
 * One-shot SHA-256 (`crypto.hash`, Node ≥ 20.12) skips a Hash object per call: about twice as fast on a
 * 65-byte node, which the log computes about twice per appended leaf. Older Nodes use createHash.
 */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'buffer') => Uint8Array }).hash;
/** `0x01 ‖ left ‖ right` of the node being hashed (synchronous use only). */
const NODE_INPUT = new Uint8Array(1 + 2 * 32);
NODE_INPUT[0] = 1;

export const HASH_BYTES = 32;

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

/** SHA-256 of `0x00 ‖ data`. */
export function hashLeaf(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256 of `0x00 ‖ UTF-8(text)`: the leaf hash of a text, without encoding it into a buffer first. */
export function hashLeafText(text: string): Uint8Array {
  // '\u0000' encodes as the single byte 0x00 in UTF-8.
  return oneShot ? oneShot('sha256', `\u0000${text}`, 'buffer') : createHash('sha256').update(LEAF_PREFIX).update(text, 'utf8').digest();
}

/** SHA-256 of `0x01 ‖ left ‖ right`. */
export function hashNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (oneShot && left.length === 32 && right.length === 32) {
    NODE_INPUT.set(left, 1);
    NODE_INPUT.set(right, 33);
    return oneShot('sha256', NODE_INPUT, 'buffer');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** SHA-256 of the empty string: the head of the empty tree. */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** The largest power of two smaller than n (n ≥ 2). */
export function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH over the leaf hashes `leaves[from, to)`.
 * @example treeHead(leafHashes) // the root of the whole list
 */
export function treeHead(leaves: readonly Uint8Array[], from = 0, to = leaves.length): Uint8Array {
  const n = to - from;
  if (n === 0) return emptyRoot();
  if (n === 1) return leaves[from]!;
  const k = split(n);
  return hashNode(treeHead(leaves, from, from + k), treeHead(leaves, from + k, to));
}

/**
 * The head of the leaves `[from, to)`: RFC 9162 only ever asks for ranges whose `from` is a multiple of the
 * smallest power of two ≥ `to − from` (perfect subtrees, and the right edge of a tree composed of them),
 * so a provider can answer from stored perfect-subtree hashes.
 */
export type SubtreeHash = (from: number, to: number) => Uint8Array;

/** A range `[from, to)` of leaves whose head is one element of a proof. */
export type LeafRange = readonly [from: number, to: number];

/**
 * The ranges whose heads make PATH(index, D[size]), leaf side first (RFC 9162 §2.1.3.1), without hashing.
 * @throws RangeError when `index` is not a leaf of a tree of `size`.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) throw new RangeError(`leaf ${index} is outside a tree of ${size}`);
  const down: LeafRange[] = [];
  let from = 0;
  let to = size;
  while (to - from > 1) {
    const k = split(to - from);
    if (index < from + k) { down.push([from + k, to]); to = from + k; } else { down.push([from, from + k]); from += k; }
  }
  return down.reverse();
}

/**
 * The ranges whose heads make PROOF(size1, D[size2]) (RFC 9162 §2.1.4.1), without hashing.
 * @throws RangeError when `size1` is not within `[0, size2]`.
 */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  if (!(Number.isSafeInteger(size1) && Number.isSafeInteger(size2) && size1 >= 0 && size1 <= size2)) throw new RangeError(`size ${size1} is outside a tree of ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  const down: LeafRange[] = [];
  let from = 0;
  let to = size2;
  let m = size1;
  let complete = true;
  while (m !== to - from) {
    const k = split(to - from);
    if (m <= k) { down.push([from + k, to]); to = from + k; } else { down.push([from, from + k]); from += k; m -= k; complete = false; }
  }
  return complete ? down.reverse() : [[from, to], ...down.reverse()];
}

/** PATH(index, D[size]) with every node from `subtree` (e.g. stored perfect-subtree hashes). */
export function inclusionProofWith(subtree: SubtreeHash, index: number, size: number): Uint8Array[] {
  return inclusionRanges(index, size).map(([a, b]) => subtree(a, b));
}

/** PROOF(size1, D[size2]) with every node from `subtree`. */
export function consistencyProofWith(subtree: SubtreeHash, size1: number, size2: number): Uint8Array[] {
  return consistencyRanges(size1, size2).map(([a, b]) => subtree(a, b));
}

/** PATH(m, D[n]): the audit path of leaf `index` in the tree of `leaves[from, to)`. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number, from = 0, to = leaves.length): Uint8Array[] {
  return inclusionProofWith((a, b) => treeHead(leaves, from + a, from + b), index, to - from);
}

/** PROOF(m, D[n]): why the tree of the first `size1` leaves is a prefix of the tree of `leaves`. */
export function consistencyProof(leaves: readonly Uint8Array[], size1: number): Uint8Array[] {
  return consistencyProofWith((a, b) => treeHead(leaves, a, b), size1, leaves.length);
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const wellFormed = (hashes: readonly Uint8Array[]): boolean => hashes.every((h) => h.length === HASH_BYTES);
const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/**
 * RFC 9162 §2.1.3.2: does `proof` show the leaf with hash `leafHash` at `index` in the tree of `size`
 * whose head is `root`? Every malformed input (index beyond the tree, wrong hash length, a proof too
 * long or too short) is false.
 */
export function verifyInclusion(index: number, size: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!wellFormed([leafHash, root, ...proof])) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = hashNode(p, r);
      if (!odd(fn)) while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      r = hashNode(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show the tree of `size1` with head `root1` is a prefix of the tree of
 * `size2` with head `root2`? Equal sizes need equal roots and an empty proof; an empty first tree is a
 * prefix of any tree (with an empty proof). Anything malformed is false.
 */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) return false;
  if (!wellFormed(proof)) return false;
  if (size1 === size2) return proof.length === 0 && root1.length === HASH_BYTES && equal(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0 || !wellFormed([root1, root2])) return false;
  // When size1 is a power of two, the first tree is a complete subtree: its head starts the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) { fn = half(fn); sn = half(sn); }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hashNode(c, fr);
      sr = hashNode(c, sr);
      if (!odd(fn)) while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      sr = hashNode(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}

function isPowerOfTwo(x: number): boolean {
  let v = x;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
}
