/**
 * Entries of the provenance log and their leaf bytes. A leaf is the UTF-8 of one canonical JSON text,
 * `{"at":…,"body":{…},"code":…,"kind":…,"v":1}`: keys sorted by UTF-16 code units at every depth, no
 * whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (so RFC 8785 JCS for the
 * values accepted here). That exact text is stored, hashed (RFC 9162 leaf: SHA-256 of 0x00 ‖ bytes) and
 * shown on the buyer's page, which hashes it again: it names its batch, kind and time by itself.
 */
import { parseTimestamp } from '../../../shared/time.js';

/** What an entry records about a batch. */
export const ENTRY_KINDS = ['origin', 'inspection', 'certification', 'logistics', 'consent_receipt', 'allocation_policy'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The version of the leaf format (`v` in every leaf). */
export const LEAF_VERSION = 1;
/** Most UTF-8 bytes of one leaf text. */
export const MAX_LEAF_BYTES = 16_384;
/** Most characters of one text field that a kind requires. */
export const MAX_FIELD_CHARS = 500;
const MAX_DEPTH = 8;
/** Latest entry time accepted: 9999-12-31T23:59:59.999Z (ISO-8601 needs four-digit years). */
const MAX_AT = 253_402_300_799_999;

/** An entry as a caller sends it: `at` as epoch ms or ISO-8601 (default: now). */
export interface EntryInput {
  readonly kind: unknown;
  readonly body: unknown;
  readonly at?: unknown;
}

/** A valid entry of a batch, ready to become a leaf. `at` is UTC epoch ms. */
export interface Entry {
  readonly code: string;
  readonly kind: EntryKind;
  readonly at: number;
  readonly body: Readonly<Record<string, unknown>>;
}

type FieldRule = (value: unknown) => string | undefined;
const text: FieldRule = (v) => (typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_FIELD_CHARS ? undefined : `a non-empty string of at most ${MAX_FIELD_CHARS} characters`);
const oneOf = (...values: string[]): FieldRule => (v) => (typeof v === 'string' && values.includes(v) ? undefined : `one of ${values.join(', ')}`);
const positiveInt: FieldRule = (v) => (Number.isSafeInteger(v) && (v as number) >= 1 ? undefined : 'a whole number ≥ 1');
const optional = (rule: FieldRule): FieldRule => (v) => (v === undefined ? undefined : rule(v));
const sha256Hex: FieldRule = (v) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? undefined : 'a SHA-256 digest as 64 lowercase hex characters');

/**
 * The fields each kind requires in `body` (other fields are kept as sent). Consent receipts and policy
 * versions carry references only: the log is public through its batch page and can never be erased, so
 * no personal data belongs in it.
 */
const KIND_RULES: Readonly<Record<EntryKind, Readonly<Record<string, FieldRule>>>> = {
  origin: { place: text, producer: text },
  inspection: { lab: text, reportNo: text, result: oneOf('pass', 'fail') },
  certification: { name: text, issuer: text, number: text },
  logistics: { event: text, location: text },
  consent_receipt: { receiptId: text, purpose: text, decision: oneOf('granted', 'denied', 'withdrawn') },
  allocation_policy: { version: positiveInt, digest: optional(sha256Hex) },
};

/** Whether `kind` is one of ENTRY_KINDS. */
export function isEntryKind(kind: unknown): kind is EntryKind {
  return typeof kind === 'string' && (ENTRY_KINDS as readonly string[]).includes(kind);
}

/** The rules of each kind as a list (read once per entry on the hot path). */
const KIND_FIELDS = Object.fromEntries(Object.entries(KIND_RULES).map(([kind, rules]) => [kind, Object.entries(rules)])) as Record<EntryKind, Array<[string, FieldRule]>>;

/**
 * Why `value` is not plain JSON (finite numbers, no undefined, bounded depth) as `<path below value>: <why>`;
 * undefined when it is. The path is built only on failure.
 */
function jsonProblem(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : ': numbers must be finite';
  if (depth >= MAX_DEPTH) return `: nested deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) { const p = jsonProblem(value[i], depth + 1); if (p !== undefined) return `[${i}]${p}`; }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const k in value) { const p = jsonProblem((value as Record<string, unknown>)[k], depth + 1); if (p !== undefined) return `.${k}${p}`; }
    return undefined;
  }
  return ': not a JSON value';
}

/** Entry time as epoch ms: `at` (epoch ms or ISO-8601), or `now` when absent; undefined when unreadable or out of range. */
export function entryTime(at: unknown, now: number): number | undefined {
  if (at === undefined || at === null) return now;
  const ms = parseTimestamp(at);
  return ms !== undefined && ms >= 0 && ms <= MAX_AT ? ms : undefined;
}

/**
 * Every problem of an entry (empty when it is valid): a known kind, a JSON object body with the kind's
 * required fields, a readable time, and a leaf within MAX_LEAF_BYTES.
 * @example entryProblems({ kind: 'origin', body: { place: '杭州西湖' } }, T) // ['body.producer: a non-empty string …']
 */
export function entryProblems(input: EntryInput, now: number): string[] {
  const problems: string[] = [];
  if (!isEntryKind(input.kind)) problems.push(`kind: one of ${ENTRY_KINDS.join(', ')}`);
  if (entryTime(input.at, now) === undefined) problems.push('at: epoch ms or ISO-8601 between 1970 and 9999');
  const body = input.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, 'body: a JSON object'];
  const shape = jsonProblem(body, 0);
  if (shape !== undefined) return [...problems, `body${shape}`];
  if (isEntryKind(input.kind)) {
    for (const [field, rule] of KIND_FIELDS[input.kind]) {
      const p = rule((body as Record<string, unknown>)[field]);
      if (p) problems.push(`body.${field}: ${p}`);
    }
  }
  return problems;
}

/** Canonical JSON text of a plain JSON value: keys sorted by UTF-16 code units at every depth, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += `${i === 0 ? '' : ','}${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`;
  }
  return `${out}}`;
}

/** The leaf text of an entry (what is stored, hashed and shown); `at` is written as ISO-8601 UTC. */
export function leafTextOf(entry: Entry): string {
  // canonicalJson({ v, code, kind, at, body }) written out: its keys in sorted order are at, body, code, kind, v.
  return `{"at":"${new Date(entry.at).toISOString()}","body":${canonicalJson(entry.body)},"code":${JSON.stringify(entry.code)},"kind":${JSON.stringify(entry.kind)},"v":${LEAF_VERSION}}`;
}

/** A checked entry with its leaf text, or every problem of it. */
export type PreparedEntry =
  | { readonly ok: true; readonly entry: Entry; readonly text: string }
  | { readonly ok: false; readonly problems: string[] };

/** Checks an entry of batch `code` (`now`: its time when it gives none) and writes its leaf text. */
export function prepareEntry(code: string, input: EntryInput, now: number): PreparedEntry {
  const problems = entryProblems(input, now);
  if (problems.length > 0) return { ok: false, problems };
  const entry: Entry = { code, kind: input.kind as EntryKind, at: entryTime(input.at, now) as number, body: input.body as Record<string, unknown> };
  const text = leafTextOf(entry);
  const bytes = utf8Length(text);
  return bytes <= MAX_LEAF_BYTES ? { ok: true, entry, text } : { ok: false, problems: [`the entry is ${bytes} bytes as a leaf; at most ${MAX_LEAF_BYTES}`] };
}

/** UTF-8 length of a string without encoding it. */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * Reads a leaf text back: the entry when the text is exactly the canonical leaf of a valid entry (same
 * bytes when written again), null otherwise. The audit and the verifier use it on stored and served leaves.
 */
export function parseLeafText(text: string): Entry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v.v !== LEAF_VERSION || typeof v.code !== 'string' || typeof v.at !== 'string' || Object.keys(v).length !== 5) return null;
  if (entryProblems({ kind: v.kind, body: v.body, at: v.at }, 0).length > 0) return null;
  const entry: Entry = { code: v.code, kind: v.kind as EntryKind, at: Date.parse(v.at), body: v.body as Record<string, unknown> };
  return leafTextOf(entry) === text ? entry : null;
}
