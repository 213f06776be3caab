import { readFileSync, existsSync } from 'node:fs';
import { AppError } from '../shared/errors/index.js';
import type { LogLevel } from '../shared/logging/logger.js';
import { SETTINGS, type Setting } from './config.schema.js';

/** The effective, validated, frozen configuration. */
export interface Config {
  readonly dataDir: string;
  readonly datasetsDir: string;
  readonly dbUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
  readonly api: { readonly host: string; readonly port: number; readonly bodyLimitBytes: number; readonly adminToken: string | undefined };
  readonly events: { readonly maxBatchSize: number; readonly maxFutureSkewMs: number; readonly maxPastMs: number; readonly duckdbMemoryLimit: string; readonly duckdbAnalysisMemoryLimit: string };
  readonly identity: { readonly maxLinksPerClass: number };
  readonly kpi: { readonly targets: string };
  readonly monitor: { readonly latenessMs: number; readonly retentionMs: number; readonly maxScopesPerTenant: number };
  readonly alerts: { readonly forMs: number; readonly keepFiringForMs: number; readonly dropSharePercent: number; readonly evaluateEveryMs: number };
  readonly recommend: { readonly refreshMs: number; readonly rebuildEveryMs: number; readonly servedFlushMs: number };
  readonly experiments: { readonly exposureFlushMs: number; readonly cacheMs: number };
  readonly orders: { readonly paymentTimeoutMs: number; readonly shipWithinHours: number; readonly sweepEveryMs: number; readonly maxBatch: number; readonly routingRule: 'nearest' | 'lowest_id'; readonly cacheMs: number };
  readonly settlement: { readonly refundWindowDays: number; readonly settleEveryMs: number; readonly maxBatch: number };
  readonly trace: { readonly logName: string; readonly checkpointEveryMs: number; readonly maxBatch: number };
  readonly compliance: { readonly listsDir: string };
  readonly log: { readonly level: LogLevel };
  readonly lang: 'zh' | 'en';
}

/** Where config values come from, lowest precedence first: schema defaults < caller defaults < file < env < flags. */
export interface ConfigSources {
  /** Environment (defaults to none: pass process.env explicitly at the edge). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON config file; REELPATH_CONFIG in env also names one. */
  readonly file?: string | undefined;
  /** Defaults of the caller (a command) that replace the schema defaults; every other source wins over them. */
  readonly defaults?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Flag overrides keyed by setting key, e.g. { 'api.port': '8080' }. */
  readonly flags?: Readonly<Record<string, string | number | boolean | undefined>>;
}

function readPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function writePath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) cur = (cur[part] ??= {}) as Record<string, unknown>;
  cur[parts[parts.length - 1] as string] = value;
}

function coerce(setting: Setting, raw: unknown, errors: string[]): unknown {
  if (raw === undefined || raw === '') return undefined;
  switch (setting.type) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isSafeInteger(n)) { errors.push(`${setting.key}: expected an integer, got ${JSON.stringify(raw)}`); return undefined; }
      if (setting.min !== undefined && n < setting.min) errors.push(`${setting.key}: must be ≥ ${setting.min}, got ${n}`);
      if (setting.max !== undefined && n > setting.max) errors.push(`${setting.key}: must be ≤ ${setting.max}, got ${n}`);
      return n;
    }
    case 'bool':
      if (raw === true || raw === 'true' || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === '0') return false;
      errors.push(`${setting.key}: expected true or false, got ${JSON.stringify(raw)}`);
      return undefined;
    case 'enum':
      if (!setting.values?.includes(String(raw))) errors.push(`${setting.key}: expected one of ${setting.values?.join(', ')}, got ${JSON.stringify(raw)}`);
      return String(raw);
    case 'string':
      return String(raw);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Resolves a `lang` setting: zh or en as given; auto follows LC_ALL, LC_MESSAGES or LANG (zh_* → zh). */
export function resolveLang(setting: string, env: Readonly<Record<string, string | undefined>>): 'zh' | 'en' {
  if (setting === 'zh' || setting === 'en') return setting;
  const locale = env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Loads, validates and freezes the configuration. Collects every problem and throws one
 * `config_invalid` AppError listing them all.
 */
export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {};
  const errors: string[] = [];
  const filePath = sources.file ?? env.REELPATH_CONFIG;
  let fileValues: unknown = {};
  if (filePath !== undefined) {
    if (!existsSync(filePath)) errors.push(`config file ${filePath} does not exist`);
    else {
      try { fileValues = JSON.parse(readFileSync(filePath, 'utf8')); } catch (err) { errors.push(`config file ${filePath}: ${(err as Error).message}`); }
    }
  }
  const out: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const candidates = [sources.flags?.[setting.key], env[setting.env], readPath(fileValues, setting.key), sources.defaults?.[setting.key]];
    const raw = candidates.find((c) => c !== undefined && c !== '');
    const value = coerce(setting, raw, errors) ?? setting.default;
    writePath(out, setting.key, value);
  }
  const dbUrl = out.dbUrl as string | undefined;
  if (dbUrl !== undefined && !/^postgres(ql)?:\/\//.test(dbUrl)) errors.push(`dbUrl: only postgres:// URLs are supported, got ${redactUrl(dbUrl)}`);
  const redisUrl = out.redisUrl as string | undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) errors.push(`redisUrl: only redis:// or rediss:// URLs are supported, got ${redactUrl(redisUrl)}`);
  if (errors.length > 0) throw new AppError('config_invalid', `Invalid configuration: ${errors.join('; ')}`, { details: { errors } });
  out.lang = resolveLang(out.lang as string, env);
  return deepFreeze(out as unknown as Config);
}

/** Hides the password of a connection URL. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

/** Returns a plain copy of the config with secrets redacted, for `reelpath config`. */
export function redactConfig(config: Config): Record<string, unknown> {
  const out = structuredClone(config) as unknown as Record<string, unknown>;
  for (const setting of SETTINGS) {
    if (!setting.secret) continue;
    const value = readPath(out, setting.key);
    if (typeof value === 'string') writePath(out, setting.key, setting.key === 'dbUrl' || setting.key === 'redisUrl' ? redactUrl(value) : '***');
  }
  return out;
}
