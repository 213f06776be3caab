import { parseJsonPreservingBigIntegers } from './lossless-json.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';
// Unix seconds between 2001 and 2286; anything larger is most likely milliseconds.
const MAX_SECONDS = 9_999_999_999;
const MIN_SECONDS = 1_000_000_000;

/**
 * Reads documented fields out of one platform object and records every problem (missing or mistyped
 * field, with its full path) instead of throwing, so an adapter can answer one `platforms_bad_payload`
 * naming all of them. Required readers record a problem when the field is absent; `optional…` readers
 * treat absent, null, "" and 0 (the platforms' "not set" value for times and ids) as undefined.
 */
export class FieldReader {
  private constructor(
    private readonly obj: Json,
    private readonly path: string,
    private readonly problems: string[],
  ) {}

  /** A reader over `value`, or undefined (with a problem recorded) when it is not a JSON object. */
  static of(value: unknown, path: string, problems: string[] = []): FieldReader | undefined {
    if (isObject(value)) return new FieldReader(value, path, problems);
    problems.push(`${path || 'message'} must be a JSON object`);
    return undefined;
  }

  /** Every problem recorded so far by this reader and its children. */
  get issues(): readonly string[] { return this.problems; }

  /** True when no problem has been recorded. */
  get clean(): boolean { return this.problems.length === 0; }

  /** One sentence listing all problems (for the bad-payload reason). */
  reason(): string { return this.problems.join('; '); }

  /** Whether the field is present and not blank. */
  has(key: string): boolean { return !isBlank(this.obj[key]); }

  /** The raw value, unchecked (for copying platform extras into properties). */
  raw(key: string): unknown { return this.obj[key]; }

  /** Required identifier: a non-empty string, or an integer exactly representable as a JS number. */
  id(key: string): string | undefined { return this.readId(key, true); }

  /** Optional identifier; 0 and "" count as absent. */
  optionalId(key: string): string | undefined { return this.readId(key, false); }

  /** Required Unix time in seconds, returned as epoch ms. */
  seconds(key: string): number | undefined { return this.readTime(key, true, 'seconds'); }

  /** Optional Unix time in seconds (0 = not set), returned as epoch ms. */
  optionalSeconds(key: string): number | undefined { return this.readTime(key, false, 'seconds'); }

  /** Required epoch milliseconds. */
  millis(key: string): number | undefined { return this.readTime(key, true, 'ms'); }

  /** Optional epoch milliseconds (0 = not set). */
  optionalMillis(key: string): number | undefined { return this.readTime(key, false, 'ms'); }

  /** Required non-negative integer (counts, integer fen). */
  int(key: string): number | undefined { return this.readInt(key, true); }

  /** Optional non-negative integer; unlike ids and times, 0 is a value here. */
  optionalInt(key: string): number | undefined { return this.readInt(key, false); }

  /** Required non-empty string. */
  text(key: string): string | undefined { return this.readText(key, true); }

  /** Optional string ("" = absent). */
  optionalText(key: string): string | undefined { return this.readText(key, false); }

  /** Required nested object. */
  child(key: string): FieldReader | undefined {
    const v = this.obj[key];
    if (isObject(v)) return new FieldReader(v, this.at(key), this.problems);
    this.problems.push(`${this.at(key)} ${isBlank(v) ? 'is required' : 'must be an object'}`);
    return undefined;
  }

  /** Optional nested object. */
  optionalChild(key: string): FieldReader | undefined {
    return isBlank(this.obj[key]) ? undefined : this.child(key);
  }

  /** Nested object that the platform sends as a JSON string (Douyin `data`, Kuaishou `info`); objects are accepted too. */
  embedded(key: string): FieldReader | undefined {
    const v = this.obj[key];
    if (typeof v !== 'string') return this.child(key);
    const parsed = parseJsonPreservingBigIntegers(v);
    if (!parsed.ok) {
      this.problems.push(`${this.at(key)} is ${parsed.reason}`);
      return undefined;
    }
    return FieldReader.of(parsed.value, this.at(key), this.problems);
  }

  /** Optional array of objects, one reader per element; absent = []. */
  list(key: string): FieldReader[] {
    const v = this.obj[key];
    if (isBlank(v)) return [];
    if (!Array.isArray(v)) {
      this.problems.push(`${this.at(key)} must be an array`);
      return [];
    }
    return v.flatMap((item, i) => FieldReader.of(item, `${this.at(key)}[${i}]`, this.problems) ?? []);
  }

  /** Optional array of identifiers; absent = []. */
  idList(key: string): string[] {
    const v = this.obj[key];
    if (isBlank(v)) return [];
    if (!Array.isArray(v)) {
      this.problems.push(`${this.at(key)} must be an array`);
      return [];
    }
    return v.flatMap((item, i) => this.toId(item, `${this.at(key)}[${i}]`, true) ?? []);
  }

  private at(key: string): string { return this.path === '' ? key : `${this.path}.${key}`; }

  private readId(key: string, required: boolean): string | undefined {
    const v = this.obj[key];
    if (isBlank(v) || v === 0 || v === '0') {
      if (required) this.problems.push(`${this.at(key)} is required`);
      return undefined;
    }
    return this.toId(v, this.at(key), required);
  }

  private toId(v: unknown, path: string, required: boolean): string | undefined {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'number' && Number.isInteger(v)) {
      this.problems.push(`${path} (${v}) exceeds 2^53 and lost precision in JSON parsing; pass the raw body text`);
    } else if (required || !isBlank(v)) {
      this.problems.push(`${path} must be a string or integer id`);
    }
    return undefined;
  }

  private readTime(key: string, required: boolean, unit: 'seconds' | 'ms'): number | undefined {
    const v = this.obj[key];
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (isBlank(v) || n === 0) {
      if (required) this.problems.push(`${this.at(key)} is required`);
      return undefined;
    }
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      this.problems.push(`${this.at(key)} must be a Unix timestamp in ${unit}`);
      return undefined;
    }
    const seconds = unit === 'seconds' ? n : n / 1000;
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      this.problems.push(`${this.at(key)} (${n}) is not a plausible Unix timestamp in ${unit}`);
      return undefined;
    }
    return unit === 'seconds' ? n * 1000 : n;
  }

  private readInt(key: string, required: boolean): number | undefined {
    const v = this.obj[key];
    if (isBlank(v)) {
      if (required) this.problems.push(`${this.at(key)} is required`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.problems.push(`${this.at(key)} must be a non-negative integer`);
      return undefined;
    }
    return v;
  }

  private readText(key: string, required: boolean): string | undefined {
    const v = this.obj[key];
    if (isBlank(v)) {
      if (required) this.problems.push(`${this.at(key)} is required`);
      return undefined;
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    this.problems.push(`${this.at(key)} must be a string`);
    return undefined;
  }
}

/**
 * Decodes the message an adapter received: raw body text is parsed with big integers preserved (see
 * `parseJsonPreservingBigIntegers`), any other value is used as is.
 */
export function decodeMessage(message: unknown): { value: unknown } | { reason: string } {
  if (typeof message !== 'string') return { value: message };
  const parsed = parseJsonPreservingBigIntegers(message);
  return parsed.ok ? { value: parsed.value } : { reason: `message is ${parsed.reason}` };
}

/** Decodes the message and opens a reader on it; the reason says why it is unreadable otherwise. */
export function openMessage(message: unknown): { reader: FieldReader } | { reason: string } {
  const decoded = decodeMessage(message);
  if ('reason' in decoded) return decoded;
  const problems: string[] = [];
  const reader = FieldReader.of(decoded.value, '', problems);
  return reader === undefined ? { reason: problems.join('; ') } : { reader };
}
