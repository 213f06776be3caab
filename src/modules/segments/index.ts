export {
  SegmentsService, type RfmRequest, type RfmReport, type LayerReport, type MemberRow, type MembersPage, type MembersRequest,
} from './segments.service.js';
export {
  type RfmDimension, type RfmValues, type RfmScores, type RfmThresholds, type ExplicitCuts,
} from './domain/rfm-score.js';
export {
  type LayerName, type LayerOrOther, type LayerRule, type ScoreRange,
} from './domain/rfm-layers.js';
export {
  LAYER_STRATEGIES, type LayerStrategy,
} from './domain/layer-strategies.js';
export {
  renderMembersCsv,
} from './domain/members-csv.js';
