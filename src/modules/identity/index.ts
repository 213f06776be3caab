export { IdentityService, type PersonView } from './identity.service.js';
export type { IdentityStore, MergeRecord, IdentityErasure } from './identity.store.js';
export { keyClass } from './domain/link-planner.js';
