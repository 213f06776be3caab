/**
 * The experiment statistics engine (pure; see README.md): arm statistics, frequentist and Bayesian
 * tests, sample-ratio mismatch, multiple-testing corrections and the distributions behind them.
 */
export {
  computeMean,
  computeTheta,
  computeUnadjustedMean,
  computeVariance,
  withTheta,
  type ArmStatistic,
  type CupedStatistic,
  type Proportion,
  type RatioStatistic,
  type SampleMean,
  type SumPair,
} from './statistics.js';
export {
  computeWelchDof,
  estimateEffect,
  type EffectEstimate,
  type EffectEstimateOutcome,
  type EffectScale,
  type StatsErrorCode,
} from './effect-estimate.js';
export {
  computeSequentialHalfWidth,
  computeSequentialPValue,
  computeSequentialRho,
  runFrequentistTest,
  type Alternative,
  type FrequentistOptions,
  type FrequentistResult,
  type SequentialOptions,
} from './frequentist.js';
export { computeRisk, runBayesianTest, type BayesianOptions, type BayesianResult, type GaussianPrior } from './bayesian.js';
export { checkSampleRatioMismatch, DEFAULT_SRM_THRESHOLD, type SrmResult } from './srm.js';
export { adjustPValuesBenjaminiHochberg, adjustPValuesHolm } from './corrections.js';
export {
  computeChiSquaredSurvival,
  computeNormalCdf,
  computeNormalPdf,
  computeNormalQuantile,
  computeStudentTCdf,
  computeStudentTPdf,
  computeStudentTQuantile,
  T_NORMAL_DOF_LIMIT,
} from './distributions.js';
