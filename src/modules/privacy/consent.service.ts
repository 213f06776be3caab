import { AppError } from '../../shared/errors/index.js';
import type { Clock } from '../../shared/time.js';
import { CONSENT_PURPOSES, primaryIdentityKey, type CanonicalEvent, type ConsentPurpose } from '../events/index.js';
import type { ConsentRecord, ConsentStore } from './consent.store.js';

const STATE_TTL_MS = 30_000;
const STATE_LIMIT = 100_000;

/** A person's consent per purpose: the latest decision across all their keys, or `unknown`. */
export type ConsentState = Record<ConsentPurpose, { state: 'granted' | 'denied' | 'unknown'; ts: number | null; source: string | null }>;

/**
 * Consent per person and purpose (analytics, personalization, marketing), recorded from `consent`
 * events and from the API. Decisions attach to identity keys, so merges and splits of persons never
 * lose one; a person's state is the latest decision over their keys.
 */
export class ConsentService {
  /** Per tenant, states read since the last decision this process recorded (the serving path asks per request). */
  private readonly states = new Map<string, { at: number; byKeys: Map<string, ConsentState> }>();

  constructor(private readonly store: ConsentStore, private readonly clock: Clock) {}

  /** Records the consent changes that events carry. */
  async recordFromEvents(tenant: string, events: readonly CanonicalEvent[]): Promise<void> {
    const records: ConsentRecord[] = [];
    for (const e of events) {
      if (!e.consent) continue;
      const key = primaryIdentityKey(e);
      for (const [purpose, granted] of Object.entries(e.consent)) {
        records.push({ key, purpose: purpose as ConsentPurpose, granted: granted === true, ts: e.ts, source: `event:${e.eventId}` });
      }
    }
    if (records.length === 0) return;
    await this.store.record(tenant, records);
    // Dropped after the write: a read racing it stored into the cache object dropped here, or stores nothing.
    this.states.delete(tenant);
  }

  /** Records decisions given through the API for one identity key. */
  async recordFromApi(tenant: string, key: string, purposes: Record<string, unknown>): Promise<void> {
    const records: ConsentRecord[] = [];
    for (const [purpose, granted] of Object.entries(purposes)) {
      if (!(CONSENT_PURPOSES as readonly string[]).includes(purpose)) {
        throw new AppError('privacy_unknown_purpose', `unknown purpose ${purpose}; use ${CONSENT_PURPOSES.join(', ')}`);
      }
      if (typeof granted !== 'boolean') throw new AppError('api_invalid_request', `consent.${purpose} must be true or false`);
      records.push({ key, purpose: purpose as ConsentPurpose, granted, ts: this.clock.now(), source: 'api' });
    }
    await this.store.record(tenant, records);
    this.states.delete(tenant);
  }

  /**
   * The consent state of a person given all of their keys. Answers are cached until this process records
   * a decision for the tenant (a change recorded by another process is seen within `STATE_TTL_MS`).
   */
  async stateOf(tenant: string, keys: readonly string[]): Promise<ConsentState> {
    const now = this.clock.now();
    let cache = this.states.get(tenant);
    if (!cache || now - cache.at >= STATE_TTL_MS) { cache = { at: now, byKeys: new Map() }; this.states.set(tenant, cache); }
    const id = keys.join('\n');
    const hit = cache.byKeys.get(id);
    if (hit) return hit;
    const state = await this.readState(tenant, keys);
    if (this.states.get(tenant) === cache) {
      if (cache.byKeys.size >= STATE_LIMIT) cache.byKeys.clear();
      cache.byKeys.set(id, state);
    }
    return state;
  }

  private async readState(tenant: string, keys: readonly string[]): Promise<ConsentState> {
    const records = await this.store.listForKeys(tenant, keys);
    const state = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, { state: 'unknown', ts: null, source: null }])) as ConsentState;
    for (const r of records) {
      const cur = state[r.purpose];
      if (cur.ts === null || r.ts >= cur.ts) state[r.purpose] = { state: r.granted ? 'granted' : 'denied', ts: r.ts, source: r.source };
    }
    return state;
  }

  /** Deletes every decision recorded against `keys` (erasure). */
  async erase(tenant: string, keys: readonly string[]): Promise<number> {
    const n = await this.store.deleteForKeys(tenant, keys);
    this.states.delete(tenant);
    return n;
  }
}
