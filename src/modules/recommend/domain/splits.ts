import type { Rng } from '../../../shared/random.js';
import { groupRows, groupRowsByUser, selectRows, type InteractionLog } from './interaction-log.js';

/** A train / test partition of a log's rows; both halves share the log's id dictionaries. */
export interface Split {
  readonly train: InteractionLog;
  readonly test: InteractionLog;
}

/** Options of `stratifiedSplit`. */
export interface StratifiedSplitOptions {
  /** Share of each group's rows that goes to train, strictly between 0 and 1 (0.75 in Recommenders). */
  readonly ratio: number;
  /** Stratify per user (default, Recommenders' `filter_by="user"`) or per item (`filter_by="item"`). */
  readonly by?: 'user' | 'item';
}

/** Rounds half to even, as Python's `round` (0.5 → 0, 1.5 → 2, 2.5 → 2). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Fisher–Yates shuffle of `a[from..to)` in place with `rng`. */
function shuffleRange(a: Int32Array, from: number, to: number, rng: Rng): void {
  for (let i = to - 1; i > from; i--) {
    const j = from + Math.floor(rng.next() * (i - from + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}

/** Splits row indices by a 0/1 mark into train (0) and test (1) logs, both in log order. */
function partition(log: InteractionLog, toTest: Uint8Array): Split {
  let nTest = 0;
  for (let r = 0; r < log.length; r++) nTest += toTest[r] as number;
  const train = new Int32Array(log.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let r = 0; r < log.length; r++) {
    if (toTest[r] === 1) test[b++] = r;
    else train[a++] = r;
  }
  return { train: selectRows(log, train), test: selectRows(log, test) };
}

/**
 * Stratified random split: within each user (or item), the rows are shuffled with `rng` (Fisher–Yates)
 * and the first round(ratio · n) go to train, rounding half to even. On MovieLens 100k at 0.75 per user
 * that is 74,992 train / 25,008 test rows, the sizes the Recommenders SAR quick-start printed (its
 * splitter then split each user's rows at Python `round(0.75·n)`; today's `_do_stratification` keeps rows
 * with rank/n ≤ ratio, i.e. floor, which gives 74,646). The rows differ from Recommenders': pandas
 * shuffles with NumPy's Mersenne Twister (seed 42), we with the injected Rng, so only the per-group
 * counts are the same. Throws RangeError when ratio is not in (0, 1).
 */
export function stratifiedSplit(log: InteractionLog, options: StratifiedSplitOptions, rng: Rng): Split {
  const { ratio } = options;
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`ratio must be in (0, 1), got ${ratio}`);
  const grouped = options.by === 'item' ? groupRows(log.item, log.items.size) : groupRowsByUser(log);
  const rows = grouped.rows.slice();
  const toTest = new Uint8Array(log.length);
  const groups = grouped.start.length - 1;
  for (let g = 0; g < groups; g++) {
    const from = grouped.start[g] as number;
    const to = grouped.start[g + 1] as number;
    shuffleRange(rows, from, to, rng);
    const nTrain = roundHalfEven(ratio * (to - from));
    for (let k = from + nTrain; k < to; k++) toTest[rows[k] as number] = 1;
  }
  return partition(log, toTest);
}

/**
 * Leave-last-out: for every user with at least two distinct items, the item of their latest event
 * (ties: the later row) is held out — all of the user's rows on that item go to test, so the model never
 * saw the user touch it; everything else trains. Users with one distinct item only train.
 */
export function leaveLastOutSplit(log: InteractionLog): Split {
  const grouped = groupRowsByUser(log);
  const toTest = new Uint8Array(log.length);
  for (let u = 0; u < log.users.size; u++) {
    const from = grouped.start[u] as number;
    const to = grouped.start[u + 1] as number;
    if (to - from < 2) continue;
    let lastRow = grouped.rows[from] as number;
    for (let k = from + 1; k < to; k++) {
      const r = grouped.rows[k] as number;
      if ((log.ts[r] as number) >= (log.ts[lastRow] as number)) lastRow = r;
    }
    const held = log.item[lastRow] as number;
    let other = false;
    for (let k = from; k < to && !other; k++) other = log.item[grouped.rows[k] as number] !== held;
    if (!other) continue;
    for (let k = from; k < to; k++) {
      const r = grouped.rows[k] as number;
      if (log.item[r] === held) toTest[r] = 1;
    }
  }
  return partition(log, toTest);
}
