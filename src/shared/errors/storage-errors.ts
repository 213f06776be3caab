// Driver errors that mean "the store cannot be reached or cannot take writes right now" (retryable),
// as opposed to a bug: SQLite busy/locked/full/I/O, network errors, PostgreSQL classes 08 (connection),
// 53 (insufficient resources) and 57P (operator intervention: shutdown, cannot connect now).
const STORAGE_UNAVAILABLE = /^(SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|08...|53...|57P0[1-4])/;

/** True when a thrown driver error means the storage is unavailable rather than the request being wrong. */
export function isStorageUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_UNAVAILABLE.test(code);
}
