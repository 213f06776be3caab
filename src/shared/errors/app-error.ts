import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

/**
 * The one error class. Carries a catalogued code, a human message and optional details;
 * set `cause` when wrapping a lower-level error.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message?: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(message ?? ERROR_CATALOGUE[code].en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  /** HTTP status for this error, from the catalogue. */
  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** Narrows an unknown thrown value to an AppError. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
