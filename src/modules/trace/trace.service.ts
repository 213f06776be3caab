import { AppError } from '../../shared/errors/index.js';
import type { Clock } from '../../shared/time.js';
import { BATCH_CODE_BYTES, batchCodeOf, batchProblems, isBatchCode, type TraceBatch } from './domain/batch.js';
import { parseCheckpoint } from './domain/checkpoint.js';
import { prepareEntry, type EntryInput } from './domain/entry.js';
import { consistencyRanges, hashLeafText, inclusionRanges, type LeafRange } from './domain/merkle.js';
import type { PublicView } from './domain/public-view.js';
import { auditLogs, type AuditReport } from './trace-audit.js';
import { TraceLog, type PendingEntry, type TenantLog } from './trace-log.js';
import { TraceSigner } from './trace-signer.js';
import type { StoredCheckpoint, TraceStore } from './trace.store.js';

/** Settings of the provenance log (`config.trace`). */
export interface TraceOptions {
  /** First part of every log origin (`<logName>/<tenant>`) and the name of the signing key. */
  readonly logName: string;
  /** A log that grew without a checkpoint gets one at least this often (ms, ≤ 60 000). */
  readonly checkpointEveryMs: number;
  /** Most entries appended in one transaction. */
  readonly maxBatch: number;
}

/** An entry to append to batch `code`. */
export interface AppendInput extends EntryInput {
  readonly code: unknown;
}

/** The outcome of one entry of an append: its leaf index, or why it was refused (nothing of it written). */
export type AppendOutcome =
  | { readonly index: number; readonly ok: true; readonly leafIndex: number }
  | { readonly index: number; readonly ok: false; readonly code: string; readonly reason: string };

/** A signed checkpoint as served: the note, and its size and base64 root. */
export interface CheckpointView { readonly note: string; readonly size: number; readonly root: string }

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const viewOf = (cp: StoredCheckpoint): CheckpointView => ({ note: cp.note, size: cp.size, root: b64(cp.root) });
const isIndex = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * The provenance log (issue 8): product batches, an append-only RFC 9162 Merkle log per tenant with an
 * Ed25519-signed checkpoint for every committed batch (and at least every `checkpointEveryMs` while a
 * log grew without one), inclusion and consistency proofs, the buyer page's public view and the audit.
 * One process owns a tenant's log (its tree index lives in memory; see TraceLog).
 */
export class TraceService {
  private readonly signer: TraceSigner;
  private readonly log: TraceLog;
  /** Batch codes known to belong to each tenant (a cache: codes are never deleted or moved). */
  private readonly known = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  /** The checkpoint round in progress (or the last one), awaited by `close`. */
  private round: Promise<void> = Promise.resolve();

  constructor(private readonly store: TraceStore, private readonly options: TraceOptions, private readonly clock: Clock, private readonly random: (bytes: number) => Uint8Array) {
    this.signer = new TraceSigner(store, clock, random, options.logName);
    this.log = new TraceLog(store, this.signer, clock, (t) => this.originOf(t), options.maxBatch);
  }

  /** The origin line of a tenant's checkpoints: `<logName>/<tenant>`. */
  originOf(tenant: string): string {
    return `${this.options.logName}/${tenant}`;
  }

  /** Creates a batch with a fresh unguessable code; the tenant's log gets its first (empty) checkpoint. @throws trace_invalid_batch */
  async createBatch(tenant: string, input: { readonly name: unknown; readonly productId?: unknown }): Promise<TraceBatch> {
    const problems = batchProblems(input);
    if (problems.length > 0) throw new AppError('trace_invalid_batch', problems.join('; '), { details: { problems } });
    const productId = typeof input.productId === 'string' ? input.productId : null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const batch: TraceBatch = { tenant, code: batchCodeOf(this.random(BATCH_CODE_BYTES)), productId, name: (input.name as string).trim(), createdAt: this.clock.now() };
      if (!(await this.store.insertBatch(batch))) continue; // 80 random bits: a collision means a broken random source
      this.knownCodes(tenant).add(batch.code);
      await this.log.checkpoint(tenant);
      return batch;
    }
    throw new AppError('internal_error', 'three fresh batch codes were all taken: check the random source');
  }

  /** A tenant's batches, newest first. */
  batches(tenant: string, limit = 100): Promise<TraceBatch[]> {
    return this.store.batches(tenant, limit);
  }

  /** A batch of this tenant. @throws trace_batch_not_found */
  async batch(tenant: string, code: string): Promise<TraceBatch> {
    const b = isBatchCode(code) ? await this.store.batch(code) : undefined;
    if (!b || b.tenant !== tenant) throw new AppError('trace_batch_not_found', `no batch ${code} for this tenant`, { details: { code } });
    return b;
  }

  private knownCodes(tenant: string): Set<string> {
    let set = this.known.get(tenant);
    if (!set) { set = new Set(); this.known.set(tenant, set); }
    return set;
  }

  /**
   * Appends entries (each naming its batch `code`): invalid entries and unknown codes are refused with
   * their reason, the others appended in order — by group commit, each call of up to `maxBatch` entries
   * in one transaction with a signed checkpoint. Outcomes are per entry, by position.
   */
  async append(tenant: string, inputs: readonly AppendInput[]): Promise<AppendOutcome[]> {
    const known = this.knownCodes(tenant);
    const unseen = [...new Set(inputs.map((e) => e.code).filter((c): c is string => isBatchCode(c) && !known.has(c)))];
    if (unseen.length > 0) for (const c of await this.store.knownCodes(tenant, unseen)) known.add(c);
    const now = this.clock.now();
    const outcomes: AppendOutcome[] = new Array(inputs.length);
    const pending: PendingEntry[] = [];
    const positions: number[] = [];
    inputs.forEach((input, index) => {
      if (typeof input !== 'object' || input === null) { outcomes[index] = { index, ok: false, code: 'trace_invalid_entry', reason: 'an entry is an object { kind, body, at? }' }; return; }
      if (!isBatchCode(input.code) || !known.has(input.code)) { outcomes[index] = { index, ok: false, code: 'trace_batch_not_found', reason: `no batch ${String(input.code)} for this tenant` }; return; }
      const p = prepareEntry(input.code, input, now);
      if (!p.ok) { outcomes[index] = { index, ok: false, code: 'trace_invalid_entry', reason: p.problems.join('; ') }; return; }
      pending.push({ idx: -1, prev: null, code: p.entry.code, kind: p.entry.kind, at: p.entry.at, data: p.text, leafHash: hashLeafText(p.text) });
      positions.push(index);
    });
    if (pending.length === 0) return outcomes;
    const failed = await this.log.append(tenant, pending);
    // Every entry failed: an error of the call. Some (a call beyond maxBatch): per-entry outcomes.
    if (failed.length > 0 && failed.reduce((n, f) => n + f.to - f.from, 0) === pending.length) throw failed[0]!.error;
    pending.forEach((e, k) => { const index = positions[k]!; outcomes[index] = { index, ok: true, leafIndex: e.idx }; });
    for (const f of failed) {
      const code = f.error instanceof AppError ? f.error.code : 'storage_unavailable';
      const reason = f.error instanceof Error ? f.error.message : String(f.error);
      for (let k = f.from; k < f.to; k++) { const index = positions[k]!; outcomes[index] = { index, ok: false, code, reason }; }
    }
    return outcomes;
  }

  /**
   * Starts the checkpoint timer: every `checkpointEveryMs`, each log that grew since its newest
   * checkpoint gets one (logs another process left behind are loaded first). Failures go to `onError`
   * and the next round retries.
   */
  start(onError: (err: unknown, tenant?: string) => void): void {
    if (this.timer) return;
    const tick = async (): Promise<void> => {
      for (const t of this.log.loaded()) {
        try {
          const st = await this.log.state(t);
          if (st.index.size > (st.latest?.size ?? -1)) await this.log.checkpoint(t);
        } catch (err) {
          onError(err, t);
        }
      }
    };
    this.round = this.store.logTenants()
      .then((ts) => Promise.all(ts.map((t) => this.log.state(t).catch((err: unknown) => onError(err, t)))))
      .then(tick, (err: unknown) => onError(err));
    const arm = (): void => {
      this.timer = setTimeout(() => {
        this.round = tick().finally(() => { if (this.timer) arm(); });
      }, this.options.checkpointEveryMs);
      this.timer.unref();
    };
    arm();
  }

  /** Stops the timer, waits for its round in progress and for queued appends. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
    await this.log.idle();
  }

  /** The newest signed checkpoint of a tenant's log. @throws trace_no_checkpoint */
  async latestCheckpoint(tenant: string): Promise<CheckpointView> {
    return viewOf(await this.signedHead(tenant));
  }

  private async signedHead(tenant: string): Promise<StoredCheckpoint> {
    const cp = (await this.log.state(tenant)).latest;
    if (!cp) throw new AppError('trace_no_checkpoint', `the log of ${tenant} has no signed checkpoint yet: create a batch first`, { details: { tenant } });
    return cp;
  }

  private async proofs(st: TenantLog, all: readonly LeafRange[][]): Promise<string[][]> {
    const provider = await this.log.subtrees(st, all.flat());
    const memo = new Map<string, string>();
    const head = ([a, b]: LeafRange): string => {
      const key = `${a}:${b}`;
      let h = memo.get(key);
      if (h === undefined) { h = b64(provider(a, b)); memo.set(key, h); }
      return h;
    };
    return all.map((ranges) => ranges.map(head));
  }

  /**
   * The inclusion proof of leaf `index` in the tree of `size` leaves (default: the newest checkpoint's).
   * @throws trace_no_checkpoint, trace_proof_out_of_range (size beyond the newest checkpoint, index ≥ size)
   */
  async inclusionProof(tenant: string, index: number, size?: number): Promise<{ logOrigin: string; index: number; size: number; data: string; leafHash: string; proof: string[] }> {
    const head = await this.signedHead(tenant);
    const n = size ?? head.size;
    if (!isIndex(n) || n > head.size) throw new AppError('trace_proof_out_of_range', `size ${String(size)} is beyond the newest signed checkpoint (${head.size} leaves)`, { details: { size, signedSize: head.size } });
    if (!isIndex(index) || index >= n) throw new AppError('trace_proof_out_of_range', `leaf ${String(index)} is not in a tree of ${n} leaves`, { details: { index, size: n } });
    const st = await this.log.state(tenant);
    const [[entry], [proof]] = await Promise.all([this.store.entries(tenant, index, index + 1), this.proofs(st, [inclusionRanges(index, n)])]);
    if (!entry) throw new AppError('trace_log_damaged', `leaf ${index} of ${tenant} is missing`, { details: { tenant, index } });
    return { logOrigin: this.originOf(tenant), index, size: n, data: entry.data, leafHash: b64(entry.leafHash), proof: proof ?? [] };
  }

  /** The consistency proof from the tree of `from` leaves to that of `to`. @throws trace_no_checkpoint, trace_proof_out_of_range */
  async consistencyProof(tenant: string, from: number, to: number): Promise<{ logOrigin: string; from: number; to: number; proof: string[] }> {
    const head = await this.signedHead(tenant);
    if (!isIndex(to) || to > head.size) throw new AppError('trace_proof_out_of_range', `size ${String(to)} is beyond the newest signed checkpoint (${head.size} leaves)`, { details: { to, signedSize: head.size } });
    if (!isIndex(from) || from > to) throw new AppError('trace_proof_out_of_range', `size ${String(from)} is not within [0, ${to}]`, { details: { from, to } });
    const [proof] = await this.proofs(await this.log.state(tenant), [consistencyRanges(from, to)]);
    return { logOrigin: this.originOf(tenant), from, to, proof: proof ?? [] };
  }

  /** The public key of new checkpoints: name, raw 32 bytes and C2SP key id, base64. */
  async publicKey(): Promise<PublicView['key']> {
    const k = await this.signer.signingKey();
    return { name: k.name, publicKey: b64(k.raw), keyId: b64(k.keyId) };
  }

  /**
   * What a buyer's page shows and checks for a batch code (no key needed; the code is the secret): the
   * batch, each entry's leaf text with its inclusion proof at the newest checkpoint, the signed note and
   * the key that signed it. @throws trace_batch_not_found
   */
  async publicView(code: string): Promise<PublicView> {
    const batch = isBatchCode(code) ? await this.store.batch(code) : undefined;
    if (!batch) throw new AppError('trace_batch_not_found', `no batch ${code}`, { details: { code } });
    const head = await this.signedHead(batch.tenant);
    const st = await this.log.state(batch.tenant);
    const rows = (await this.store.entriesOfBatch(batch.tenant, code)).filter((r) => r.idx < head.size);
    const proofs = await this.proofs(st, rows.map((r) => inclusionRanges(r.idx, head.size)));
    const origin = parseCheckpoint(head.note.slice(0, head.note.indexOf('\n\n') + 1))?.origin ?? this.originOf(batch.tenant);
    const keyName = origin.endsWith(`/${batch.tenant}`) ? origin.slice(0, -batch.tenant.length - 1) : this.options.logName;
    const k = (await this.signer.keyNamed(keyName)) ?? (await this.signer.signingKey());
    return {
      code, batch: { name: batch.name, productId: batch.productId, createdAt: new Date(batch.createdAt).toISOString() }, logOrigin: origin,
      entries: rows.map((r, i) => ({ index: r.idx, data: r.data, proof: proofs[i] ?? [] })),
      checkpoint: viewOf(head), key: { name: k.name, publicKey: b64(k.raw), keyId: b64(k.keyId) },
    };
  }

  /** A consistency proof in the log of the batch `code`'s tenant (public, like the batch page). @throws trace_batch_not_found */
  async publicConsistency(code: string, from: number, to: number): Promise<{ logOrigin: string; from: number; to: number; proof: string[] }> {
    const batch = isBatchCode(code) ? await this.store.batch(code) : undefined;
    if (!batch) throw new AppError('trace_batch_not_found', `no batch ${code}`, { details: { code } });
    return this.consistencyProof(batch.tenant, from, to);
  }

  /**
   * Re-checks every stored log (or one tenant's) from scratch: each entry re-hashed from its text, the
   * tree rebuilt and compared with every stored subtree and checkpoint root, every signature verified,
   * and consecutive checkpoints proven consistent. Findings name the tenant and the leaf index or size.
   */
  async audit(tenant?: string): Promise<AuditReport> {
    const tenants = tenant === undefined ? await this.store.logTenants() : [tenant];
    return auditLogs(this.store, (name) => this.signer.keyNamed(name), tenants);
  }
}
