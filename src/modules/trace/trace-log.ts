import { AppError } from '../../shared/errors/index.js';
import { GroupCommit } from '../../shared/group-commit.js';
import type { Clock } from '../../shared/time.js';
import type { LeafRange, SubtreeHash } from './domain/merkle.js';
import { STORED_LEVEL, TreeIndex } from './domain/tree-index.js';
import type { TraceSigner } from './trace-signer.js';
import type { LogWrite, StoredCheckpoint, StoredChunk, StoredEntry, TraceStore } from './trace.store.js';

/**
 * A checked entry on its way into the log: its leaf text (`data`) and leaf hash; `idx` is set when its
 * transaction is built (the object is then the stored entry itself: one object per entry on the hot path).
 */
export interface PendingEntry {
  idx: number;
  /** The batch's previous leaf index (null: its first entry), set with `idx`. */
  prev: number | null;
  readonly code: string;
  readonly kind: string;
  readonly at: number;
  readonly data: string;
  leafHash: Uint8Array;
}

/** Entries `[from, to)` of an append call that were not written, and why (their transaction failed). */
export interface FailedRange { readonly from: number; readonly to: number; readonly error: unknown }

/** One tenant's log as this process holds it: the tree index and the newest signed checkpoint. */
export interface TenantLog {
  readonly tenant: string;
  readonly index: TreeIndex;
  latest: StoredCheckpoint | undefined;
  /** The newest leaf index of each batch appended to through this process (−1: none yet), read on first use. */
  readonly heads: Map<string, number>;
  /** Heads of ranges `[a, size)` on the right edge of the tree at `size` (the newest checkpoint's), computed once. */
  edge?: { readonly size: number; readonly heads: Map<number, Uint8Array> };
}

interface Chunk { readonly tenant: string; readonly leaves: readonly PendingEntry[] }
type ChunkResult = { readonly ok: true; readonly first: number } | { readonly ok: false; readonly error: unknown };

/**
 * The logs of every tenant: loaded once per process (the tree index rebuilt from the stored subtree
 * hashes), appended by group commit — one transaction per at most `maxBatch` leaves, the entries, their
 * completed subtrees and one signed checkpoint per tenant together — and read for proofs.
 *
 * One process owns a tenant's log: the index lives in its memory. A second writer is detected (its
 * leaf indexes are taken) and refused with `trace_log_conflict`; the loser reloads from the store.
 */
export class TraceLog {
  private readonly states = new Map<string, Promise<TenantLog>>();
  private readonly writes: GroupCommit<Chunk, ChunkResult>;

  constructor(private readonly store: TraceStore, private readonly signer: TraceSigner, private readonly clock: Clock,
    private readonly originOf: (tenant: string) => string, private readonly maxBatch: number) {
    // Items are whole chunks (≤ maxBatch leaves each); the writer packs them into transactions.
    this.writes = new GroupCommit((chunks) => this.write(chunks), 1024);
  }

  /** The tenant's log, loaded on first use. */
  state(tenant: string): Promise<TenantLog> {
    let p = this.states.get(tenant);
    if (!p) {
      p = this.load(tenant);
      p.catch(() => this.states.delete(tenant));
      this.states.set(tenant, p);
    }
    return p;
  }

  /** Tenants whose log this process holds. */
  loaded(): string[] {
    return [...this.states.keys()];
  }

  private async load(tenant: string): Promise<TenantLog> {
    const [size, latest] = await Promise.all([this.store.logSize(tenant), this.store.latestCheckpoint(tenant)]);
    const chunk = 2 ** STORED_LEVEL;
    const full = Math.floor(size / chunk);
    const [nodes, tail] = await Promise.all([this.store.nodes(tenant, STORED_LEVEL, 0, full), this.store.leafHashes(tenant, full * chunk, size)]);
    const damaged = (why: string): AppError => new AppError('trace_log_damaged', `the log of ${tenant} cannot be loaded: ${why}`, { details: { tenant } });
    if (nodes.some((n, i) => n.idx !== i)) throw damaged(`a stored subtree of ${chunk} leaves is missing`);
    if (latest && latest.size > size) throw damaged(`its newest checkpoint is of ${latest.size} leaves but ${size} are stored`);
    try {
      return { tenant, index: TreeIndex.rebuild(size, nodes.map((n) => n.hash), tail), latest, heads: new Map() };
    } catch (err) {
      throw new AppError('trace_log_damaged', `the log of ${tenant} cannot be loaded: ${(err as Error).message}`, { details: { tenant }, cause: err });
    }
  }

  /**
   * Appends entries in order, setting each one's `idx`; a call of at most `maxBatch` entries is one
   * transaction. Answers the ranges of entries whose transaction failed (empty when all were written).
   */
  async append(tenant: string, entries: readonly PendingEntry[]): Promise<FailedRange[]> {
    const chunks: Chunk[] = [];
    for (let i = 0; i < entries.length; i += this.maxBatch) chunks.push({ tenant, leaves: entries.slice(i, i + this.maxBatch) });
    const results = await Promise.all(chunks.map((c) => this.writes.submit(c)));
    return results.flatMap((r, i) => (r.ok ? [] : [{ from: i * this.maxBatch, to: i * this.maxBatch + chunks[i]!.leaves.length, error: r.error }]));
  }

  /** Signs and stores a checkpoint when the tenant's log has grown since its newest one (or has none). */
  async checkpoint(tenant: string): Promise<void> {
    const r = await this.writes.submit({ tenant, leaves: [] });
    if (!r.ok) throw r.error;
  }

  /** Resolves once no append is queued or being written. */
  idle(): Promise<void> {
    return this.writes.idle();
  }

  private async write(chunks: readonly Chunk[]): Promise<ChunkResult[]> {
    const out: ChunkResult[] = [];
    for (let i = 0; i < chunks.length;) {
      let j = i + 1;
      let count = chunks[i]!.leaves.length;
      while (j < chunks.length && count + chunks[j]!.leaves.length <= this.maxBatch) count += chunks[j++]!.leaves.length;
      const pack = chunks.slice(i, j);
      try {
        out.push(...(await this.commit(pack)).map((first): ChunkResult => ({ ok: true, first })));
      } catch (error) {
        out.push(...pack.map((): ChunkResult => ({ ok: false, error })));
      }
      i = j;
    }
    return out;
  }

  /** One transaction: the pack's entries, completed subtrees and a checkpoint per grown log. */
  private async commit(pack: readonly Chunk[]): Promise<number[]> {
    const tenants = [...new Set(pack.map((c) => c.tenant))];
    const states = new Map(await Promise.all(tenants.map(async (t) => [t, await this.state(t)] as const)));
    await Promise.all(tenants.map((t) => this.loadHeads(states.get(t)!, pack)));
    const rows = new Map(tenants.map((t) => [t, { entries: [] as StoredEntry[], nodes: [] as StoredChunk[], heads: new Map<string, number>() }]));
    const firsts: number[] = [];
    const signed = new Map<string, StoredCheckpoint>();
    // The pack's leaf hashes as views of one buffer: a worker thread receives one copy, not one per hash.
    const hashes = Buffer.allocUnsafeSlow(32 * pack.reduce((n, c) => n + c.leaves.length, 0));
    let at = 0;
    try {
      for (const c of pack) {
        const st = states.get(c.tenant)!;
        const w = rows.get(c.tenant)!;
        const first = st.index.size;
        firsts.push(first);
        const leafHashes = c.leaves.map((e) => e.leafHash);
        c.leaves.forEach((e, k) => {
          hashes.set(e.leafHash, at);
          e.idx = first + k;
          const prev = st.heads.get(e.code) ?? -1;
          e.prev = prev < 0 ? null : prev;
          st.heads.set(e.code, e.idx);
          w.heads.set(e.code, e.idx);
          e.leafHash = hashes.subarray(at, at += 32);
          w.entries.push(e);
        });
        for (const n of st.index.append(leafHashes)) w.nodes.push({ level: STORED_LEVEL, idx: n.index, hash: n.hash, tree: Buffer.concat(n.tree) });
      }
      const now = this.clock.now();
      const writes: LogWrite[] = [];
      for (const t of tenants) {
        const st = states.get(t)!;
        const size = st.index.size;
        if (size > (st.latest?.size ?? -1)) {
          const root = st.index.root();
          signed.set(t, { size, root, note: await this.signer.sign({ origin: this.originOf(t), size, root }), at: now });
        }
        const w = rows.get(t)!;
        const checkpoint = signed.get(t);
        const heads = [...w.heads].map(([code, lastIdx]) => ({ code, lastIdx }));
        if (w.entries.length > 0 || checkpoint) writes.push({ tenant: t, entries: w.entries, nodes: w.nodes, heads, ...(checkpoint ? { checkpoint } : {}) });
      }
      if (writes.length > 0 && !(await this.store.appendLog(writes))) {
        throw new AppError('trace_log_conflict', `another writer appended to the log of ${tenants.join(', ')} at the same time; nothing of this batch was written`, { details: { tenants } });
      }
    } catch (err) {
      // The index may hold leaves that were never written: reload from the store on next use.
      for (const t of tenants) this.states.delete(t);
      throw err;
    }
    for (const [t, cp] of signed) {
      const st = states.get(t)!;
      st.latest = cp;
      st.index.release(cp.size);
    }
    return firsts;
  }

  /** Reads the newest leaf index of the pack's batches this process has not seen yet. */
  private async loadHeads(st: TenantLog, pack: readonly Chunk[]): Promise<void> {
    const unseen = new Set<string>();
    for (const c of pack) if (c.tenant === st.tenant) for (const e of c.leaves) if (!st.heads.has(e.code)) unseen.add(e.code);
    if (unseen.size === 0) return;
    const found = await this.store.batchHeads(st.tenant, [...unseen]);
    for (const code of unseen) st.heads.set(code, found.get(code) ?? -1);
  }

  /**
   * A provider of the heads of `ranges` (RFC 9162 proof ranges within the signed tree): stored subtree
   * hashes from the index, and the trees of at most a few chunks read from the store (one row each).
   */
  async subtrees(st: TenantLog, ranges: readonly LeafRange[]): Promise<SubtreeHash> {
    const chunk = st.index.chunkSize;
    const read = new Map<number, Uint8Array[]>();
    // A commit may release in-memory leaves while chunks are read: ask again until nothing is missing.
    for (let missing = st.index.chunksFor(ranges); missing.length > 0; missing = st.index.chunksFor(ranges).filter((c) => !read.has(c))) {
      await Promise.all(missing.map(async (c) => {
        const tree = await this.store.chunkTree(st.tenant, STORED_LEVEL, c) ?? [];
        if (tree.length !== 2 * chunk - 2) throw new AppError('trace_log_damaged', `the log of ${st.tenant} lacks the stored tree of leaves [${c * chunk}, ${(c + 1) * chunk})`, { details: { tenant: st.tenant } });
        read.set(c, tree);
      }));
    }
    const trees = (c: number): Uint8Array[] => read.get(c) ?? [];
    const size = st.latest?.size ?? -1;
    if (st.edge?.size !== size) st.edge = { size, heads: new Map() };
    const edge = st.edge;
    // Most proofs are at the newest checkpoint: its right edge (the open chunk hashed from its leaves) is shared by all of them.
    return (a, b) => {
      if (b !== edge.size) return st.index.subtree(a, b, trees);
      let h = edge.heads.get(a);
      if (!h) { h = st.index.subtree(a, b, trees); edge.heads.set(a, h); }
      return h;
    };
  }
}
