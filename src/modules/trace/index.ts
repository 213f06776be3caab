/**
 * The trace module (issue 8, in progress): a verifiable provenance log. Today the pure RFC 9162 Merkle
 * tree — hashing, tree heads, inclusion and consistency proofs and their verifiers. See README.md.
 */
export { HASH_BYTES, consistencyProof, emptyRoot, hashLeaf, hashNode, inclusionProof, treeHead, verifyConsistency, verifyInclusion } from './domain/merkle.js';
