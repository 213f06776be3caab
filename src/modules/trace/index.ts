/**
 * The trace module (issue 8): a verifiable provenance log. Product batches; per tenant an append-only
 * RFC 9162 Merkle log of their origin, inspections, certifications, logistics (and consent receipts,
 * allocation-policy versions) with Ed25519-signed C2SP checkpoints; inclusion and consistency proofs;
 * the buyer page's public view and its verifier; the audit. See README.md.
 */
export {
  HASH_BYTES, consistencyProof, consistencyProofWith, consistencyRanges, emptyRoot, hashLeaf, hashLeafText, hashNode, inclusionProof, inclusionProofWith, inclusionRanges,
  treeHead, verifyConsistency, verifyInclusion, type LeafRange, type SubtreeHash,
} from './domain/merkle.js';
export { formatCheckpoint, keyIdOf, parseCheckpoint, publicKeyFromRaw, signCheckpoint, verifyCheckpoint, type Checkpoint, type CheckpointVerdict } from './domain/checkpoint.js';
export { ENTRY_KINDS, MAX_LEAF_BYTES, canonicalJson, entryProblems, leafTextOf, parseLeafText, prepareEntry, type Entry, type EntryInput, type EntryKind } from './domain/entry.js';
export { batchCodeOf, batchProblems, isBatchCode, type TraceBatch } from './domain/batch.js';
export { STORED_LEVEL, TreeIndex, type SubtreeNode } from './domain/tree-index.js';
export { verifyPublicView, type PublicView, type ViewProblem, type ViewVerdict } from './domain/public-view.js';
export { TraceService, type AppendInput, type AppendOutcome, type CheckpointView, type TraceOptions } from './trace.service.js';
export { MAX_FINDINGS, type AuditCode, type AuditFinding, type AuditReport } from './trace-audit.js';
export type { LogWrite, SigningKey, StoredCheckpoint, StoredEntry, StoredNode, TraceStore } from './trace.store.js';
