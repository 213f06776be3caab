export {
  FunnelsService, type FunnelResult, type SegmentLookup,
} from './funnels.service.js';
export {
  parseExclusions, type FunnelRequest, type FunnelStep, type FunnelExclusion, type FunnelDimension, type FunnelCount,
} from './domain/funnel-request.js';
export type { StepFilter } from './domain/step-filter.js';
export type { FunnelGroupReport, FunnelStepReport, FunnelValue, StepTiming } from './domain/funnel-report.js';
export {
  type Hit, type Match, type MatchOptions, type FunnelMode, type WindowFrom,
} from './domain/funnel-match.js';
