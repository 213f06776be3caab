import pino from 'pino';
import type { Logger, LoggerOptions } from 'pino';

export type { Logger };

/** Log levels accepted by the config. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Creates the structured (JSON) logger. Secrets and personal fields are redacted by path.
 * Logs go to stderr so that `--json` output on stdout stays machine-readable.
 */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: { service: 'reelpath' },
      redact: { paths: ['req.headers.authorization', '*.secret', '*.hmacSecret', '*.phone', '*.password'], censor: '[redacted]' },
      ...options,
    },
    pino.destination({ fd: 2, sync: false }),
  );
}
