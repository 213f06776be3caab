import { parseCheckpoint, verifyCheckpoint } from './domain/checkpoint.js';
import { parseLeafText } from './domain/entry.js';
import { consistencyRanges, hashLeafText, verifyConsistency } from './domain/merkle.js';
import { STORED_LEVEL, TreeIndex } from './domain/tree-index.js';
import type { LoadedKey } from './trace-signer.js';
import type { StoredCheckpoint, TraceStore } from './trace.store.js';

/** What an audit finding is about (catalogued error codes). */
export type AuditCode = 'trace_entry_tampered' | 'trace_tree_mismatch' | 'trace_invalid_checkpoint' | 'trace_inconsistent_checkpoints' | 'trace_log_damaged';

/** One thing wrong with a stored log: its tenant, the leaf index or checkpoint size, and what. */
export interface AuditFinding {
  readonly tenant: string;
  readonly code: AuditCode;
  readonly leafIndex?: number;
  readonly size?: number;
  readonly reason: string;
}

/** The audit of one or more logs: clean when there is no finding. */
export interface AuditReport {
  readonly ok: boolean;
  readonly logs: ReadonlyArray<{ readonly tenant: string; readonly size: number; readonly checkpoints: number }>;
  readonly findings: AuditFinding[];
  /** True when a log had more than MAX_FINDINGS findings and the rest were not listed. */
  readonly truncated: boolean;
}

const PAGE = 8192;
/** Findings listed per log (one bad write can make many: every later checkpoint root differs). */
export const MAX_FINDINGS = 1000;
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Audits the logs of `tenants` one after another (see TraceService.audit). */
export async function auditLogs(store: TraceStore, keyNamed: (name: string) => Promise<LoadedKey | undefined>, tenants: readonly string[]): Promise<AuditReport> {
  const logs: Array<{ tenant: string; size: number; checkpoints: number }> = [];
  const findings: AuditFinding[] = [];
  let truncated = false;
  for (const tenant of tenants) {
    let count = 0;
    const add = (f: Omit<AuditFinding, 'tenant'>): void => {
      if (++count > MAX_FINDINGS) { truncated = true; return; }
      findings.push({ tenant, ...f });
    };
    logs.push(await auditLog(store, keyNamed, tenant, add));
  }
  return { ok: findings.length === 0, logs, findings, truncated };
}

async function auditLog(store: TraceStore, keyNamed: (name: string) => Promise<LoadedKey | undefined>, tenant: string, add: (f: Omit<AuditFinding, 'tenant'>) => void) {
  const size = await store.logSize(tenant);
  const checkpoints = await store.checkpoints(tenant, 0, Number.MAX_SAFE_INTEGER);
  const index = new TreeIndex();
  const chunk = index.chunkSize;
  let next = 0;
  const compareRoots = (): void => {
    for (; next < checkpoints.length && checkpoints[next]!.size <= index.size; next++) {
      const cp = checkpoints[next]!;
      if (cp.size === index.size && !same(index.root(), cp.root)) add({ code: 'trace_tree_mismatch', size: cp.size, reason: `the checkpoint of ${cp.size} leaves has a root other than the tree rebuilt from the stored entries` });
    }
  };
  compareRoots();
  /** Each batch's newest leaf so far: what the next entry of the batch must link to. */
  const newest = new Map<string, number>();
  const storedNodes: Uint8Array[] = [];
  let complete = true;
  for (let from = 0; from < size && complete; from += PAGE) {
    const to = Math.min(size, from + PAGE);
    const [rows, nodes] = await Promise.all([store.entries(tenant, from, to), store.chunks(tenant, STORED_LEVEL, from / chunk, Math.floor(to / chunk))]);
    const stored = new Map(nodes.map((n) => [n.idx, n]));
    storedNodes.push(...nodes.map((n) => n.hash));
    let expected = from;
    for (const r of rows) {
      if (r.idx !== expected) break;
      const link = newest.get(r.code) ?? null;
      if (r.prev !== link) add({ code: 'trace_log_damaged', leafIndex: r.idx, reason: `leaf ${r.idx} links to ${r.prev ?? 'nothing'} as the previous entry of batch ${r.code}, not ${link ?? 'nothing'}: the batch page would miss entries` });
      newest.set(r.code, r.idx);
      const h = hashLeafText(r.data);
      if (!same(h, r.leafHash)) {
        add({ code: 'trace_entry_tampered', leafIndex: r.idx, reason: `leaf ${r.idx}: its stored text does not hash to the leaf hash recorded when it was appended` });
      } else {
        const e = parseLeafText(r.data);
        if (!e || e.code !== r.code || e.kind !== r.kind || e.at !== r.at) add({ code: 'trace_entry_tampered', leafIndex: r.idx, reason: `leaf ${r.idx}: its text is not the canonical leaf of its batch, kind and time` });
      }
      for (const n of index.append([h])) {
        const s = stored.get(n.index);
        const range = `[${n.index * chunk}, ${(n.index + 1) * chunk})`;
        if (!s || !same(s.hash, n.hash)) add({ code: 'trace_tree_mismatch', leafIndex: n.index * chunk, reason: `the stored hash of leaves ${range} ${s ? 'differs from' : 'is missing from'} the tree rebuilt from the entries` });
        else if (!same(s.tree, Buffer.concat(n.tree))) add({ code: 'trace_tree_mismatch', leafIndex: n.index * chunk, reason: `the chunk tree stored with the subtree of leaves ${range} (what proofs are made from) differs from the entries` });
      }
      compareRoots();
      expected++;
    }
    if (expected < to) {
      add({ code: 'trace_entry_tampered', leafIndex: expected, reason: `leaf ${expected} is missing: the log must hold every index below ${size}` });
      complete = false;
    }
    index.release(index.size);
  }
  if (complete) {
    const extra = await store.nodes(tenant, STORED_LEVEL, Math.floor(size / chunk), Number.MAX_SAFE_INTEGER);
    for (const n of extra) add({ code: 'trace_tree_mismatch', leafIndex: n.idx * chunk, reason: `a subtree hash of leaves [${n.idx * chunk}, ${(n.idx + 1) * chunk}) is stored beyond the ${size} leaves of the log` });
    for (const cp of checkpoints.filter((c) => c.size > size)) add({ code: 'trace_tree_mismatch', size: cp.size, reason: `a checkpoint of ${cp.size} leaves is stored but the log holds ${size}` });
    const codes = [...newest.keys()];
    const [known, heads] = await Promise.all([store.knownCodes(tenant, codes), store.batchHeads(tenant, codes)]);
    for (const [c, last] of newest) {
      if (!known.has(c)) add({ code: 'trace_entry_tampered', leafIndex: last, reason: `entries name batch ${c}, which is not a batch of this tenant` });
      if (heads.get(c) !== last) add({ code: 'trace_log_damaged', leafIndex: last, reason: `batch ${c} is recorded as ending at leaf ${heads.get(c) ?? 'nothing'}, not ${last}: its page would miss entries` });
    }
  }
  const signed = await verifiedRoots(checkpoints, tenant, keyNamed, add);
  if (complete) {
    // Consistency is proven over the stored tree — the subtree and leaf hashes proofs are served from —
    // so it fails exactly when the signed checkpoints are not prefixes of what the log would serve.
    const full = Math.floor(size / chunk);
    const served = storedNodes.length === full ? TreeIndex.rebuild(size, storedNodes, await store.leafHashes(tenant, full * chunk, size)) : undefined;
    if (served) await checkConsistency(store, served, tenant, signed, add);
  }
  return { tenant, size, checkpoints: checkpoints.length };
}

/** Verifies each checkpoint's signature and that its note says the stored size and root; answers those that verify. */
async function verifiedRoots(checkpoints: readonly StoredCheckpoint[], tenant: string, keyNamed: (name: string) => Promise<LoadedKey | undefined>, add: (f: Omit<AuditFinding, 'tenant'>) => void): Promise<StoredCheckpoint[]> {
  const ok: StoredCheckpoint[] = [];
  for (const cp of checkpoints) {
    const bad = (reason: string): void => add({ code: 'trace_invalid_checkpoint', size: cp.size, reason: `checkpoint of ${cp.size} leaves: ${reason}` });
    const origin = parseCheckpoint(cp.note.slice(0, cp.note.indexOf('\n\n') + 1))?.origin;
    const name = origin?.endsWith(`/${tenant}`) ? origin.slice(0, -tenant.length - 1) : undefined;
    const key = name === undefined ? undefined : await keyNamed(name);
    if (!name) { bad('its note is malformed or names another log'); continue; }
    if (!key) { bad(`it names key ${name}, which this install does not hold`); continue; }
    const v = verifyCheckpoint(cp.note, name, key.publicKey, `${name}/${tenant}`);
    if (!v.ok) { bad(`its signed note does not verify (${v.reason})`); continue; }
    if (v.checkpoint.size !== cp.size || !same(v.checkpoint.root, cp.root)) { bad('its note signs another size or root than the row stores'); continue; }
    ok.push(cp);
  }
  return ok;
}

/** Proves each pair of consecutive signed checkpoints consistent (RFC 9162 §2.1.4) over the stored tree. */
async function checkConsistency(store: TraceStore, index: TreeIndex, tenant: string, signed: readonly StoredCheckpoint[], add: (f: Omit<AuditFinding, 'tenant'>) => void): Promise<void> {
  const leaves = new Map<number, Uint8Array[]>();
  for (let i = 1; i < signed.length; i++) {
    const a = signed[i - 1]!;
    const b = signed[i]!;
    if (b.size > index.size) continue;
    const ranges = consistencyRanges(a.size, b.size);
    if (leaves.size > 64) leaves.clear();
    for (const c of index.chunksFor(ranges).filter((x) => !leaves.has(x))) leaves.set(c, (await store.chunkTree(tenant, STORED_LEVEL, c)) ?? []);
    const proof = ranges.map(([x, y]) => index.subtree(x, y, (c) => leaves.get(c) ?? []));
    if (!verifyConsistency(a.size, b.size, a.root, b.root, proof)) {
      add({ code: 'trace_inconsistent_checkpoints', size: b.size, reason: `the checkpoint of ${b.size} leaves does not extend the one of ${a.size} leaves over the stored tree (the consistency proof the log would serve fails)` });
    }
  }
}
