import { AppError } from '../../../shared/errors/index.js';
import { collapseRepeats, type ChannelCredit, type Journey } from './journey.js';
import { invert, SingularMatrixError } from './linear-solve.js';

/**
 * Markov-chain attribution of order k with exact removal effects.
 *
 * States are the last k channels of a path (fewer at its start) plus START; CONVERSION and NULL
 * absorb. Transition probabilities are observed counts (a path counts conversions + nulls times on
 * each of its steps) over each state's outflow. With x = (I − Q)⁻¹ b, b_s = P(s → CONVERSION), x_START
 * is the conversion probability. Removing channel c sends every state that contains c to NULL; the
 * removed chain is solved exactly from the one inverse by the Woodbury identity (no simulation):
 *   y = x − W b_S,  x'_START = y_START − W_{START,S} (W_{S,S})⁻¹ y_S,  W = (I − Q)⁻¹[:, S].
 * removal effect(c) = 1 − x'_START / x_START, and c gets total × effect(c) / Σ effects.
 * Value uses the same chain with b_s = P(s → CONVERSION) × mean value of the conversions from s.
 */
export interface MarkovOptions {
  /** Order k ≥ 1: how many past channels a state remembers. */
  readonly order: number;
  /** Drop consecutive repeats before counting (our default, as ChannelAttribution does); false keeps self-loops. */
  readonly collapseRepeats: boolean;
  /** Refuse chains with more transient states than this (`attribution_too_many_states`). */
  readonly maxStates: number;
}

export interface MarkovTransition { readonly from: string; readonly to: string; readonly count: number }

export interface MarkovResult {
  /** Conversion probability from START of the full chain. */
  readonly conversionProbability: number;
  /** Removal effects per channel: on conversions and on conversion value. */
  readonly removalEffects: Map<string, { conversion: number; value: number }>;
  readonly credits: Map<string, ChannelCredit>;
  /** Observed transition counts, labelled `(start)`, `A`, `A > B`, `(conversion)`, `(null)`. */
  readonly transitions: MarkovTransition[];
  /** Transient states including START. */
  readonly states: number;
}

const START = '(start)';
const CONV = '(conversion)';
const NULL = '(null)';

export interface Chain { labels: string[]; tuples: string[][]; index: Map<string, number>; edges: Map<number, Map<string, number>>; convValue: number[] }

function stateOf(chain: Chain, tuple: string[]): number {
  const key = JSON.stringify(tuple);
  let i = chain.index.get(key);
  if (i === undefined) {
    i = chain.labels.length;
    chain.index.set(key, i);
    chain.labels.push(tuple.join(' > '));
    chain.tuples.push(tuple);
    chain.convValue.push(0);
  }
  return i;
}

function count(chain: Chain, from: number, to: string, n: number): void {
  if (n === 0) return;
  let out = chain.edges.get(from);
  if (!out) { out = new Map(); chain.edges.set(from, out); }
  out.set(to, (out.get(to) ?? 0) + n);
}

/** Counts the transitions of the order-k chain over the journeys that have touches. */
export function buildChain(journeys: readonly Journey[], options: Pick<MarkovOptions, 'order' | 'collapseRepeats'>): Chain {
  const chain: Chain = { labels: [START], tuples: [[]], index: new Map([['[]', 0]]), edges: new Map(), convValue: [0] };
  for (const j of journeys) {
    const raw = j.touches.map((t) => t.channel);
    const path = options.collapseRepeats ? collapseRepeats(raw) : raw;
    const weight = j.conversions + j.nulls;
    if (path.length === 0 || weight === 0) continue;
    let prev = 0;
    for (let i = 0; i < path.length; i++) {
      const s = stateOf(chain, path.slice(Math.max(0, i - options.order + 1), i + 1));
      count(chain, prev, String(s), weight);
      prev = s;
    }
    count(chain, prev, CONV, j.conversions);
    count(chain, prev, NULL, j.nulls);
    chain.convValue[prev] = (chain.convValue[prev] as number) + j.value;
  }
  return chain;
}

/** Lists a chain's transition counts with readable labels, in first-seen order. */
export function listTransitions(chain: Chain): MarkovTransition[] {
  const list: MarkovTransition[] = [];
  for (const [from, out] of chain.edges) {
    for (const [to, n] of out) list.push({ from: chain.labels[from] as string, to: to === CONV || to === NULL ? to : (chain.labels[Number(to)] as string), count: n });
  }
  return list;
}

/** Runs the order-k Markov model; attributes the journeys' conversions and value by removal effects. */
export function attributeMarkov(journeys: readonly Journey[], options: MarkovOptions): MarkovResult {
  const chain = buildChain(journeys, options);
  const n = chain.labels.length;
  if (n > options.maxStates) {
    throw new AppError('attribution_too_many_states', `order ${options.order} gives ${n} states, more than the limit ${options.maxStates}`, { details: { states: n, limit: options.maxStates } });
  }
  const a = new Float64Array(n * n);
  const b = new Array<number>(n).fill(0);
  const bv = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 1;
    const out = chain.edges.get(i);
    if (!out) continue;
    let total = 0;
    for (const c of out.values()) total += c;
    for (const [to, c] of out) {
      if (to === CONV) { b[i] = c / total; bv[i] = (chain.convValue[i] as number) / total; } else if (to !== NULL) a[i * n + Number(to)] = (a[i * n + Number(to)] as number) - c / total;
    }
  }
  let inv: Float64Array;
  try {
    inv = invert(a, n);
  } catch (err) {
    if (err instanceof SingularMatrixError) throw new AppError('internal_error', 'the Markov chain has a state that never absorbs', { cause: err });
    throw err;
  }
  const apply = (rhs: number[]): number[] => rhs.map((_, r) => rhs.reduce((s, v, c) => s + (inv[r * n + c] as number) * v, 0));
  const x = apply(b);
  const xv = apply(bv);
  const channels = new Set(chain.tuples.flat());
  const removalEffects = new Map<string, { conversion: number; value: number }>();
  for (const c of [...channels].sort()) {
    const S = chain.tuples.flatMap((t, i) => (t.includes(c) ? [i] : []));
    removalEffects.set(c, { conversion: removalEffect(inv, n, S, x, b), value: removalEffect(inv, n, S, xv, bv) });
  }
  const used = journeys.filter((j) => j.touches.length > 0);
  const totalConversions = used.reduce((s, j) => s + j.conversions, 0);
  const totalValue = used.reduce((s, j) => s + j.value, 0);
  let sumC = 0;
  let sumV = 0;
  for (const e of removalEffects.values()) { sumC += e.conversion; sumV += e.value; }
  const credits = new Map<string, ChannelCredit>();
  for (const [c, e] of removalEffects) {
    credits.set(c, { conversions: sumC > 0 ? (totalConversions * e.conversion) / sumC : 0, value: sumV > 0 ? (totalValue * e.value) / sumV : 0 });
  }
  return { conversionProbability: x[0] as number, removalEffects, credits, transitions: listTransitions(chain), states: n };
}

/** 1 − x'_START / x_START for the chain with the states `S` sent to NULL (Woodbury on the full inverse). */
function removalEffect(inv: Float64Array, n: number, S: readonly number[], x: readonly number[], b: readonly number[]): number {
  const x0 = x[0] as number;
  if (x0 <= 0) return 0;
  const m = S.length;
  const wb = (row: number): number => S.reduce((s, j) => s + (inv[row * n + j] as number) * (b[j] as number), 0);
  const y0 = x0 - wb(0);
  const yS = S.map((i) => (x[i] as number) - wb(i));
  const block = new Float64Array(m * m);
  S.forEach((i, r) => S.forEach((j, c) => { block[r * m + c] = inv[i * n + j] as number; }));
  const blockInv = invert(block, m);
  let correction = 0;
  for (let r = 0; r < m; r++) {
    let z = 0;
    for (let c = 0; c < m; c++) z += (blockInv[r * m + c] as number) * (yS[c] as number);
    correction += (inv[S[r] as number] as number) * z;
  }
  const removed = Math.max(0, y0 - correction);
  // Floating error may leave −1e−16 and the like; an effect is a share in [0, 1].
  return Math.min(1, Math.max(0, 1 - removed / x0));
}
