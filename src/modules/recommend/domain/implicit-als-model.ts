import { choleskySolveInPlace, dotRows } from './dense-linear.js';
import type { SparseVector } from './interaction-matrix.js';

/** How an interaction weight w becomes a confidence c (Hu, Koren & Volinsky 2008, section 4). */
export type ConfidenceScaling = 'linear' | 'log';

/** Hyper-parameters of implicit ALS. */
export interface AlsParams {
  /** Latent factors f (memory 4·f bytes per item). */
  readonly factors: number;
  /** Alternating passes (users then items). */
  readonly iterations: number;
  /** λ of the ridge penalty λ(‖x‖² + ‖y‖²). */
  readonly regularization: number;
  /** α: confidence c = 1 + α·w (`linear`) or 1 + α·ln(1 + w) (`log`). */
  readonly alpha: number;
  readonly confidence: ConfidenceScaling;
  /** Conjugate-gradient steps per row and pass (Takács, Pilászy & Tikk 2011); 3 is the usual choice. */
  readonly cgSteps: number;
}

/** The confidence of an interaction of weight `w` under `params`. */
export function confidenceOf(w: number, params: Pick<AlsParams, 'alpha' | 'confidence'>): number {
  return 1 + params.alpha * (params.confidence === 'log' ? Math.log1p(w) : w);
}

/**
 * A trained implicit-ALS model: user and item factor tables (row-major, `factors` wide) and the
 * regularised item Gram matrix YᵀY + λI that makes folding a user in O(|history|·f² + f³).
 */
export class ImplicitAlsModel {
  constructor(
    readonly params: AlsParams,
    /** nItems × f, row-major: item i's factors at [i·f, (i+1)·f). */
    readonly itemFactors: Float32Array,
    /** nUsers × f, row-major, for the users of the training matrix. */
    readonly userFactors: Float32Array,
    /** YᵀY + λI of `itemFactors` (f × f). */
    private readonly itemGram: Float64Array,
  ) {}

  /** Latent factors f. */
  get factors(): number {
    return this.params.factors;
  }

  /** Items the model scores (the training matrix's columns). */
  get items(): number {
    return this.itemFactors.length / this.params.factors;
  }

  /** Users trained. */
  get users(): number {
    return this.userFactors.length / this.params.factors;
  }

  /** A trained user's factors (a view). Throws RangeError for an unknown user index. */
  userVector(user: number): Float32Array {
    if (!(user >= 0 && user < this.users)) throw new RangeError(`no user ${user} (users: ${this.users})`);
    const f = this.params.factors;
    return this.userFactors.subarray(user * f, (user + 1) * f);
  }

  /**
   * Folds in one user from their interactions (item index → weight, e.g. signal weights summed) without
   * retraining: the exact ALS user step x = (YᵀY + λI + Σ (c_i − 1) y_i y_iᵀ)⁻¹ Σ c_i y_i. Items outside
   * the model are ignored; an empty history gives the zero vector. About 0.2 ms for 50 items at f = 64.
   */
  foldIn(history: SparseVector): Float32Array {
    const f = this.params.factors;
    const a = Float64Array.from(this.itemGram);
    const b = new Float64Array(f);
    const y = this.itemFactors;
    for (let h = 0; h < history.indices.length; h++) {
      const i = history.indices[h] as number;
      if (i < 0 || i >= this.items) continue;
      const c = confidenceOf(history.values[h] as number, this.params);
      const o = i * f;
      for (let p = 0; p < f; p++) {
        const yp = y[o + p] as number;
        b[p] = (b[p] as number) + c * yp;
        const s = (c - 1) * yp;
        if (s === 0) continue;
        for (let q = 0; q <= p; q++) a[p * f + q] = (a[p * f + q] as number) + s * (y[o + q] as number);
      }
    }
    for (let p = 0; p < f; p++) for (let q = p + 1; q < f; q++) a[p * f + q] = a[q * f + p] as number;
    if (!choleskySolveInPlace(a, b, f)) throw new RangeError('fold-in system is not positive definite (regularization must be > 0)');
    return Float32Array.from(b);
  }

  /** Scores of every item for a user vector (x · y_i), into `out` when given. */
  scoreAll(user: Float32Array, out: Float32Array = new Float32Array(this.items)): Float32Array {
    const f = this.params.factors;
    for (let i = 0; i < this.items; i++) out[i] = dotRows(user, 0, this.itemFactors, i * f, f);
    return out;
  }

  /** Scores of the `candidates` only (same order); an index outside the model scores NaN. */
  scoreCandidates(user: Float32Array, candidates: Int32Array): Float32Array {
    const f = this.params.factors;
    const out = new Float32Array(candidates.length);
    for (let c = 0; c < candidates.length; c++) {
      const i = candidates[c] as number;
      out[c] = i >= 0 && i < this.items ? dotRows(user, 0, this.itemFactors, i * f, f) : Number.NaN;
    }
    return out;
  }

  /** Bytes per item the serving side keeps: the item's f float32 factors (plus f² · 8 bytes once). */
  bytesPerItem(): number {
    return this.params.factors * 4;
  }

  /** Bytes of the Gram matrix kept for fold-in (once per model). */
  gramBytes(): number {
    return this.itemGram.byteLength;
  }
}
