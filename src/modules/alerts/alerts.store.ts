import type { AlertStatus } from './domain/alert-state.js';
import type { Diagnosis } from './domain/diagnosis.js';

/** One alert episode that fired: from its first breach to its resolution. Times are UTC epoch ms. */
export interface AlertRecord {
  readonly id: string;
  readonly tenant: string;
  /** The monitored scope: `all` or `live:<liveId>`. */
  readonly scope: string;
  /** The detector's series key (`tenant` or `tenant/creator/live`). */
  readonly series: string;
  /** The rule that opened the incident. */
  readonly ruleId: string;
  /** Other rules of the same scope that fired with the same diagnosis while it was open (one fault, one alert). */
  readonly related: readonly string[];
  readonly status: Exclude<AlertStatus, 'inactive' | 'pending'>;
  readonly activeSince: number;
  readonly firingSince: number;
  readonly clearSince: number | null;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
  readonly resolvedAt: number | null;
  /** The metric's value and baseline at the latest transition. */
  readonly value: number | null;
  readonly baseline: number | null;
  readonly diagnosis: Diagnosis | null;
  readonly updatedAt: number;
}

/** The port that keeps alert episodes; `store/alerts.store.contract.test.ts` runs it on every engine. */
export interface AlertsStore {
  init(): Promise<void>;
  /** Inserts or replaces the record of its id. */
  save(record: AlertRecord): Promise<void>;
  get(tenant: string, id: string): Promise<AlertRecord | undefined>;
  /** A tenant's records, most recently updated first; `open` keeps firing and acknowledged ones only. */
  list(tenant: string, options: { readonly open: boolean; readonly limit: number }): Promise<AlertRecord[]>;
  /** Every tenant's firing and acknowledged records (restoring alert states at start). */
  openRecords(): Promise<AlertRecord[]>;
}
