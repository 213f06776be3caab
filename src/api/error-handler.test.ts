import { describe, expect, it } from 'vitest';
import { AppError, isStorageUnavailable } from '../shared/errors/index.js';
import { toAppError } from './error-handler.js';

const coded = (code: string): Error => Object.assign(new Error(code), { code });

describe('toAppError', () => {
  it('maps storage outages to storage_unavailable (503) and keeps the cause', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_FULL', 'ECONNREFUSED', '08006', '57P01', '53300']) {
      const mapped = toAppError(coded(code));
      expect(mapped.code).toBe('storage_unavailable');
      expect(mapped.status).toBe(503);
      expect((mapped.cause as Error).message).toBe(code);
    }
  });
  it('leaves bugs as internal_error and our own errors as they are', () => {
    expect(isStorageUnavailable(coded('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(false);
    expect(toAppError(coded('42P01')).code).toBe('internal_error');
    expect(toAppError(new TypeError('x')).code).toBe('internal_error');
    const own = new AppError('api_forbidden');
    expect(toAppError(own)).toBe(own);
  });
  it('maps Fastify body errors to catalogued codes', () => {
    expect(toAppError(coded('FST_ERR_CTP_BODY_TOO_LARGE')).code).toBe('api_body_too_large');
    expect(toAppError(coded('FST_ERR_CTP_INVALID_MEDIA_TYPE')).code).toBe('api_unsupported_media_type');
  });
});
