export {
  COMPONENTS, COMPONENT_DEFINITIONS, DEFAULT_POLICY, validatePolicy, creditMultiplier,
  type Component, type PolicyBody, type PolicyParameters, type PolicyVersion,
} from './domain/policy.js';
export { buildScoringTable, type ItemEvidence, type ScoringTable } from './domain/scoring-table.js';
export { composeSlate, type PlacedItem, type SlateCandidate, type ExplorationPool } from './domain/slate.js';
export { thompsonShares } from './domain/thompson.js';
export { explorationPool, POOL_LIMIT } from './domain/exploration-pool.js';
export { ipsEstimate, snipsEstimate, type LoggedDecision, type OffPolicyEstimate } from './domain/off-policy.js';
export { AllocationService, type CatalogueSnapshot, type Eligible, type AllocationOptions } from './allocation.service.js';
export type { AllocationStore, ServedSlate, ServedItem } from './allocation.store.js';
export { SqlAllocationStore } from './store/allocation.sql.js';
