import { AppError } from '../../../shared/errors/index.js';
import { ANALYSIS_DIMENSIONS, EVENT_NAMES } from '../../events/index.js';
import type { FunnelMode, WindowFrom } from './funnel-match.js';
import { checkFilter, type StepFilter } from './step-filter.js';

/** A breakdown dimension: an event column of the first step's event, the experiment variant, or the person's segment. */
export const FUNNEL_DIMENSIONS = [...ANALYSIS_DIMENSIONS, 'variantId', 'segment'] as const;
export type FunnelDimension = (typeof FUNNEL_DIMENSIONS)[number];

/** What a funnel counts: each person once, each session once, or every conversion. */
export const FUNNEL_COUNTS = ['persons', 'sessions', 'conversions'] as const;
export type FunnelCount = (typeof FUNNEL_COUNTS)[number];

export const FUNNEL_MODES: readonly FunnelMode[] = ['default', 'strict_order', 'strict_increase', 'any_order'];

/** One step: an event name, optional property filters, optional gap bounds from the previous step. */
export interface FunnelStep {
  readonly event: string;
  readonly where?: readonly StepFilter[] | undefined;
  readonly minGapMs?: number | undefined;
  readonly maxGapMs?: number | undefined;
}

/** Events that void an attempt when they happen between two of its matched steps (0-based, inclusive). */
export interface FunnelExclusion { readonly event: string; readonly fromStep?: number | undefined; readonly toStep?: number | undefined }

export interface FunnelRequest {
  readonly tenant: string;
  /** Event names or full step definitions, in order. */
  readonly steps: readonly (string | FunnelStep)[];
  readonly windowMs: number;
  readonly mode?: FunnelMode | undefined;
  readonly windowFrom?: WindowFrom | undefined;
  readonly exclusions?: readonly FunnelExclusion[] | undefined;
  readonly count?: FunnelCount | undefined;
  /** One or more breakdown dimensions (each group is one combination of values). */
  readonly by?: FunnelDimension | readonly FunnelDimension[] | undefined;
  /** Conversion value: GMV of the last step's events net of their orders' refunds. */
  readonly value?: boolean | undefined;
  /** How many most-common next events to list for those who dropped at each step (0 = none; default 3). */
  readonly nextEvents?: number | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/**
 * Reads exclusions written as text, comma-separated: `refund` (between the first and the last step) or
 * `refund:1-3` (between steps 1 and 3, counted from 1). Throws `funnels_invalid_options` for anything else.
 */
export function parseExclusions(text: string | undefined): FunnelExclusion[] {
  return (text ?? '').split(',').map((x) => x.trim()).filter(Boolean).map((item) => {
    const m = /^([a-z_]+)(?::(\d+)-(\d+))?$/.exec(item);
    if (!m) throw bad(`exclusion ${item} is not event or event:from-to (steps counted from 1)`);
    return m[2] === undefined ? { event: m[1] as string } : { event: m[1] as string, fromStep: Number(m[2]) - 1, toStep: Number(m[3]) - 1 };
  });
}

/** A request with every default applied and every value checked. */
export interface NormalisedFunnel {
  readonly steps: FunnelStep[];
  readonly windowMs: number;
  readonly mode: FunnelMode;
  readonly windowFrom: WindowFrom;
  readonly exclusions: { event: string; from: number; to: number }[];
  readonly count: FunnelCount;
  readonly by: FunnelDimension[];
  readonly value: boolean;
  readonly nextEvents: number;
}

const isName = (s: string): boolean => (EVENT_NAMES as readonly string[]).includes(s);
const bad = (message: string): AppError => new AppError('funnels_invalid_options', message);

/** Applies defaults and validates; throws `funnels_invalid_steps`, `funnels_invalid_window` or `funnels_invalid_options`. */
export function normaliseFunnel(req: FunnelRequest): NormalisedFunnel {
  const steps = req.steps.map((s) => (typeof s === 'string' ? { event: s } : s));
  if (steps.length < 2 || steps.some((s) => !isName(s.event))) {
    throw new AppError('funnels_invalid_steps', `steps must be at least two canonical event names, got ${steps.map((s) => s.event).join(',') || '(none)'}`);
  }
  if (!Number.isSafeInteger(req.windowMs) || req.windowMs <= 0) throw new AppError('funnels_invalid_window', 'window must be a positive duration');
  const mode = req.mode ?? 'default';
  if (!FUNNEL_MODES.includes(mode)) throw bad(`mode must be one of ${FUNNEL_MODES.join(', ')}`);
  const windowFrom = req.windowFrom ?? 'first_step';
  if (windowFrom !== 'first_step' && windowFrom !== 'previous_step') throw bad('windowFrom must be first_step or previous_step');
  if (mode === 'any_order' && (windowFrom !== 'first_step' || steps.some((s) => s.minGapMs !== undefined || s.maxGapMs !== undefined) || (req.exclusions?.length ?? 0) > 0)) {
    throw bad('any_order funnels take only a window from the first step: no step-to-step window, gaps or exclusions');
  }
  steps.forEach((s, i) => {
    for (const g of [s.minGapMs, s.maxGapMs]) if (g !== undefined && (!Number.isSafeInteger(g) || g < 0)) throw bad(`step ${i + 1}: gaps are non-negative whole milliseconds`);
    if (s.minGapMs !== undefined && s.maxGapMs !== undefined && s.minGapMs > s.maxGapMs) throw bad(`step ${i + 1}: minGap is larger than maxGap`);
    for (const f of s.where ?? []) checkFilter(f, i);
  });
  const exclusions = (req.exclusions ?? []).map((x) => {
    const from = x.fromStep ?? 0;
    const to = x.toStep ?? steps.length - 1;
    if (!isName(x.event)) throw bad(`exclusion event ${x.event} is not a canonical event name`);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= steps.length || from >= to) throw bad(`exclusion ${x.event}: steps must satisfy 0 ≤ from < to < ${steps.length}`);
    return { event: x.event, from, to };
  });
  const count = req.count ?? 'persons';
  if (!FUNNEL_COUNTS.includes(count)) throw bad(`count must be one of ${FUNNEL_COUNTS.join(', ')}`);
  const by = req.by === undefined ? [] : Array.isArray(req.by) ? [...req.by] : [req.by as FunnelDimension];
  for (const d of by) if (!(FUNNEL_DIMENSIONS as readonly string[]).includes(d)) throw new AppError('api_invalid_request', `by must be one of ${FUNNEL_DIMENSIONS.join(', ')}`);
  const nextEvents = req.nextEvents ?? 3;
  if (!Number.isInteger(nextEvents) || nextEvents < 0 || nextEvents > 20) throw bad('nextEvents must be a whole number from 0 to 20');
  return { steps, windowMs: req.windowMs, mode, windowFrom, exclusions, count, by, value: req.value ?? false, nextEvents };
}
