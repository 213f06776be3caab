import type { ErrorCode } from '../../../shared/errors/index.js';
import { isCurrencyCode } from '../../../shared/money.js';
import { parseTimestamp } from '../../../shared/time.js';
import {
  CONSENT_PURPOSES, EVENT_NAMES, IDENTITY_FIELDS, INTEGER_FIELDS, PERSONAL_FIELDS, PLATFORMS, REQUIRED_BY_NAME,
  SCHEMA_VERSION, STRING_FIELDS, type CanonicalEvent, type EventName, type Platform,
} from './event-model.js';

/** What validation needs besides the raw value; all pure inputs (no clock or I/O inside). */
export interface ValidationContext {
  readonly tenant: string;
  /** Receive time, UTC epoch ms. */
  readonly now: number;
  readonly maxFutureSkewMs: number;
  readonly maxPastMs: number;
  /** Keyed pseudonymisation of a personal value (HMAC with the tenant secret). */
  readonly pseudonymise: (kind: 'phone' | 'address' | 'name' | 'idCard', value: string) => string;
}

/** A per-item outcome: the canonical event, or a catalogued code and a reason. Never thrown. */
export type ValidationOutcome =
  | { readonly ok: true; readonly event: CanonicalEvent }
  | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

const NAME_SET: ReadonlySet<string> = new Set(EVENT_NAMES);
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const MODEL_KEYS: ReadonlySet<string> = new Set<string>([
  'eventId', 'tenant', 'name', 'event', 'platform', 'ts', 'timestamp', 'schemaVersion', 'properties', 'currency', 'consent',
  ...IDENTITY_FIELDS, ...STRING_FIELDS, ...INTEGER_FIELDS, ...PERSONAL_FIELDS,
]);
const MAX_ID_LEN = 256;

const fail = (code: ErrorCode, reason: string): ValidationOutcome => ({ ok: false, code, reason });

/** Normalises a phone number before hashing: digits only, a +86/0086 country prefix dropped. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

function checkString(field: string, value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LEN) return undefined;
  return value;
}

/** Hashes raw personal fields into their pseudonymous counterparts; never keeps the raw value. */
function pseudonymiseInto(raw: Record<string, unknown>, event: CanonicalEvent, ctx: ValidationContext): string | undefined {
  const props = (raw.properties ?? {}) as Record<string, unknown>;
  for (const field of PERSONAL_FIELDS) {
    const value = raw[field] ?? props[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number') return `${field} must be a string`;
    const text = String(value).trim();
    if (text === '') continue;
    if (field === 'phone' || field === 'mobile') event.phoneHash ??= ctx.pseudonymise('phone', normalisePhone(text));
    else if (field === 'address' || field === 'receiverAddress') event.addressHash ??= ctx.pseudonymise('address', text.replace(/\s+/g, ''));
    else if (field === 'idCard') event.properties.idCardHash = ctx.pseudonymise('idCard', text.toUpperCase());
    else event.properties.nameHash = ctx.pseudonymise('name', text);
  }
  return undefined;
}

const PERSONAL_SET: ReadonlySet<string> = new Set(PERSONAL_FIELDS);
const KIND_OF_FIELD: Record<string, 'phone' | 'address' | 'name' | 'idCard'> = {
  phone: 'phone', mobile: 'phone', address: 'address', receiverAddress: 'address', idCard: 'idCard',
};

/**
 * Personal fields nested inside properties (say `properties.receiver.phone`) are replaced by
 * `<field>Hash` in a copy; objects are walked to a depth of 4. Returns the input itself when nothing
 * nested needs it, so shallow properties cost one pass over their values.
 */
function scrubNested(value: unknown, ctx: ValidationContext, depth: number): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => { const s = scrubNested(v, ctx, depth + 1); changed ||= s !== v; return s; });
    return changed ? out : value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    let next: unknown = v;
    let key = k;
    if (PERSONAL_SET.has(k) && (typeof v === 'string' || typeof v === 'number')) {
      const kind = KIND_OF_FIELD[k] ?? 'name';
      const text = String(v).trim();
      next = ctx.pseudonymise(kind, kind === 'phone' ? normalisePhone(text) : text);
      key = `${k}Hash`;
    } else {
      next = scrubNested(v, ctx, depth + 1);
    }
    if (next !== v || key !== k) out ??= { ...(value as Record<string, unknown>) };
    if (out) { if (key !== k) delete out[k]; out[key] = next; }
  }
  return out ?? value;
}

function applyConsent(value: unknown, event: CanonicalEvent): string | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'consent must be an object of purpose → boolean';
  const out: Partial<Record<(typeof CONSENT_PURPOSES)[number], boolean>> = {};
  for (const [purpose, granted] of Object.entries(value as Record<string, unknown>)) {
    if (!(CONSENT_PURPOSES as readonly string[]).includes(purpose)) return `consent purpose ${purpose} is unknown (use ${CONSENT_PURPOSES.join(', ')})`;
    if (typeof granted !== 'boolean') return `consent.${purpose} must be true or false`;
    out[purpose as (typeof CONSENT_PURPOSES)[number]] = granted;
  }
  event.consent = out;
  return undefined;
}

/**
 * Validates one raw event at the edge and returns its canonical form. Personal data is hashed here
 * and never leaves this function raw; unknown fields move into `properties`.
 */
export function validateEvent(raw: unknown, ctx: ValidationContext): ValidationOutcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('events_not_object', 'event must be a JSON object');
  const r = raw as Record<string, unknown>;
  const eventId = checkString('eventId', r.eventId);
  if (r.eventId === undefined) return fail('events_missing_field', 'eventId is required');
  if (eventId === undefined) return fail('events_invalid_field', `eventId must be a non-empty string of at most ${MAX_ID_LEN} characters`);
  const nameRaw = r.name ?? r.event;
  if (nameRaw === undefined) return fail('events_missing_field', 'name is required');
  if (typeof nameRaw !== 'string' || !NAME_SET.has(nameRaw)) return fail('events_unknown_name', `unknown event name ${JSON.stringify(nameRaw)}`);
  if (r.platform === undefined) return fail('events_missing_field', 'platform is required');
  if (typeof r.platform !== 'string' || !PLATFORM_SET.has(r.platform)) return fail('events_invalid_field', `platform must be one of ${PLATFORMS.join(', ')}`);
  if (r.tenant !== undefined && r.tenant !== ctx.tenant) return fail('events_tenant_mismatch', `event names tenant ${JSON.stringify(r.tenant)} but the key belongs to ${ctx.tenant}`);
  const tsRaw = r.ts ?? r.timestamp;
  if (tsRaw === undefined) return fail('events_missing_field', 'ts is required (UTC epoch ms or ISO-8601)');
  const ts = parseTimestamp(tsRaw);
  if (ts === undefined) return fail('events_invalid_field', 'ts must be UTC epoch ms (integer) or an ISO-8601 string');
  if (ts > ctx.now + ctx.maxFutureSkewMs) return fail('events_clock_skew', `ts is ${ts - ctx.now} ms in the future (allowed ${ctx.maxFutureSkewMs} ms)`);
  if (ts < ctx.now - ctx.maxPastMs) return fail('events_clock_skew', `ts is older than the allowed ${ctx.maxPastMs} ms`);
  if (r.schemaVersion !== undefined && r.schemaVersion !== SCHEMA_VERSION) return fail('events_invalid_field', `schemaVersion ${String(r.schemaVersion)} is not supported (current ${SCHEMA_VERSION})`);
  const event: CanonicalEvent = {
    eventId, tenant: ctx.tenant, name: nameRaw as EventName, platform: r.platform as Platform, ts,
    receivedAt: ctx.now, schemaVersion: SCHEMA_VERSION, properties: {},
  };
  const e = event as unknown as Record<string, unknown>;
  for (const field of [...IDENTITY_FIELDS, ...STRING_FIELDS]) {
    const value = r[field];
    if (value === undefined || value === null) continue;
    const s = checkString(field, value);
    if (s === undefined) return fail('events_invalid_field', `${field} must be a non-empty string of at most ${MAX_ID_LEN} characters`);
    e[field] = s;
  }
  for (const field of INTEGER_FIELDS) {
    const value = r[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return fail('events_invalid_field', field === 'amount' ? 'amount must be an integer count of minor units (fen), e.g. 1999 for ¥19.99' : `${field} must be an integer`);
    }
    if (value < 0 && field !== 'amount') return fail('events_invalid_field', `${field} must not be negative`);
    e[field] = value;
  }
  if (r.currency !== undefined) {
    if (!isCurrencyCode(r.currency)) return fail('events_invalid_field', 'currency must be an ISO-4217 code such as CNY');
    event.currency = r.currency;
  }
  if (event.amount !== undefined && event.currency === undefined) return fail('events_missing_field', 'currency is required when amount is given');
  const props = r.properties;
  if (props !== undefined && props !== null) {
    if (typeof props !== 'object' || Array.isArray(props)) return fail('events_invalid_field', 'properties must be an object');
    Object.assign(event.properties, props);
  }
  for (const key of Object.keys(r)) if (!MODEL_KEYS.has(key)) event.properties[key] = r[key];
  const consentError = applyConsent(r.consent, event);
  if (consentError !== undefined) return fail('events_invalid_field', consentError);
  const personalError = pseudonymiseInto(r, event, ctx);
  if (personalError !== undefined) return fail('events_invalid_field', personalError);
  for (const field of PERSONAL_FIELDS) delete event.properties[field];
  for (const [k, v] of Object.entries(event.properties)) {
    if (v !== null && typeof v === 'object') event.properties[k] = scrubNested(v, ctx, 2);
  }
  if (!IDENTITY_FIELDS.some((f) => e[f] !== undefined)) return fail('events_missing_identity', `at least one of ${IDENTITY_FIELDS.join(', ')} (or phone) is required`);
  for (const field of REQUIRED_BY_NAME[event.name] ?? []) {
    if (e[field] === undefined) return fail('events_missing_field', `${field} is required for ${event.name} events`);
  }
  return { ok: true, event };
}
