import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../../../test/harness/data-dir.js';
import { attribute, type ModelOptions } from './attribute.js';
import { attributeMarkov } from './markov.js';
import { parsePathFile } from './path-file.js';

/*
 * Golden: the ChannelAttribution white paper's worked example (three journeys of A and B, each one
 * conversion), read from the shared data folder (SOURCE.md there gives the published numbers).
 */
const dir = dataset('channelattribution-whitepaper-example');
const file = dir ? parsePathFile(readFileSync(join(dir, 'whitepaper_example_paths.csv'), 'utf8')) : undefined;
const base: ModelOptions = { model: 'markov', order: 1, collapseRepeats: true, halfLifeMs: 1, maxStates: 100 };
const credit = (model: ModelOptions['model'], extra: Partial<ModelOptions> = {}): Record<string, number> =>
  Object.fromEntries(attribute(file?.journeys ?? [], false, { ...base, model, ...extra }).channels.map((c) => [c.channel, c.conversions]));

describe.skipIf(!file)('ChannelAttribution white paper example (needs the shared data folder)', () => {
  it('white paper convention (self-loops kept): the published transition counts, removal effects A 1, B 0.5, attribution A 2, B 1', () => {
    const m = attributeMarkov(file?.journeys ?? [], { order: 1, collapseRepeats: false, maxStates: 100 });
    const counts = Object.fromEntries(m.transitions.map((t) => [`${t.from}→${t.to}`, t.count]));
    expect(counts).toEqual({ '(start)→A': 3, 'A→A': 2, 'A→B': 3, 'A→(conversion)': 3, 'B→A': 3, 'B→B': 2 });
    expect(m.conversionProbability).toBeCloseTo(1, 12);
    expect(m.removalEffects.get('A')?.conversion).toBeCloseTo(1, 12);
    expect(m.removalEffects.get('B')?.conversion).toBeCloseTo(0.5, 12);
    expect(m.credits.get('A')?.conversions).toBeCloseTo(2, 12);
    expect(m.credits.get('B')?.conversions).toBeCloseTo(1, 12);
  });

  it('our default (repeats collapsed): no self-loops, and at order 1 the same removal effects and attribution', () => {
    // Paths become A>B>A>B>A, A>B>A, A. Dropping a self-loop only stretches the time spent in a state:
    // the probabilities of leaving A towards B or towards conversion keep their ratio (3:3 either way),
    // so at order 1 absorption probabilities, removal effects and credits cannot change.
    const m = attributeMarkov(file?.journeys ?? [], { order: 1, collapseRepeats: true, maxStates: 100 });
    const counts = Object.fromEntries(m.transitions.map((t) => [`${t.from}→${t.to}`, t.count]));
    expect(counts).toEqual({ '(start)→A': 3, 'A→B': 3, 'A→(conversion)': 3, 'B→A': 3 });
    expect(m.removalEffects.get('A')?.conversion).toBeCloseTo(1, 12);
    expect(m.removalEffects.get('B')?.conversion).toBeCloseTo(0.5, 12);
    expect(credit('markov')).toEqual({ A: expect.closeTo(2, 12), B: expect.closeTo(1, 12) });
  });

  it('the two conventions differ at order 2, where a self-loop state (A, A) exists only when repeats are kept', () => {
    const kept = attributeMarkov(file?.journeys ?? [], { order: 2, collapseRepeats: false, maxStates: 100 });
    const collapsed = attributeMarkov(file?.journeys ?? [], { order: 2, collapseRepeats: true, maxStates: 100 });
    expect(kept.transitions.some((t) => t.from === 'A > A')).toBe(true);
    expect(collapsed.transitions.some((t) => t.from === 'A > A')).toBe(false);
    // Every conversion happens from state A; without A nothing converts in either convention.
    expect(kept.removalEffects.get('A')?.conversion).toBeCloseTo(1, 12);
    expect(collapsed.removalEffects.get('A')?.conversion).toBeCloseTo(1, 12);
  });

  it('first touch and last touch give all 3 conversions to A; linear gives A 2.1, B 0.9', () => {
    // B is listed (it was touched) with no credit.
    expect(credit('first_touch')).toEqual({ A: 3, B: 0 });
    expect(credit('last_touch')).toEqual({ A: 3, B: 0 });
    // Linear, by hand: A>B>A>B>B>A → A 3/6, B 3/6; A>B>B>A>A → A 3/5, B 2/5; A>A → A 1.
    expect(credit('linear')).toEqual({ A: expect.closeTo(2.1, 12), B: expect.closeTo(0.9, 12) });
  });
});
