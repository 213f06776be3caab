export {
  EVENT_NAMES, EVENT_NAMES_ZH, FUNNEL_NODES, PLATFORMS, CONSENT_PURPOSES, IDENTITY_FIELDS, SCHEMA_VERSION, STRING_FIELDS, INTEGER_FIELDS, PERSONAL_FIELDS,
  type CanonicalEvent, type EventName, type FunnelNode, type Platform, type ConsentPurpose, type IdentityField,
} from './domain/event-model.js';
export { validateEvent, normalisePhone, type ValidationContext, type ValidationOutcome } from './domain/event-validate.js';
export { buildEventJsonSchema } from './domain/event-schema.js';
export { identityKeysOf, primaryIdentityKey, parseIdentityKey, identityKey, KEY_KINDS, type KeyKind } from './domain/identity-keys.js';
export { EventsService, type Rejection, type EventLimits, type CheckedBatch, ParseFailure } from './events.service.js';
export {
  ANALYSIS_DIMENSIONS, OPTIONAL_ANALYSIS_FIELDS, type EventStore, type AnchoredQuery, type AnchoredMeasure, type AnchoredResult, type AnchoredGroup, type MeasureMoments, type EventQuery, type AnalysisRow, type OptionalAnalysisField } from './events.store.js';
export type { StoredEvent } from './store/event-columns.js';
export { forEachPersonRows } from './person-rows.js';
