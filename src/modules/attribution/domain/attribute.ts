import { attributeHeuristic, type HeuristicModel } from './heuristics.js';
import type { ChannelCredit, Journey } from './journey.js';
import { splitLargestRemainder } from '../../../shared/money.js';
import { attributeMarkov } from './markov.js';
import { attributeShapleyClosedForm, attributeShapleyExact, SHAPLEY_DEFINITION, SHAPLEY_EXACT_MAX_CHANNELS } from './shapley.js';

/** Every attribution model. */
export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based', 'markov', 'shapley'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export interface ModelOptions {
  readonly model: AttributionModel;
  /** Markov order k (≥ 1). */
  readonly order: number;
  /** Markov: drop consecutive repeats before counting (default true); false keeps self-loops. */
  readonly collapseRepeats: boolean;
  /** Time decay half-life, ms. */
  readonly halfLifeMs: number;
  /** Markov: most transient states allowed. */
  readonly maxStates: number;
}

/** One channel's credit. `value` is exact (fractional); `valueFen` the largest-remainder split of the integer total. */
export interface ChannelAttribution {
  readonly channel: string;
  readonly conversions: number;
  readonly value?: number;
  readonly valueFen?: number;
  /** Markov only: share of conversions lost when the channel is removed. */
  readonly removalEffect?: number;
  /** Markov only: share of conversion value lost when the channel is removed. */
  readonly removalEffectValue?: number;
}

export interface AttributionTotals {
  readonly journeys: number;
  readonly conversions: number;
  readonly nulls: number;
  /** Conversions of journeys with at least one touch: what the channels share. */
  readonly attributedConversions: number;
  /** Conversions with no touch (in the window): credited to no channel. */
  readonly unattributedConversions: number;
  readonly value?: number;
  readonly attributedValue?: number;
  readonly unattributedValue?: number;
}

export interface AttributionReport {
  readonly model: AttributionModel;
  /** What the model computes, in words (names the Shapley definition). */
  readonly definition: string;
  readonly channels: ChannelAttribution[];
  readonly totals: AttributionTotals;
  /** Markov only. */
  readonly markov?: { readonly order: number; readonly collapseRepeats: boolean; readonly states: number; readonly conversionProbability: number };
  /** Shapley only: enumeration of coalitions or the (equal) closed form. */
  readonly shapleyMethod?: 'exact' | 'closed_form';
}

const DEFINITIONS: Record<HeuristicModel, string> = {
  first_touch: 'All of a journey\'s conversions to its first touch (ChannelAttribution first touch).',
  last_touch: 'All of a journey\'s conversions to its last touch (ChannelAttribution last touch).',
  linear: 'Each touch gets 1/path length of the journey; repeats of a channel add up (ChannelAttribution linear touch).',
  time_decay: 'Touch weight ∝ 2^(−(conversion time − touch time)/half-life), normalised per journey.',
  position_based: 'U-shaped: 40% to the first touch, 40% to the last, 20% shared equally by the touches between; one touch 100%, two touches 50% each.',
};

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Runs `options.model` over the journeys and assembles the per-channel report (largest credit first). */
export function attribute(journeys: readonly Journey[], hasValue: boolean, options: ModelOptions): AttributionReport {
  const touched = journeys.filter((j) => j.touches.length > 0);
  let credits: Map<string, ChannelCredit>;
  let definition: string;
  let extra: Partial<Pick<AttributionReport, 'markov' | 'shapleyMethod'>> = {};
  let effects: Map<string, { conversion: number; value: number }> | undefined;
  if (options.model === 'markov') {
    const m = attributeMarkov(journeys, options);
    credits = m.credits;
    effects = m.removalEffects;
    definition = `Markov chain of order ${options.order} over ${options.collapseRepeats ? 'paths with consecutive repeats collapsed' : 'paths as observed (self-loops kept)'}; removal effects solved exactly on the absorbing chain; credit = conversions × removal effect / sum of removal effects.`;
    extra = { markov: { order: options.order, collapseRepeats: options.collapseRepeats, states: m.states, conversionProbability: m.conversionProbability } };
  } else if (options.model === 'shapley') {
    const channelCount = new Set(touched.flatMap((j) => j.touches.map((t) => t.channel))).size;
    const exact = channelCount <= SHAPLEY_EXACT_MAX_CHANNELS;
    credits = exact ? attributeShapleyExact(journeys) : attributeShapleyClosedForm(journeys);
    definition = SHAPLEY_DEFINITION;
    extra = { shapleyMethod: exact ? 'exact' : 'closed_form' };
  } else {
    credits = attributeHeuristic(options.model, journeys, { halfLifeMs: options.halfLifeMs });
    definition = DEFINITIONS[options.model];
  }
  const rows = [...credits].sort(([a, x], [b, y]) => y.conversions - x.conversions || y.value - x.value || (a < b ? -1 : a > b ? 1 : 0));
  const attributedValue = sum(touched.map((j) => j.value));
  const fen = hasValue && journeys.every((j) => Number.isInteger(j.value))
    ? splitLargestRemainder(attributedValue, rows.map(([, c]) => Math.max(0, c.value)))
    : undefined;
  const channels: ChannelAttribution[] = rows.map(([channel, c], i) => ({
    channel, conversions: c.conversions,
    ...(hasValue ? { value: c.value } : {}),
    ...(fen ? { valueFen: fen[i] as number } : {}),
    ...(effects ? { removalEffect: effects.get(channel)?.conversion ?? 0 } : {}),
    ...(effects && hasValue ? { removalEffectValue: effects.get(channel)?.value ?? 0 } : {}),
  }));
  const conversions = sum(journeys.map((j) => j.conversions));
  const attributedConversions = sum(touched.map((j) => j.conversions));
  const value = sum(journeys.map((j) => j.value));
  const totals: AttributionTotals = {
    journeys: journeys.length, conversions, nulls: sum(journeys.map((j) => j.nulls)),
    attributedConversions, unattributedConversions: conversions - attributedConversions,
    ...(hasValue ? { value, attributedValue, unattributedValue: value - attributedValue } : {}),
  };
  return { model: options.model, definition, channels, totals, ...extra };
}
