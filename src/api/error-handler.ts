import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CATALOGUE, knownError, type ErrorCode } from '../shared/errors/index.js';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'api_unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'api_body_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'api_malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'api_malformed_body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'api_bad_encoding',
  FST_ERR_VALIDATION: 'api_invalid_request',
  Z_DATA_ERROR: 'api_bad_encoding',
  Z_BUF_ERROR: 'api_bad_encoding',
};

/**
 * Maps any thrown error to an AppError: ours as they are, Fastify's and zlib's by code, storage
 * outages to storage_unavailable (503, retry), the rest to internal_error.
 */
export function toAppError(err: unknown): AppError {
  const known = knownError(err);
  if (known) return known;
  const e = err as Partial<FastifyError> & { code?: string };
  const code = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (code) return new AppError(code, code === 'api_invalid_request' ? e.message : undefined, { cause: err });
  if (e.validation) return new AppError('api_invalid_request', e.message, { cause: err });
  return new AppError('internal_error', undefined, { cause: err });
}

/**
 * The one place errors become HTTP: `{ error: { code, message, details, action } }` with the
 * catalogued status. Internal errors are logged with their cause; their message is not echoed.
 */
export function registerErrorHandler(server: FastifyInstance): void {
  server.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'internal_error' || appError.code === 'storage_unavailable') request.log.error({ err }, appError.code);
    const spec = ERROR_CATALOGUE[appError.code];
    void reply.status(spec.status).send({
      error: { code: appError.code, message: appError.message, messageZh: spec.zh, action: spec.action, ...(appError.details ? { details: appError.details } : {}) },
    });
  });
  server.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'api_not_found', message: `no route ${request.method} ${request.url}`, messageZh: ERROR_CATALOGUE.api_not_found.zh, action: 'See /docs for the routes.' } });
  });
}
