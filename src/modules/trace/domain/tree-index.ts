/**
 * The in-memory index of one log: the hashes of its perfect subtrees of 2^level leaves and up, kept
 * as they complete (one node hash per leaf, amortised), so any node a proof needs is one of them,
 * composed of them along the right edge, or found in the stored tree of one chunk of 2^level leaves —
 * its leaf hashes and inner nodes, stored with the chunk's subtree hash and read as one row.
 *
 * Why level 6 (chunks of 64 leaves): a proof reads at most two chunk rows (4 KiB each) and hashes only
 * along the right edge; the index holds n / 32 hashes (≈ 10 MB at 10 million leaves), loaded at start
 * from n / 64 rows. Level 8 would shrink memory 4× but make each chunk row 16 KiB; level 4 would double
 * the memory for no fewer reads.
 */
import { emptyRoot, hashNode, split, treeHead, type LeafRange } from './merkle.js';

/** The level of the stored subtree hashes (chunks of 2^6 = 64 leaves). */
export const STORED_LEVEL = 6;

/** A completed subtree of 2^level leaves: the `index`-th at its level, covering leaves `[index·2^level, (index+1)·2^level)`. */
export interface SubtreeNode {
  readonly index: number;
  readonly hash: Uint8Array;
  /** Its chunk tree (see ChunkTree), stored with it so a proof needs no hashing inside the chunk. */
  readonly tree: readonly Uint8Array[];
}

/**
 * Gives the tree of chunk `c` (leaves `[c·2^level, (c+1)·2^level)`), e.g. read from the store: its 2^level
 * leaf hashes, then the 2^(level−1) nodes above them, … down to the 2 below its head, level by level
 * (2^(level+1) − 2 hashes).
 */
export type ChunkTree = (chunk: number) => readonly Uint8Array[];

const HASH = 32;

/** A growable list of 32-byte hashes in one buffer (no object per hash). */
class HashList {
  private buf = new Uint8Array(HASH * 64);
  length = 0;

  push(h: Uint8Array): void {
    if ((this.length + 1) * HASH > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf.set(h, this.length * HASH);
    this.length++;
  }

  get(i: number): Uint8Array {
    return this.buf.slice(i * HASH, (i + 1) * HASH);
  }
}

const isPowerOfTwo = (n: number): boolean => n >= 1 && 2 ** Math.round(Math.log2(n)) === n;

/** The tree of the `n` (a power of two) leaf hashes from `from`, level by level (ChunkTree layout), and its head. */
function perfectTree(leaves: readonly Uint8Array[], from: number, n: number): { tree: Uint8Array[]; head: Uint8Array } {
  const tree = leaves.slice(from, from + n);
  let start = 0;
  for (let width = n; width > 2; width /= 2) {
    for (let i = 0; i < width; i += 2) tree.push(hashNode(tree[start + i]!, tree[start + i + 1]!));
    start += width;
  }
  return { tree, head: hashNode(tree[start]!, tree[start + 1]!) };
}

/**
 * The tree index of one log. `append` adds leaf hashes and answers the subtrees of 2^level leaves they
 * completed (to store); `subtree` answers the head of any range RFC 9162 proofs ask for, below the
 * stored level from leaf hashes kept in memory (from `release`'s boundary on) or given by `chunk`.
 */
export class TreeIndex {
  /** `levels[j]`: the perfect subtrees of 2^(level + j) leaves, in order. */
  private readonly levels: HashList[] = [];
  /** Leaf hashes from `leavesFrom` (a chunk boundary) to `size`. */
  private leaves: Uint8Array[] = [];
  private leavesFrom = 0;
  private n = 0;
  readonly chunkSize: number;

  /** @throws RangeError unless 1 ≤ level ≤ 16. */
  constructor(readonly level = STORED_LEVEL) {
    if (!(Number.isInteger(level) && level >= 1 && level <= 16)) throw new RangeError(`a chunk level is 1–16, got ${level}`);
    this.chunkSize = 2 ** level;
  }

  /**
   * Rebuilds the index of a log of `size` leaves from its stored subtree hashes of 2^level leaves (in
   * order) and the leaf hashes after the last of them (`size mod 2^level` of them).
   * @throws RangeError when the counts do not match `size`.
   */
  static rebuild(size: number, nodes: readonly Uint8Array[], tail: readonly Uint8Array[], level = STORED_LEVEL): TreeIndex {
    const index = new TreeIndex(level);
    const full = Math.floor(size / index.chunkSize);
    if (nodes.length !== full || tail.length !== size - full * index.chunkSize) {
      throw new RangeError(`a log of ${size} leaves has ${full} subtrees of ${index.chunkSize} and ${size % index.chunkSize} leaves after them; got ${nodes.length} and ${tail.length}`);
    }
    for (const h of nodes) index.pushNode(0, h);
    index.n = full * index.chunkSize;
    index.leavesFrom = index.n;
    index.append(tail);
    return index;
  }

  /** Leaves in the tree. */
  get size(): number {
    return this.n;
  }

  /** Appends leaf hashes; answers the subtrees of 2^level leaves they completed, to be stored. */
  append(leafHashes: readonly Uint8Array[]): SubtreeNode[] {
    const done: SubtreeNode[] = [];
    for (const h of leafHashes) {
      this.leaves.push(h);
      this.n++;
      if (this.n % this.chunkSize === 0) {
        const from = this.n - this.chunkSize - this.leavesFrom;
        const { tree, head } = perfectTree(this.leaves, from, this.chunkSize);
        done.push({ index: this.n / this.chunkSize - 1, hash: head, tree });
        this.pushNode(0, head);
      }
    }
    return done;
  }

  /** Forgets the leaf hashes of the chunks wholly before `size` (they are in the store from then on). */
  release(size: number): void {
    const keepFrom = Math.min(Math.floor(size / this.chunkSize), Math.floor(this.n / this.chunkSize)) * this.chunkSize;
    if (keepFrom <= this.leavesFrom) return;
    this.leaves = this.leaves.slice(keepFrom - this.leavesFrom);
    this.leavesFrom = keepFrom;
  }

  private pushNode(j: number, hash: Uint8Array): void {
    let level = j;
    let h = hash;
    for (;;) {
      const list = (this.levels[level] ??= new HashList());
      list.push(h);
      if (list.length % 2 === 1) return;
      h = hashNode(list.get(list.length - 2), h);
      level++;
    }
  }

  /** The stored subtree `index` of 2^(level + j) leaves. */
  node(j: number, index: number): Uint8Array {
    const list = this.levels[j];
    if (!list || index >= list.length) throw new RangeError(`no subtree ${index} at level ${this.level + j}`);
    return list.get(index);
  }

  /**
   * The chunks whose trees `subtree` needs for `ranges` and are no longer in memory (read them from the
   * store and give them as `chunk`). Ranges are those of RFC 9162 proofs (see `SubtreeHash`).
   */
  chunksFor(ranges: readonly LeafRange[]): number[] {
    const out = new Set<number>();
    for (const [a, b] of ranges) {
      const n = b - a;
      const rest = n >= this.chunkSize ? (isPowerOfTwo(n) ? 0 : n % this.chunkSize) : n;
      if (rest === 0) continue;
      const c = Math.floor((b - 1) / this.chunkSize);
      if (c * this.chunkSize < this.leavesFrom) out.add(c);
    }
    return [...out].sort((x, y) => x - y);
  }

  /**
   * MTH of the leaves `[from, to)` (`from` aligned as RFC 9162 proofs ask): a stored subtree, composed
   * along the right edge, or found in one chunk's tree (hashed from the leaves in memory for the open chunk).
   * @throws RangeError beyond the tree.
   */
  subtree(from: number, to: number, chunk: ChunkTree = () => { throw new RangeError('chunk trees needed'); }): Uint8Array {
    if (!(from >= 0 && from < to && to <= this.n)) throw new RangeError(`leaves [${from}, ${to}) are not in a tree of ${this.n}`);
    const n = to - from;
    if (n >= this.chunkSize) {
      if (isPowerOfTwo(n) && from % n === 0) return this.node(Math.log2(n) - this.level, from / n);
      const k = split(n);
      return hashNode(this.subtree(from, from + k, chunk), this.subtree(from + k, to, chunk));
    }
    const c = Math.floor(from / this.chunkSize);
    const start = c * this.chunkSize;
    if (to > start + this.chunkSize) throw new RangeError(`leaves [${from}, ${to}) straddle two chunks: not a range of an RFC 9162 proof`);
    if (start >= this.leavesFrom) return treeHead(this.leaves, from - this.leavesFrom, to - this.leavesFrom);
    const tree = chunk(c);
    if (tree.length !== 2 * this.chunkSize - 2) throw new RangeError(`the tree of chunk ${c} has ${tree.length} hashes, not ${2 * this.chunkSize - 2}`);
    return this.inChunk(tree, from - start, to - start);
  }

  /** MTH of `[a, b)` inside one chunk's tree: its perfect aligned pieces looked up, composed along the right edge. */
  private inChunk(tree: readonly Uint8Array[], a: number, b: number): Uint8Array {
    const n = b - a;
    if (isPowerOfTwo(n) && a % n === 0) {
      // Level j starts after the 2^level + 2^(level−1) + … + 2^(level−j+1) hashes of the levels below it.
      const j = Math.log2(n);
      return tree[2 * this.chunkSize - 2 * (this.chunkSize >> j) + a / n]!;
    }
    const k = split(n);
    return hashNode(this.inChunk(tree, a, a + k), this.inChunk(tree, a + k, b));
  }

  /** The tree head at `size` (default: the whole tree). */
  root(size = this.n, chunk?: ChunkTree): Uint8Array {
    return size === 0 ? emptyRoot() : this.subtree(0, size, chunk);
  }
}
