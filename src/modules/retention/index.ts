export {
  RetentionService, COHORT_BASES,
  type CohortBasis, type BuyerQuery, type RetentionRequest, type RetentionReport,
  type RepurchaseRequest, type RepurchaseReport, type LtvRequest, type LtvReport,
} from './retention.service.js';
export { collectBuyerHistories, type BuyerHistory, type BuyerOrder, type OrderRow, type OrderExtractionOptions } from './domain/buyer-orders.js';
export { buildCohortTable, RETENTION_MODES, type RetentionMode, type CohortRow, type CohortTable, type ActivityHistory } from './domain/cohorts.js';
export { summariseRepurchase, type RepurchaseSummary } from './domain/repurchase.js';
export { summariseLtv, type LtvSummary, type BuyerValue, type CohortValue } from './domain/ltv.js';
export { periodIndexOf, periodStartOf, periodLabelOf, PERIOD_UNITS, type PeriodUnit } from './domain/periods.js';
