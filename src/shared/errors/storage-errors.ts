import { AppError, isAppError } from './app-error.js';
// Driver errors that mean "the store cannot be reached or cannot take writes right now" (retryable),
// as opposed to a bug: SQLite busy/locked/full/I/O, network errors, PostgreSQL classes 08 (connection),
// 53 (insufficient resources) and 57P (operator intervention: shutdown, cannot connect now).
const STORAGE_UNAVAILABLE = /^(SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|08...|53...|57P0[1-4])/;

/** True when a thrown driver error means the storage is unavailable rather than the request being wrong. */
export function isStorageUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_UNAVAILABLE.test(code);
}

/**
 * The error as Reelpath reports it when it is a known kind: our own `AppError` as it is, a driver error
 * meaning the store is out of reach as `storage_unavailable`; undefined for anything else (the caller
 * decides: `internal_error`, or its own mapping first). `keepMessage` keeps the driver's text (the local
 * CLI); HTTP answers never echo it.
 */
export function knownError(err: unknown, keepMessage = false): AppError | undefined {
  if (isAppError(err)) return err;
  if (isStorageUnavailable(err)) return new AppError('storage_unavailable', keepMessage ? (err as Error).message : undefined, { cause: err });
  return undefined;
}
