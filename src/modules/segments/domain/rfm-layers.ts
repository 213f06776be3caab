import type { RfmScores } from './rfm-score.js';

/**
 * The named layers merchants act on, as rules over R/F/M scores. Pure. Rules are tried in order and
 * the first match names the layer; a buyer no rule matches is `other`. Each rule is a conjunction of
 * inclusive score ranges; a dimension it leaves out matches any score.
 *
 * Default rules, for scores 1–5 (README "Layers"):
 *   loyal               R 3–5, F 4–5        bought often, and not long ago
 *   high_potential_new  R 4–5, F 1–2, M 3–5 recent first (or second) orders already at or above the middle spend band
 *   at_risk             R 1–2, F 3–5        repeat buyers who have gone quiet
 *   dormant             R 1–2, F 1–2        one or two orders, long ago
 */

/** The named layers, in the default evaluation order. */
export const LAYER_NAMES = ['loyal', 'high_potential_new', 'at_risk', 'dormant'] as const;
/** A named layer. */
export type LayerName = (typeof LAYER_NAMES)[number];
/** A named layer, or `other` when no rule matched. */
export type LayerOrOther = LayerName | 'other';

/** An inclusive score range. */
export type ScoreRange = readonly [min: number, max: number];

/** One layer rule: inclusive ranges per dimension; an absent dimension matches any score. */
export interface LayerRule {
  readonly layer: LayerName;
  readonly r?: ScoreRange | undefined;
  readonly f?: ScoreRange | undefined;
  readonly m?: ScoreRange | undefined;
}

/** The default rules for scores 1–5, in evaluation order. */
export const DEFAULT_LAYER_RULES: readonly LayerRule[] = [
  { layer: 'loyal', r: [3, 5], f: [4, 5] },
  { layer: 'high_potential_new', r: [4, 5], f: [1, 2], m: [3, 5] },
  { layer: 'at_risk', r: [1, 2], f: [3, 5] },
  { layer: 'dormant', r: [1, 2], f: [1, 2] },
];

const within = (score: number, range: ScoreRange | undefined): boolean => range === undefined || (score >= range[0] && score <= range[1]);

/** The layer of one buyer: the first rule that matches, else `other`. */
export function classifyLayer(s: RfmScores, rules: readonly LayerRule[]): LayerOrOther {
  for (const rule of rules) if (within(s.r, rule.r) && within(s.f, rule.f) && within(s.m, rule.m)) return rule.layer;
  return 'other';
}

/** Renders rules in the text form `parseLayerRules` reads. */
export function formatLayerRules(rules: readonly LayerRule[]): string {
  const range = (d: string, r: ScoreRange | undefined): string[] => (r ? [`${d}${r[0]}-${r[1]}`] : []);
  return rules.map((rule) => `${rule.layer}:${[...range('R', rule.r), ...range('F', rule.f), ...range('M', rule.m)].join(',')}`).join(';');
}

const TERM_RE = /^([RFM])(\d+)(?:-(\d+))?$/;

/**
 * Parses rules written as `layer:R3-5,F4-5;layer2:R4-5,M3` (evaluation order as written; a single
 * number is a one-score range; layers left out are never assigned). Returns the rules or a reason.
 * @example parseLayerRules('loyal:R4-5,F4-5;dormant:R1', 5)
 */
export function parseLayerRules(text: string, scores: number): { ok: true; rules: LayerRule[] } | { ok: false; reason: string } {
  const rules: LayerRule[] = [];
  const seen = new Set<string>();
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const layer = (colon < 0 ? part : part.slice(0, colon)).trim();
    if (!(LAYER_NAMES as readonly string[]).includes(layer)) return { ok: false, reason: `unknown layer ${layer}; use ${LAYER_NAMES.join(', ')}` };
    if (seen.has(layer)) return { ok: false, reason: `layer ${layer} is given twice` };
    seen.add(layer);
    const rule: { layer: LayerName; r?: ScoreRange; f?: ScoreRange; m?: ScoreRange } = { layer: layer as LayerName };
    const terms = colon < 0 ? [] : part.slice(colon + 1).split(',').map((t) => t.trim()).filter(Boolean);
    for (const term of terms) {
      const m = TERM_RE.exec(term.toUpperCase());
      if (!m) return { ok: false, reason: `${layer}: ${term} is not like R3-5, F4 or M1-2` };
      const lo = Number(m[2]);
      const hi = m[3] === undefined ? lo : Number(m[3]);
      if (lo < 1 || hi > scores || lo > hi) return { ok: false, reason: `${layer}: ${term} must lie within 1-${scores} with min ≤ max` };
      const key = (m[1] as string).toLowerCase() as 'r' | 'f' | 'm';
      if (rule[key]) return { ok: false, reason: `${layer}: ${m[1]} is given twice` };
      rule[key] = [lo, hi];
    }
    rules.push(rule);
  }
  if (rules.length === 0) return { ok: false, reason: 'no rules given' };
  return { ok: true, rules };
}
