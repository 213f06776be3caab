export {
  AttributionService, attributePathFile, DEFAULT_MAX_STATES, type AttributionRequest, type PathsRequest, type ModelRequest, type AttributionResult,
} from './attribution.service.js';
export {
  attribute, ATTRIBUTION_MODELS, type AttributionModel, type AttributionReport, type ChannelAttribution, type AttributionTotals, type ModelOptions,
} from './domain/attribute.js';
export { buildJourneys, refundsByOrder, JOURNEY_DIMENSIONS, VIEW_TOUCHES, CLICK_TOUCHES, type JourneyDimension, type JourneyOptions } from './domain/event-journeys.js';
export type { Journey, Touch, ChannelCredit } from './domain/journey.js';
export { parsePathFile, type PathFile } from './domain/path-file.js';
export { attributeMarkov, type MarkovOptions, type MarkovResult, type MarkovTransition } from './domain/markov.js';
export { attributeShapleyExact, attributeShapleyClosedForm, SHAPLEY_DEFINITION } from './domain/shapley.js';
export { attributeHeuristic, touchWeights, type HeuristicModel } from './domain/heuristics.js';
export { readAttributionParams, type AttributionParams } from './attribution-params.js';
