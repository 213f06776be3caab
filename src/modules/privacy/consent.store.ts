import type { ConsentPurpose } from '../events/index.js';

/** One consent decision, recorded against the identity key it came with. */
export interface ConsentRecord {
  readonly key: string;
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;
  readonly ts: number;
  /** `event:<eventId>` or `api`. */
  readonly source: string;
}

/** The consent port; `consent.store.contract.ts` runs it on every engine. */
export interface ConsentStore {
  init(): Promise<void>;
  /** Records decisions; an older decision never overwrites a newer one (event time wins). */
  record(tenant: string, records: readonly ConsentRecord[]): Promise<void>;
  /** Every decision recorded against any of `keys`. */
  listForKeys(tenant: string, keys: readonly string[]): Promise<ConsentRecord[]>;
  deleteForKeys(tenant: string, keys: readonly string[]): Promise<number>;
}
