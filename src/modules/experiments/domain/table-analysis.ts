import { AppError } from '../../../shared/errors/index.js';
import { MomentAccumulator, type Moments } from './accumulate.js';
import type { MetricDef, Variation } from './experiment.js';

/**
 * Results computed elsewhere (issue 6): one row per unit with its variant and metric columns, analysed
 * with the same engine. Pure: rows are given (the CLI streams the CSV). Values: numbers, or TRUE/FALSE
 * (also true/false, 1/0) for binary metrics. Optional outlier rule: drop units whose |z| on a column
 * exceeds a threshold (z over all units, population standard deviation, as pandas/scipy `zscore`).
 */

/** Which columns mean what. */
export interface TableSpec {
  readonly unit: string;
  readonly variant: string;
  readonly control: string;
  readonly metrics: readonly string[];
  /** A pre-exposure covariate column for CUPED, when the file has one. */
  readonly pre?: string | undefined;
  readonly outliers?: { readonly column: string; readonly z: number } | undefined;
}

/** The table as the engine sees it: arms (control first), metric definitions and their moments. */
export interface TableMoments {
  readonly variations: readonly Variation[];
  readonly metrics: readonly MetricDef[];
  readonly moments: Moments[][];
  readonly counts: number[];
  readonly rows: number;
  readonly droppedOutliers: number;
  readonly duplicateUnits: number;
}

function parseValue(raw: string): number {
  const s = raw.trim();
  if (/^(true|TRUE|True)$/.test(s)) return 1;
  if (/^(false|FALSE|False)$/.test(s)) return 0;
  return s === '' ? Number.NaN : Number(s);
}

/** Collects rows, then folds them into moments. */
export class TableCollector {
  private readonly idx: { unit: number; variant: number; metrics: number[]; pre: number; outlier: number };
  private readonly variants = new Map<string, number>();
  private readonly units = new Set<string>();
  private readonly rowsKept: { variant: number; values: number[]; pre: number; outlier: number }[] = [];
  private readonly binary: boolean[];
  duplicateUnits = 0;

  constructor(header: readonly string[], private readonly spec: TableSpec) {
    const col = (name: string): number => {
      const i = header.indexOf(name);
      if (i < 0) throw new AppError('experiments_invalid_csv', `no column ${name} in the header (${header.join(', ')})`);
      return i;
    };
    if (spec.metrics.length === 0) throw new AppError('experiments_invalid_csv', 'name at least one --metric column');
    this.idx = {
      unit: col(spec.unit), variant: col(spec.variant), metrics: spec.metrics.map(col),
      pre: spec.pre === undefined ? -1 : col(spec.pre), outlier: spec.outliers === undefined ? -1 : col(spec.outliers.column),
    };
    this.binary = spec.metrics.map(() => true);
  }

  /** Adds one row; throws `experiments_invalid_csv` naming the line when a value is not a number. */
  add(fields: readonly string[], line: number): void {
    const unit = fields[this.idx.unit] ?? '';
    if (this.units.has(unit)) { this.duplicateUnits++; return; }
    this.units.add(unit);
    const name = fields[this.idx.variant] ?? '';
    let variant = this.variants.get(name);
    if (variant === undefined) { variant = this.variants.size; this.variants.set(name, variant); }
    const values = this.idx.metrics.map((i, k) => {
      const v = parseValue(fields[i] ?? '');
      if (Number.isNaN(v)) throw new AppError('experiments_invalid_csv', `line ${line}: ${this.spec.metrics[k]} is not a number or TRUE/FALSE (${JSON.stringify(fields[i])})`);
      if (v !== 0 && v !== 1) this.binary[k] = false;
      return v;
    });
    const pre = this.idx.pre < 0 ? 0 : parseValue(fields[this.idx.pre] ?? '');
    const outlier = this.idx.outlier < 0 ? 0 : parseValue(fields[this.idx.outlier] ?? '');
    if (Number.isNaN(pre) || Number.isNaN(outlier)) throw new AppError('experiments_invalid_csv', `line ${line}: the covariate or outlier column is not a number`);
    this.rowsKept.push({ variant, values, pre, outlier });
  }

  /** Applies the outlier rule and folds the rows into moments (control first). */
  finish(): TableMoments {
    const control = this.variants.get(this.spec.control);
    if (control === undefined) throw new AppError('experiments_invalid_csv', `control ${this.spec.control} does not occur in ${this.spec.variant} (found ${[...this.variants.keys()].join(', ')})`);
    if (this.variants.size < 2) throw new AppError('experiments_invalid_csv', `${this.spec.variant} has one value only: nothing to compare`);
    const order = [control, ...[...this.variants.values()].filter((v) => v !== control)];
    const names = [...this.variants.keys()];
    const position = new Map(order.map((v, i) => [v, i]));
    let keep = (_r: { outlier: number }): boolean => true;
    const rule = this.spec.outliers;
    if (rule) {
      const n = this.rowsKept.length;
      const mean = this.rowsKept.reduce((s, r) => s + r.outlier, 0) / n;
      const sd = Math.sqrt(this.rowsKept.reduce((s, r) => s + (r.outlier - mean) ** 2, 0) / n);
      keep = (r) => sd === 0 || Math.abs((r.outlier - mean) / sd) <= rule.z;
    }
    const metrics: MetricDef[] = this.spec.metrics.map((key, k) => ({ key, label: key, kind: this.binary[k] ? 'conversion' : 'count', event: key }));
    const acc = new MomentAccumulator(order.length, metrics, false);
    const counts = new Array<number>(order.length).fill(0);
    let dropped = 0;
    for (const r of this.rowsKept) {
      if (!keep(r)) { dropped++; continue; }
      const v = position.get(r.variant) as number;
      counts[v] = (counts[v] ?? 0) + 1;
      acc.add(v, r.values.map((num) => (this.idx.pre < 0 ? { num, den: 1 } : { num, den: 1, pre: r.pre })));
    }
    const variations = order.map((v) => ({ key: names[v] as string, name: names[v] as string, weight: 1 / order.length }));
    return { variations, metrics, moments: acc.finish(), counts, rows: this.rowsKept.length + this.duplicateUnits, droppedOutliers: dropped, duplicateUnits: this.duplicateUnits };
  }
}
