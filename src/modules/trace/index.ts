/**
 * The trace module (issue 8, in progress): a verifiable provenance log. Today the pure RFC 9162 Merkle
 * tree — hashing, tree heads, inclusion and consistency proofs and their verifiers — and Ed25519-signed
 * checkpoints in the C2SP signed-note form. See README.md.
 */
export { HASH_BYTES, consistencyProof, emptyRoot, hashLeaf, hashNode, inclusionProof, treeHead, verifyConsistency, verifyInclusion } from './domain/merkle.js';
export { formatCheckpoint, keyIdOf, parseCheckpoint, signCheckpoint, verifyCheckpoint, type Checkpoint, type CheckpointVerdict } from './domain/checkpoint.js';
