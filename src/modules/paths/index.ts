export {
  PathsService, type PathsRequest, type PathsResult, type DecisionTimeRequest, type DecisionTimeResult, type PathLengthRequest, type PathLengthResult, type PathLengthRange,
} from './paths.service.js';
export {
  type PathAnchor, type PathRule,
} from './domain/person-path.js';
export {
  type PathReport, type PathCount, type SankeyNode, type SankeyLink,
} from './domain/path-report.js';
export {
  type Decision, type DecisionDimension, type DecisionGroupReport, type TimeBucket,
} from './domain/decision-time.js';
export {
  type PathLengthReport, type PathLengthDifference,
} from './domain/path-length.js';
export {
  type TimelineEvent,
} from './domain/timeline.js';
