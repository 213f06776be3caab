/**
 * Splitting one amount of money between parties (Formance-style splits): fixed fees first, then
 * shares in basis points apportioned with the largest-remainder (Hamilton) rule, the rest to a
 * residual party. Pure; integer minor units (fen) throughout; refusals are values, never throws.
 */

/** Basis points in a whole: 10,000 bp = 100 %. */
export const BASIS_POINTS_WHOLE = 10_000;

/** One party of a split: a share in basis points, a fixed fee in fen, both, or neither. */
export interface SplitWeight {
  readonly key: string;
  /** Share of what is left after all fixed fees, in 1/10,000 (non-negative integer). */
  readonly basisPoints?: number;
  /** Fixed amount in fen taken before any share (non-negative safe integer). */
  readonly fixedFen?: number;
}

/** What one party receives, in fen. */
export interface SplitLeg {
  key: string;
  amountFen: number;
}

/** A split (legs summing to the total exactly) or the reason it was refused. */
export type SplitOutcome =
  | { ok: true; legs: SplitLeg[] }
  | { ok: false; code: 'settlement_invalid_split'; reason: string };

const refuse = (reason: string): SplitOutcome => ({ ok: false, code: 'settlement_invalid_split', reason });

/**
 * Splits `total` fen between `weights` and `residualKey`. The published rule:
 *
 * 1. Fixed fees: every weight's `fixedFen` is taken from the total first, in input order.
 *    R = total − Σ fixedFen is what is left to share.
 * 2. Participants: every weight with its `basisPoints` (absent = 0), plus the residual party with the
 *    unassigned basis points 10,000 − Σ basisPoints. If `residualKey` is one of the weights, those are
 *    added to that weight's own basis points and it keeps its input position; otherwise the residual is
 *    a participant placed after all weights.
 * 3. Largest remainder (Hamilton): participant i's exact share is R × bp_i / 10,000. Each first gets
 *    floor(share). The L = R − Σ floor(share) leftover fen (L < number of participants) go one each to
 *    the L participants with the largest fractional remainders (R × bp_i mod 10,000); equal remainders
 *    are ordered by position (earlier first). Arithmetic is exact (BigInt), never floating point.
 * 4. Legs: one per weight in input order, then the residual's leg when it is not a weight (present
 *    even when 0). A leg is its fixed fee plus its apportioned share.
 *
 * Consequences: the legs sum to `total` exactly; each leg's share part is floor or ceil of its exact
 * share, so it differs from it by less than 1 fen, and a share that is already whole is never rounded.
 *
 * Refused (`settlement_invalid_split`, with a reason): `total` not a non-negative safe integer; a fixed
 * fee not a non-negative safe integer; basis points not a non-negative integer; basis points summing
 * above 10,000; fixed fees summing above `total`; a key appearing in two weights.
 *
 * @example
 * // 9,999 fen: creator 20 %, MCN 5 %, platform 3 % + 10 fen, the merchant takes the rest.
 * splitByLargestRemainder(9_999, [{ key: 'creator', basisPoints: 2000 }, { key: 'mcn', basisPoints: 500 },
 *   { key: 'platform', basisPoints: 300, fixedFen: 10 }], 'merchant')
 * // legs: creator 1998, mcn 499, platform 310, merchant 7192
 */
export function splitByLargestRemainder(total: number, weights: readonly SplitWeight[], residualKey: string): SplitOutcome {
  if (!Number.isSafeInteger(total) || total < 0) return refuse(`total must be a non-negative safe integer of fen, got ${total}`);
  const seen = new Set<string>();
  let fixedSum = 0;
  let bpSum = 0;
  for (const w of weights) {
    if (seen.has(w.key)) return refuse(`key "${w.key}" appears in more than one weight`);
    seen.add(w.key);
    const fixed = w.fixedFen ?? 0;
    const bp = w.basisPoints ?? 0;
    if (!Number.isSafeInteger(fixed) || fixed < 0) return refuse(`fixed fee of "${w.key}" must be a non-negative safe integer of fen, got ${fixed}`);
    if (!Number.isSafeInteger(bp) || bp < 0) return refuse(`basis points of "${w.key}" must be a non-negative integer, got ${bp}`);
    fixedSum += fixed;
    bpSum += bp;
    if (fixedSum > total) return refuse(`fixed fees (${fixedSum} fen so far) exceed the total of ${total} fen`);
    if (bpSum > BASIS_POINTS_WHOLE) return refuse(`basis points sum to more than ${BASIS_POINTS_WHOLE} (${bpSum} so far)`);
  }
  const unassigned = BASIS_POINTS_WHOLE - bpSum;
  const participants = weights.map((w) => ({ key: w.key, fixed: w.fixedFen ?? 0, bp: (w.basisPoints ?? 0) + (w.key === residualKey ? unassigned : 0) }));
  if (!seen.has(residualKey)) participants.push({ key: residualKey, fixed: 0, bp: unassigned });

  const shares = apportion(total - fixedSum, participants.map((p) => p.bp));
  return { ok: true, legs: participants.map((p, i) => ({ key: p.key, amountFen: p.fixed + (shares[i] ?? 0) })) };
}

/**
 * Hamilton apportionment of `amount` fen over basis points summing to exactly 10,000: floors first,
 * then one leftover fen each to the largest remainders, ties by position. Answers one share per weight.
 */
function apportion(amount: number, basisPoints: readonly number[]): number[] {
  return apportionByWeights(amount, basisPoints);
}

/**
 * Hamilton (largest-remainder) apportionment of `amount` fen in proportion to non-negative integer
 * `weights` (any sum > 0): each share is floor or ceil of amount × w / Σw, the shares sum to `amount`,
 * leftover fen go to the largest remainders, ties to the earlier weight. Exact (BigInt). With every
 * weight 0 (or none), everything goes to the first weight (an empty list answers []).
 * @example apportionByWeights(100, [1, 1, 1]) // [34, 33, 33]
 */
export function apportionByWeights(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? amount : 0));
  const big = BigInt(amount);
  const parts = weights.map((w, index) => {
    const numerator = big * BigInt(w);
    return { index, floor: Number(numerator / sum), remainder: numerator % sum };
  });
  let leftover = amount - parts.reduce((s, p) => s + p.floor, 0);
  const byRemainder = [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  const shares = parts.map((p) => p.floor);
  for (const p of byRemainder) {
    if (leftover <= 0) break;
    shares[p.index] = p.floor + 1;
    leftover -= 1;
  }
  return shares;
}
