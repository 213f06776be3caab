import { createApp, type App } from '../app/app.js';
import { loadConfig, type Config } from '../config/index.js';
import { AppError, ERROR_CATALOGUE, knownError } from '../shared/errors/index.js';
import { msg } from './messages.js';

/** Options every command accepts. */
export interface GlobalOptions {
  json?: boolean;
  port?: string;
  data?: string;
  config?: string;
  lang?: string;
  logLevel?: string;
}

/**
 * Loads the config from env, file and the command's flags (flags win). `commandDefaults` replace the
 * schema defaults for this command only (e.g. one-shot commands log at `warn`, `serve` at `info`), so a
 * config file or REELPATH_LOG_LEVEL still overrides them.
 */
export function configFromFlags(opts: GlobalOptions, extra: Record<string, string | undefined> = {}, commandDefaults: Record<string, string> = { 'log.level': 'warn' }): Config {
  return loadConfig({
    env: process.env,
    file: opts.config,
    defaults: commandDefaults,
    flags: { 'api.port': opts.port, dataDir: opts.data, lang: opts.lang, 'log.level': opts.logLevel, ...extra },
  });
}

/**
 * Opens the application for a command about one tenant, refuses an unknown tenant (`tenants_not_found`),
 * runs `work`, and closes the stores whatever happens.
 */
export async function withTenantApp(opts: GlobalOptions & { tenant: string }, work: (app: App) => Promise<void>): Promise<void> {
  const app = await createApp(configFromFlags(opts));
  try {
    await app.tenants.getTenant(opts.tenant);
    await work(app);
  } finally {
    await app.close();
  }
}

/** Writes machine output (JSON) or human output to stdout. */
export function emit(opts: GlobalOptions, json: unknown, human: () => string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

/** The one mapping of errors to CLI exit codes: usage 2, client-side (4xx) 3, server-side 1. */
export function exitCodeFor(err: AppError): number {
  if (err.code === 'cli_usage') return 2;
  return err.status < 500 ? 3 : 1;
}

/** Prints an error in both languages with what to do next, and returns the exit code. */
export function reportError(err: unknown, lang: 'zh' | 'en', json: boolean): number {
  const appError = knownError(err, true) ?? new AppError('internal_error', (err as Error)?.message, { cause: err });
  const spec = ERROR_CATALOGUE[appError.code];
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code: appError.code, message: appError.message, messageZh: spec.zh, action: spec.action, details: appError.details } }, null, 2)}\n`);
  } else {
    const summary = lang === 'zh' ? `${spec.zh}（${appError.message}）` : appError.message;
    process.stderr.write(`${msg(lang, 'error_prefix')} [${appError.code}]: ${summary}\n${msg(lang, 'error_next')}: ${spec.action}\n`);
    if (appError.code === 'internal_error' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  }
  return exitCodeFor(appError);
}
