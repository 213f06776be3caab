export {
  AttributionService, attributePathFile, type AttributionRequest, type PathsRequest, type ModelRequest, type AttributionResult,
} from './attribution.service.js';
export {
  attribute, type AttributionModel, type AttributionReport, type ChannelAttribution, type AttributionTotals, type ModelOptions,
} from './domain/attribute.js';
export {
  type JourneyDimension, type JourneyOptions,
} from './domain/event-journeys.js';
export type { Journey, Touch, ChannelCredit } from './domain/journey.js';
export {
  type PathFile,
} from './domain/path-file.js';
export {
  type MarkovOptions, type MarkovResult, type MarkovTransition,
} from './domain/markov.js';
export {
  type HeuristicModel,
} from './domain/heuristics.js';
export {
  readAttributionParams, type AttributionParams,
} from './attribution-params.js';
