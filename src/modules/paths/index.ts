export {
  PathsService, PATH_LIMITS,
  type PathsRequest, type PathsResult, type DecisionTimeRequest, type DecisionTimeResult,
  type PathLengthRequest, type PathLengthResult, type PathLengthRange,
} from './paths.service.js';
export { readPersonPath, type PathAnchor, type PathRule } from './domain/person-path.js';
export { summarisePaths, OTHER_NODE, type PathReport, type PathCount, type SankeyNode, type SankeyLink } from './domain/path-report.js';
export {
  measureDecision, summariseDecisions, DECISION_BUCKETS,
  type Decision, type DecisionDimension, type DecisionGroupReport, type TimeBucket,
} from './domain/decision-time.js';
export { countStepsToEnd, summariseStepCounts, type PathLengthReport, type PathLengthDifference } from './domain/path-length.js';
export { buildTimelines, compareTimelineEvents, type TimelineEvent } from './domain/timeline.js';
