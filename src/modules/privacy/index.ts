export { ConsentService, type ConsentState } from './consent.service.js';
export type { ConsentStore, ConsentRecord } from './consent.store.js';
