import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, consistencyProofWith, consistencyRanges, hashLeaf, hashLeafText, hashNode, inclusionProof, inclusionProofWith, inclusionRanges, treeHead, verifyConsistency, verifyInclusion } from './merkle.js';
import { TreeIndex } from './tree-index.js';

const leafHashes = (n: number, salt = 0): Uint8Array[] => Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from(`leaf ${salt}:${i}`)));
const hex = (hs: readonly Uint8Array[]): string[] => hs.map((h) => Buffer.from(h).toString('hex'));

/** An index over `leaves` at `level` whose chunk reads answer the chunk trees it made (as a store would). */
function indexOver(leaves: readonly Uint8Array[], level: number, released = true): { index: TreeIndex; chunk: (c: number) => readonly Uint8Array[]; reads: number[] } {
  const index = new TreeIndex(level);
  const trees = new Map(index.append(leaves).map((n) => [n.index, n.tree]));
  if (released) index.release(leaves.length);
  const reads: number[] = [];
  const chunk = (c: number): readonly Uint8Array[] => { reads.push(c); return trees.get(c) ?? []; };
  return { index, chunk, reads };
}

describe('proofs over a subtree provider', () => {
  it('gives exactly the array-based proofs on random trees (fast-check)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 4 }), (n, a, b, level) => {
      const leaves = leafHashes(n, a);
      const size = 1 + (a % n);
      const index = b % size;
      const size1 = b % (size + 1);
      const { index: tree, chunk } = indexOver(leaves, level);
      const provider = (x: number, y: number): Uint8Array => tree.subtree(x, y, chunk);
      expect(hex(inclusionProofWith(provider, index, size))).toEqual(hex(inclusionProof(leaves.slice(0, size), index)));
      expect(hex(consistencyProofWith(provider, size1, size))).toEqual(hex(consistencyProof(leaves.slice(0, size), size1)));
      expect(hex([tree.root(size, chunk)])).toEqual(hex([treeHead(leaves.slice(0, size))]));
    }), { numRuns: 400 });
  });

  it('refuses indexes and sizes outside the tree', () => {
    expect(() => inclusionRanges(5, 5)).toThrow(RangeError);
    expect(() => inclusionRanges(-1, 5)).toThrow(RangeError);
    expect(() => inclusionRanges(0.5, 5)).toThrow(RangeError);
    expect(() => consistencyRanges(6, 5)).toThrow(RangeError);
    expect(consistencyRanges(0, 5)).toEqual([]);
    expect(consistencyRanges(5, 5)).toEqual([]);
    const { index, chunk } = indexOver(leafHashes(10), 2);
    expect(() => index.subtree(0, 11, chunk)).toThrow(RangeError);
  });

  it('asks only for ranges whose start is aligned to their size (what a stored-subtree provider can answer)', () => {
    for (let size = 1; size <= 70; size++) {
      for (let m = 0; m <= size; m++) {
        const ranges = [...(m < size ? inclusionRanges(m, size) : []), ...consistencyRanges(m, size)];
        for (const [a, b] of ranges) {
          const span = 2 ** Math.ceil(Math.log2(b - a));
          expect(a % span, `[${a}, ${b}) in ${size}`).toBe(0);
        }
      }
    }
  });
});

describe('TreeIndex', () => {
  it('stores one subtree per 2^level leaves as they complete, and rebuilds from them and the tail', () => {
    const leaves = leafHashes(1000);
    const index = new TreeIndex(3);
    const done = [...index.append(leaves.slice(0, 500)), ...index.append(leaves.slice(500))];
    expect(done.map((d) => d.index)).toEqual(Array.from({ length: 125 }, (_, i) => i));
    expect(hex(done.map((d) => d.hash))).toEqual(hex(Array.from({ length: 125 }, (_, i) => treeHead(leaves, i * 8, i * 8 + 8))));
    // Each chunk tree: its 8 leaf hashes, the 4 and the 2 nodes above them, level by level.
    const [l0, l1] = [leaves.slice(8, 16), [0, 2, 4, 6].map((k) => treeHead(leaves, 8 + k, 10 + k))];
    expect(hex(done[1]!.tree)).toEqual(hex([...l0, ...l1, treeHead(leaves, 8, 12), treeHead(leaves, 12, 16)]));
    const rebuilt = TreeIndex.rebuild(1000, done.map((d) => d.hash), [], 3);
    expect(hex([rebuilt.root()])).toEqual(hex([treeHead(leaves)]));
    const partial = TreeIndex.rebuild(997, done.slice(0, 124).map((d) => d.hash), leaves.slice(992, 997), 3);
    expect(hex([partial.root()])).toEqual(hex([treeHead(leaves.slice(0, 997))]));
    expect(() => TreeIndex.rebuild(997, done.map((d) => d.hash), [], 3)).toThrow(RangeError);
  });

  it('serves a proof at a large size from at most two chunk reads and keeps only the open chunk in memory', () => {
    const leaves = leafHashes(5000);
    const { index, chunk, reads } = indexOver(leaves, 6);
    const size = 4990; // inside the last complete chunk (77: leaves 4928–4991)
    const proof = inclusionRanges(1234, size).map(([a, b]) => index.subtree(a, b, chunk));
    expect(verifyInclusion(1234, size, leaves[1234]!, proof, treeHead(leaves.slice(0, size)))).toBe(true);
    expect(new Set(reads).size).toBeLessThanOrEqual(2);
    expect(index.chunksFor(inclusionRanges(1234, size))).toEqual([19, 77]);
    // The chunk still open at 5000 (leaves 4992…) is in memory: a proof at the full size reads one chunk only.
    expect(index.chunksFor(inclusionRanges(1234, 5000))).toEqual([19]);
    reads.length = 0;
    const c = consistencyRanges(1000, 5000).map(([a, b]) => index.subtree(a, b, chunk));
    expect(verifyConsistency(1000, 5000, treeHead(leaves.slice(0, 1000)), treeHead(leaves), c)).toBe(true);
    expect(new Set(reads).size).toBeLessThanOrEqual(2);
  });

  it('keeps leaves in memory until released, so proofs within unreleased chunks need no reads', () => {
    const leaves = leafHashes(300);
    const { index } = indexOver(leaves, 4, false);
    expect(index.chunksFor(inclusionRanges(7, 300))).toEqual([]);
    index.release(200);
    expect(index.chunksFor(inclusionRanges(7, 300))).toEqual([0]);
    expect(index.chunksFor(inclusionRanges(250, 300))).toEqual([]);
  });
});

describe('hashing shortcuts', () => {
  it('hashLeafText and the one-shot hashNode equal the RFC 9162 definitions (fast-check)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (text, l, r) => {
      expect(Buffer.from(hashLeafText(text)).equals(createHash('sha256').update(Uint8Array.of(0)).update(Buffer.from(text, 'utf8')).digest())).toBe(true);
      expect(Buffer.from(hashLeafText(text)).equals(Buffer.from(hashLeaf(Buffer.from(text, 'utf8'))))).toBe(true);
      expect(Buffer.from(hashNode(l, r)).equals(createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest())).toBe(true);
    }), { numRuns: 300 });
  });
});
