export {
  RetentionService, type CohortBasis, type BuyerQuery, type RetentionRequest, type RetentionReport, type RepurchaseRequest, type RepurchaseReport, type LtvRequest, type LtvReport,
} from './retention.service.js';
export {
  type BuyerHistory, type BuyerOrder, type OrderRow, type OrderExtractionOptions,
} from './domain/buyer-orders.js';
export {
  type RetentionMode, type CohortRow, type CohortTable, type ActivityHistory,
} from './domain/cohorts.js';
export {
  type RepurchaseSummary,
} from './domain/repurchase.js';
export {
  type LtvSummary, type BuyerValue, type CohortValue,
} from './domain/ltv.js';
export {
  type PeriodUnit,
} from './domain/periods.js';
