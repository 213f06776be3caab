import { groupRowsByUser, type InteractionLog } from './interaction-log.js';

/** A sparse vector over items: `indices` ascending, `values[k]` belongs to `indices[k]`. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * A compressed sparse row matrix, rows × cols (users × items, or items × users once transposed).
 * Row r holds columns `cols[rowPtr[r] .. rowPtr[r+1])` ascending, with the aggregated `values` and the
 * latest event time of the cell `lastTs` (UTC epoch ms).
 */
export interface InteractionMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float32Array;
  readonly lastTs: Float64Array;
}

/** Time decay as Recommenders' SAR `timedecay_formula`: weight × min(1, 0.5^((now − t) / halfLife)). */
export interface TimeDecay {
  /** Half-life in days (SAR's `time_decay_coefficient`, 30 in the Recommenders benchmark). */
  readonly halfLifeDays: number;
  /** Reference time, UTC epoch ms (SAR uses the latest timestamp of the training data). */
  readonly nowMs: number;
}

/** How cells aggregate their events. */
export interface MatrixOptions {
  /** Each event's weight decays with its age before summing (SAR's affinity). Default: no decay. */
  readonly decay?: TimeDecay;
  /** Every cell is 1 whatever its events (co-occurrence counts). Default false: the sum of weights. */
  readonly binary?: boolean;
}

const DAY_MS = 86_400_000;

/** The decay factor of an event at `tsMs` (1 for events at or after `decay.nowMs`). */
export function decayFactor(tsMs: number, decay: TimeDecay): number {
  return Math.min(1, 0.5 ** ((decay.nowMs - tsMs) / (decay.halfLifeDays * DAY_MS)));
}

/**
 * Aggregates `log` into a users × items CSR matrix (all users and items of the log's dictionaries; a
 * user or item without rows has an empty row or column). A cell sums its events' weights (decayed when
 * `decay` is set) and keeps the latest time.
 */
export function buildInteractionMatrix(log: InteractionLog, options: MatrixOptions = {}): InteractionMatrix {
  const nUsers = log.users.size;
  const nItems = log.items.size;
  const grouped = groupRowsByUser(log);
  const slot = new Int32Array(nItems).fill(-1);
  const sum = new Float64Array(nItems);
  const last = new Float64Array(nItems);
  const rowPtr = new Int32Array(nUsers + 1);
  const touched = new Int32Array(nItems);
  let colIdx = new Int32Array(Math.max(16, log.length));
  let values = new Float32Array(colIdx.length);
  let lastTs = new Float64Array(colIdx.length);
  let nnz = 0;
  for (let u = 0; u < nUsers; u++) {
    let count = 0;
    for (let k = grouped.start[u] as number; k < (grouped.start[u + 1] as number); k++) {
      const r = grouped.rows[k] as number;
      const i = log.item[r] as number;
      const t = log.ts[r] as number;
      const w = options.binary ? 1 : (log.weight[r] as number) * (options.decay === undefined ? 1 : decayFactor(t, options.decay));
      if (slot[i] === -1) {
        slot[i] = count;
        touched[count++] = i;
        sum[i] = 0;
        last[i] = t;
      }
      sum[i] = options.binary ? 1 : (sum[i] as number) + w;
      if (t > (last[i] as number)) last[i] = t;
    }
    const row = touched.subarray(0, count).sort();
    for (let k = 0; k < count; k++) {
      const i = row[k] as number;
      colIdx[nnz] = i;
      values[nnz] = sum[i] as number;
      lastTs[nnz] = last[i] as number;
      nnz++;
      slot[i] = -1;
    }
    rowPtr[u + 1] = nnz;
  }
  colIdx = colIdx.slice(0, nnz);
  values = values.slice(0, nnz);
  lastTs = lastTs.slice(0, nnz);
  return { rows: nUsers, cols: nItems, rowPtr, colIdx, values, lastTs };
}

/** Row `r` of `m` as a sparse vector (views into the matrix, no copy). */
export function rowOf(m: InteractionMatrix, r: number): SparseVector {
  const from = m.rowPtr[r] as number;
  const to = m.rowPtr[r + 1] as number;
  return { indices: m.colIdx.subarray(from, to), values: m.values.subarray(from, to) };
}

/** The transpose of `m` (items × users from users × items), rows ascending, in O(nnz). */
export function transposeMatrix(m: InteractionMatrix): InteractionMatrix {
  const nnz = m.colIdx.length;
  const rowPtr = new Int32Array(m.cols + 1);
  for (let k = 0; k < nnz; k++) {
    const c = (m.colIdx[k] as number) + 1;
    rowPtr[c] = (rowPtr[c] as number) + 1;
  }
  for (let c = 0; c < m.cols; c++) rowPtr[c + 1] = (rowPtr[c + 1] as number) + (rowPtr[c] as number);
  const next = rowPtr.slice(0, m.cols);
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  const lastTs = new Float64Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.rowPtr[r] as number; k < (m.rowPtr[r + 1] as number); k++) {
      const c = m.colIdx[k] as number;
      const at = next[c] as number;
      colIdx[at] = r;
      values[at] = m.values[k] as number;
      lastTs[at] = m.lastTs[k] as number;
      next[c] = at + 1;
    }
  }
  return { rows: m.cols, cols: m.rows, rowPtr, colIdx, values, lastTs };
}

/** Number of non-empty cells in each column of `m` (for users × items: distinct users per item). */
export function columnCounts(m: InteractionMatrix): Float32Array {
  const counts = new Float32Array(m.cols);
  for (let k = 0; k < m.colIdx.length; k++) {
    const c = m.colIdx[k] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

/** The latest event time in `log`, or 0 for an empty log (SAR's default decay reference). */
export function latestTimestamp(log: InteractionLog): number {
  let latest = 0;
  for (let r = 0; r < log.length; r++) if ((log.ts[r] as number) > latest) latest = log.ts[r] as number;
  return latest;
}

/** Builds a sparse vector from (index, value) pairs, summing repeats and sorting indices. */
export function sparseVectorOf(pairs: Iterable<readonly [number, number]>): SparseVector {
  const acc = new Map<number, number>();
  for (const [i, v] of pairs) acc.set(i, (acc.get(i) ?? 0) + v);
  const indices = Int32Array.from(acc.keys()).sort();
  const values = Float32Array.from(indices, (i) => acc.get(i) as number);
  return { indices, values };
}
