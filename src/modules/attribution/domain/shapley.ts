import { addCredit, type ChannelCredit, type Journey } from './journey.js';

/**
 * Shapley attribution, the coalition definition of Zhao et al. (2018), "Shapley Value Methods for
 * Attribution Modeling in Online Advertising" (simplified form): the players are channels; the worth
 * of a coalition S is v(S) = the conversions (or value) of the journeys whose set of distinct channels
 * is a subset of S; a channel's credit is its Shapley value in that game. The game is a sum of
 * unanimity games, so the value has a closed form: each journey's conversions are split equally among
 * its distinct channels (order and repeats play no part). `attributeShapleyExact` enumerates the
 * coalitions and is used for up to `SHAPLEY_EXACT_MAX_CHANNELS` channels; the closed form beyond.
 */
export const SHAPLEY_DEFINITION = 'Coalition Shapley value over channel sets (Zhao et al. 2018, simplified form): v(S) = conversions (value) of journeys whose distinct-channel set ⊆ S; equivalently each journey is split equally among its distinct channels.';

/** Channels beyond which the exact enumeration (2^n coalitions) gives way to the closed form. */
export const SHAPLEY_EXACT_MAX_CHANNELS = 12;

/** The closed form: each converting journey's conversions and value split equally over its distinct channels. */
export function attributeShapleyClosedForm(journeys: readonly Journey[]): Map<string, ChannelCredit> {
  const credits = new Map<string, ChannelCredit>();
  for (const j of journeys) {
    const set = [...new Set(j.touches.map((t) => t.channel))];
    if (set.length === 0 || (j.conversions === 0 && j.value === 0)) continue;
    for (const c of set) addCredit(credits, c, 1 / set.length, j);
  }
  return credits;
}

/**
 * The Shapley value by its definition: φ_i = Σ_{S ⊆ N∖{i}} |S|! (n−|S|−1)! / n! · (v(S ∪ {i}) − v(S)).
 * Exponential in the number of channels; throws a RangeError beyond 20.
 */
export function attributeShapleyExact(journeys: readonly Journey[]): Map<string, ChannelCredit> {
  const channels = [...new Set(journeys.flatMap((j) => j.touches.map((t) => t.channel)))].sort();
  const n = channels.length;
  if (n > 20) throw new RangeError(`exact Shapley over ${n} channels is too large`);
  const bit = new Map(channels.map((c, i) => [c, 1 << i]));
  // Worth of each exact channel set (bitmask), then v(S) by summing over subsets.
  const exact = new Map<number, { conversions: number; value: number }>();
  for (const j of journeys) {
    if (j.touches.length === 0) continue;
    const mask = j.touches.reduce((m, t) => m | (bit.get(t.channel) as number), 0);
    const e = exact.get(mask) ?? { conversions: 0, value: 0 };
    e.conversions += j.conversions;
    e.value += j.value;
    exact.set(mask, e);
  }
  const size = 1 << n;
  const vc = new Float64Array(size);
  const vv = new Float64Array(size);
  for (let s = 0; s < size; s++) {
    for (const [mask, e] of exact) if ((mask & s) === mask) { vc[s] = (vc[s] as number) + e.conversions; vv[s] = (vv[s] as number) + e.value; }
  }
  const fact = [1];
  for (let i = 1; i <= n; i++) fact.push((fact[i - 1] as number) * i);
  const credits = new Map<string, ChannelCredit>();
  channels.forEach((c, i) => {
    const me = 1 << i;
    let conversions = 0;
    let value = 0;
    for (let s = 0; s < size; s++) {
      if (s & me) continue;
      const k = popcount(s);
      const w = ((fact[k] as number) * (fact[n - k - 1] as number)) / (fact[n] as number);
      conversions += w * ((vc[s | me] as number) - (vc[s] as number));
      value += w * ((vv[s | me] as number) - (vv[s] as number));
    }
    credits.set(c, { conversions, value });
  });
  return credits;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}
