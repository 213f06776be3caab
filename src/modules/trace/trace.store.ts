import type { TraceBatch } from './domain/batch.js';

/** One leaf of a tenant's log as stored: `data` is the exact leaf text, `leafHash` its RFC 9162 leaf hash. */
export interface StoredEntry {
  readonly idx: number;
  readonly code: string;
  readonly kind: string;
  readonly data: string;
  readonly leafHash: Uint8Array;
  /** The entry's time (UTC epoch ms), as in its leaf. */
  readonly at: number;
  /** The leaf index of the previous entry of the same batch (null for its first): how a batch's entries are found. */
  readonly prev: number | null;
}

/** A stored perfect subtree: the `idx`-th of 2^level leaves at its level. */
export interface StoredNode {
  readonly level: number;
  readonly idx: number;
  readonly hash: Uint8Array;
}

/** A stored subtree with its chunk tree: its leaf hashes and inner nodes, level by level, 32 bytes each, concatenated. */
export interface StoredChunk extends StoredNode {
  readonly tree: Uint8Array;
}

/** A signed checkpoint: the tree of `size` leaves has head `root`; `note` is the whole signed note. */
export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  readonly note: string;
  /** When it was signed (UTC epoch ms). */
  readonly at: number;
}

/** What one tenant adds to its log in one transaction. */
export interface LogWrite {
  readonly tenant: string;
  readonly entries: readonly StoredEntry[];
  readonly nodes: readonly StoredChunk[];
  /** The newest leaf index of each batch these entries belong to. */
  readonly heads: ReadonlyArray<{ readonly code: string; readonly lastIdx: number }>;
  /** The checkpoint of the log after these entries (absent when the size did not change). */
  readonly checkpoint?: StoredCheckpoint;
}

/** The Ed25519 key that signs checkpoints under `name` (made once per install). */
export interface SigningKey {
  readonly name: string;
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** The raw 32-byte public key. */
  readonly publicKey: Uint8Array;
  readonly createdAt: number;
}

/**
 * Batches, the append-only log of each tenant (entries, stored subtree hashes, signed checkpoints) and
 * the signing keys (SQLite or PostgreSQL; contract in store/trace.store.contract.test.ts).
 */
export interface TraceStore {
  init(): Promise<void>;
  /** Stores a new batch; false when its code exists already (for any tenant). */
  insertBatch(batch: TraceBatch): Promise<boolean>;
  /** The batch with this code, of whichever tenant. */
  batch(code: string): Promise<TraceBatch | undefined>;
  /** A tenant's batches, newest first. */
  batches(tenant: string, limit: number): Promise<TraceBatch[]>;
  /** Which of `codes` are batches of this tenant. */
  knownCodes(tenant: string, codes: readonly string[]): Promise<Set<string>>;
  /**
   * Writes every tenant's entries, subtree hashes and checkpoint in one transaction. False (and nothing
   * written) when any leaf index, subtree or checkpoint size is taken already: another writer got there first.
   */
  appendLog(writes: readonly LogWrite[]): Promise<boolean>;
  /** Leaves in a tenant's log (its highest index + 1). */
  logSize(tenant: string): Promise<number>;
  /** Leaf hashes of `[from, to)`, in order (only those stored). */
  leafHashes(tenant: string, from: number, to: number): Promise<Uint8Array[]>;
  /** Entries of `[from, to)`, in order (only those stored). */
  entries(tenant: string, from: number, to: number): Promise<StoredEntry[]>;
  /** The newest leaf index of each of these batches that has entries. */
  batchHeads(tenant: string, codes: readonly string[]): Promise<Map<string, number>>;
  /** A batch's entries (index and leaf text), in log order (followed back from its newest). */
  entriesOfBatch(tenant: string, code: string): Promise<Array<{ readonly idx: number; readonly kind: string; readonly data: string }>>;
  /** Stored subtree hashes at `level` with index in `[from, to)`, in order. */
  nodes(tenant: string, level: number, from: number, to: number): Promise<StoredNode[]>;
  /** Stored subtrees at `level` with index in `[from, to)` and their chunk trees, in order (the audit). */
  chunks(tenant: string, level: number, from: number, to: number): Promise<StoredChunk[]>;
  /** The chunk tree stored with subtree `idx` at `level` (one row) as its hashes, or undefined. */
  chunkTree(tenant: string, level: number, idx: number): Promise<Uint8Array[] | undefined>;
  /** The newest (largest) checkpoint of a tenant. */
  latestCheckpoint(tenant: string): Promise<StoredCheckpoint | undefined>;
  /** A tenant's checkpoints with size in `[from, to]`, smallest first. */
  checkpoints(tenant: string, from: number, to: number): Promise<StoredCheckpoint[]>;
  /** Tenants with any batch or checkpoint (every tenant with entries has both). */
  logTenants(): Promise<string[]>;
  signingKey(name: string): Promise<SigningKey | undefined>;
  /** Stores a key under its name once; false when the name has a key already (keep that one). */
  insertSigningKey(key: SigningKey): Promise<boolean>;
}
