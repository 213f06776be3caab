import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, emptyRoot, hashLeaf, hashNode, inclusionProof, treeHead, verifyConsistency, verifyInclusion } from './merkle.js';

interface Vectors {
  hashes: Record<string, string>;
  leaves: string[];
  roots: string[];
  inclusion: Array<{ index: number; size: number; proof: string[] }>;
  consistency: Array<{ size1: number; size2: number; proof: string[] }>;
}
const V = JSON.parse(readFileSync(new URL('../../../../test/cases/rfc6962-merkle.json', import.meta.url), 'utf8')) as Vectors;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const leafHashes = V.leaves.map((l) => hashLeaf(bytes(l)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every way to alter one bit of one proof element (the proofs here are 1–3 hashes of 32 bytes). */
function bitFlips(proof: readonly Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  proof.forEach((p, i) => {
    for (let bit = 0; bit < p.length * 8; bit++) {
      const altered = Uint8Array.from(p);
      altered[bit >> 3]! ^= 1 << (bit & 7);
      out.push(proof.map((q, j) => (j === i ? altered : q)));
    }
  });
  return out;
}

describe('RFC 9162 / 6962 hashing (reference vectors)', () => {
  it('hashes the empty tree, leaves and nodes as published', () => {
    expect(hex(emptyRoot())).toBe(V.hashes.emptyTree);
    expect(hex(hashLeaf(new Uint8Array()))).toBe(V.hashes.emptyLeaf);
    expect(hex(hashLeaf(enc('L123456')))).toBe(V.hashes.leafL123456);
    expect(hex(hashNode(enc('N123'), enc('N456')))).toBe(V.hashes.nodeN123N456);
  });

  it('computes the published tree heads of sizes 1–8', () => {
    expect(V.roots.map((_, i) => hex(treeHead(leafHashes.slice(0, i + 1))))).toEqual(V.roots);
  });

  it('generates and verifies the published inclusion proofs', () => {
    for (const c of V.inclusion) {
      const proof = inclusionProof(leafHashes.slice(0, c.size), c.index);
      expect(proof.map(hex), `${c.index}/${c.size}`).toEqual(c.proof);
      expect(verifyInclusion(c.index, c.size, leafHashes[c.index]!, proof, bytes(V.roots[c.size - 1]!))).toBe(true);
    }
  });

  it('generates and verifies the published consistency proofs', () => {
    for (const c of V.consistency) {
      const proof = consistencyProof(leafHashes.slice(0, c.size2), c.size1);
      expect(proof.map(hex), `${c.size1}→${c.size2}`).toEqual(c.proof);
      expect(verifyConsistency(c.size1, c.size2, bytes(V.roots[c.size1 - 1]!), bytes(V.roots[c.size2 - 1]!), proof)).toBe(true);
    }
  });
});

describe('altered proofs are rejected (mutation tests)', () => {
  it('rejects every one-bit change, wrong index or size, wrong leaf or root, and added, removed or reordered elements of an inclusion proof', () => {
    const some = bytes('abacaba000000000000000000000000000000000000000000060061e00123456');
    for (const c of V.inclusion) {
      const proof = c.proof.map(bytes);
      const root = bytes(V.roots[c.size - 1]!);
      const leaf = leafHashes[c.index]!;
      const wrong: Array<[string, boolean]> = [
        ['index - 1', verifyInclusion(c.index - 1, c.size, leaf, proof, root)], ['index + 1', verifyInclusion(c.index + 1, c.size, leaf, proof, root)],
        ['index ^ 2', verifyInclusion(c.index ^ 2, c.size, leaf, proof, root)], ['size * 2', verifyInclusion(c.index, c.size * 2, leaf, proof, root)],
        ['size / 2', verifyInclusion(c.index, Math.floor(c.size / 2), leaf, proof, root)], ['size beyond index', verifyInclusion(c.index, c.index, leaf, proof, root)],
        ['wrong leaf', verifyInclusion(c.index, c.size, hashLeaf(enc('WrongLeaf')), proof, root)], ['short leaf hash', verifyInclusion(c.index, c.size, enc('WrongLeaf'), proof, root)],
        ['empty root', verifyInclusion(c.index, c.size, leaf, proof, emptyRoot())], ['random root', verifyInclusion(c.index, c.size, leaf, proof, some)],
        ['trailing garbage', verifyInclusion(c.index, c.size, leaf, [...proof, new Uint8Array()], root)], ['trailing root', verifyInclusion(c.index, c.size, leaf, [...proof, root], root)],
        ['preceding garbage', verifyInclusion(c.index, c.size, leaf, [new Uint8Array(), ...proof], root)], ['preceding root', verifyInclusion(c.index, c.size, leaf, [root, ...proof], root)],
        ['removed last', verifyInclusion(c.index, c.size, leaf, proof.slice(0, -1), root)], ['reversed', proof.length > 1 && verifyInclusion(c.index, c.size, leaf, [...proof].reverse(), root)],
        ['inserted', proof.length > 1 && verifyInclusion(c.index, c.size, leaf, [proof[0]!, some, ...proof.slice(1)], root)],
        ['NaN index', verifyInclusion(Number.NaN, c.size, leaf, proof, root)], ['negative index', verifyInclusion(-1, c.size, leaf, proof, root)],
      ];
      expect(wrong.filter(([, ok]) => ok).map(([d]) => `${c.index}/${c.size}: ${d}`)).toEqual([]);
      const flips = bitFlips(proof);
      expect(flips.filter((p) => verifyInclusion(c.index, c.size, leaf, p, root)).length, `${flips.length} flips`).toBe(0);
      // And every one-bit change of the root and of the leaf hash.
      expect(bitFlips([root]).filter(([r]) => verifyInclusion(c.index, c.size, leaf, proof, r!)).length).toBe(0);
      expect(bitFlips([leaf]).filter(([l]) => verifyInclusion(c.index, c.size, l!, proof, root)).length).toBe(0);
    }
  });

  it('rejects every one-bit change, wrong sizes or roots, and added, removed or reordered elements of a consistency proof', () => {
    for (const c of V.consistency) {
      const proof = c.proof.map(bytes);
      const r1 = bytes(V.roots[c.size1 - 1]!);
      const r2 = bytes(V.roots[c.size2 - 1]!);
      const wrong: Array<[string, boolean]> = [
        ['size1 - 1', verifyConsistency(c.size1 - 1, c.size2, r1, r2, proof)], ['size1 + 1', verifyConsistency(c.size1 + 1, c.size2, r1, r2, proof)],
        ['size1 ^ 2', verifyConsistency(c.size1 ^ 2, c.size2, r1, r2, proof)], ['size2 * 2', verifyConsistency(c.size1, c.size2 * 2, r1, r2, proof)],
        ['size2 / 2', verifyConsistency(c.size1, Math.floor(c.size2 / 2), r1, r2, proof)], ['sizes swapped', verifyConsistency(c.size2, c.size1, r2, r1, proof)],
        ['wrong root1', verifyConsistency(c.size1, c.size2, enc('WrongRoot'), r2, proof)], ['wrong root2', verifyConsistency(c.size1, c.size2, r1, enc('WrongRoot'), proof)],
        ['roots swapped', verifyConsistency(c.size1, c.size2, r2, r1, proof)], ['empty proof', verifyConsistency(c.size1, c.size2, r1, r2, [])],
        ['trailing garbage', verifyConsistency(c.size1, c.size2, r1, r2, [...proof, new Uint8Array()])], ['trailing root1', verifyConsistency(c.size1, c.size2, r1, r2, [...proof, r1])],
        ['trailing root2', verifyConsistency(c.size1, c.size2, r1, r2, [...proof, r2])], ['preceding garbage', verifyConsistency(c.size1, c.size2, r1, r2, [new Uint8Array(), ...proof])],
        ['preceding root1', verifyConsistency(c.size1, c.size2, r1, r2, [r1, ...proof])], ['preceding root2', verifyConsistency(c.size1, c.size2, r1, r2, [r2, ...proof])],
        ['preceding proof[0]', verifyConsistency(c.size1, c.size2, r1, r2, [proof[0]!, ...proof])], ['truncated', verifyConsistency(c.size1, c.size2, r1, r2, proof.slice(0, -1))],
        ['reversed', proof.length > 1 && verifyConsistency(c.size1, c.size2, r1, r2, [...proof].reverse())],
      ];
      expect(wrong.filter(([, ok]) => ok).map(([d]) => `${c.size1}→${c.size2}: ${d}`)).toEqual([]);
      expect(bitFlips(proof).filter((p) => verifyConsistency(c.size1, c.size2, r1, r2, p)).length).toBe(0);
      expect(bitFlips([r1]).filter(([r]) => verifyConsistency(c.size1, c.size2, r!, r2, proof)).length).toBe(0);
      expect(bitFlips([r2]).filter(([r]) => verifyConsistency(c.size1, c.size2, r1, r!, proof)).length).toBe(0);
    }
  });
});

describe('proofs of random trees verify (fast-check)', () => {
  it('every inclusion and consistency proof this module generates verifies against the tree heads', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }), fc.nat(), fc.nat(), (data, a, b) => {
      const leaves = data.map(hashLeaf);
      const size2 = 1 + (a % leaves.length);
      const index = b % size2;
      const size1 = 1 + (b % size2);
      const tree2 = leaves.slice(0, size2);
      expect(verifyInclusion(index, size2, leaves[index]!, inclusionProof(tree2, index), treeHead(tree2))).toBe(true);
      expect(verifyConsistency(size1, size2, treeHead(leaves.slice(0, size1)), treeHead(tree2), consistencyProof(tree2, size1))).toBe(true);
    }), { numRuns: 300 });
  });
});
