import { AppError } from '../../../shared/errors/index.js';

/**
 * A property filter on a funnel step, e.g. `play` with `watchRatio ≥ 0.5` (watch depth, watchMs/durationMs)
 * or `platform = douyin`. `field` is an event field (`platform`, `creatorId`, `amount`, `watchMs`, …),
 * `watchRatio`, or `properties.<name>` for something the sender put in properties.
 */
export interface StepFilter {
  readonly field: string;
  readonly op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
  readonly value: string | number | boolean | readonly (string | number)[];
}

const OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in']);

/** Validates one filter (step index for the message); throws `funnels_invalid_options`. */
export function checkFilter(f: StepFilter, step: number): void {
  if (typeof f.field !== 'string' || f.field === '' || !OPS.has(f.op)) {
    throw new AppError('funnels_invalid_options', `step ${step + 1}: a filter needs a field and an op (${[...OPS].join(', ')})`);
  }
  if (f.op === 'in' ? !Array.isArray(f.value) : Array.isArray(f.value) || f.value === undefined) {
    throw new AppError('funnels_invalid_options', `step ${step + 1}: filter ${f.field} ${f.op} needs ${f.op === 'in' ? 'a list' : 'one value'}`);
  }
}

/** Reads a filter field from an event's column values and its decoded attrs. */
export function fieldValue(field: string, columns: Readonly<Record<string, unknown>>, attrs: Readonly<Record<string, unknown>>): unknown {
  if (field === 'watchRatio') {
    const w = attrs.watchMs;
    const d = attrs.durationMs;
    return typeof w === 'number' && typeof d === 'number' && d > 0 ? w / d : undefined;
  }
  if (field.startsWith('properties.')) return (attrs.properties as Record<string, unknown> | undefined)?.[field.slice(11)];
  return columns[field] ?? attrs[field];
}

/** True when the value passes the filter; a missing value passes only `neq`. */
export function passes(f: StepFilter, value: unknown): boolean {
  if (value === undefined || value === null) return f.op === 'neq';
  switch (f.op) {
    case 'eq': return value === f.value || String(value) === String(f.value);
    case 'neq': return !(value === f.value || String(value) === String(f.value));
    case 'in': return (f.value as readonly (string | number)[]).some((v) => String(v) === String(value));
    default: {
      const a = Number(value);
      const b = Number(f.value);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return f.op === 'gt' ? a > b : f.op === 'gte' ? a >= b : f.op === 'lt' ? a < b : a <= b;
    }
  }
}
