import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import { safeEqual } from '../shared/hashing.js';
import type { App } from '../app/app.js';
import type { Principal } from '../modules/tenants/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const header = request.headers['x-reelpath-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/**
 * Builds a preHandler that requires an API key of at least `need`: `write` accepts public (write)
 * and secret keys; `secret` accepts only secret keys (a write key used to read gets 403).
 */
export function requireKey(app: App, need: 'write' | 'secret') {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const key = presentedKey(request);
    if (!key) throw new AppError('api_unauthorized', 'send your API key as `Authorization: Bearer <key>`');
    const principal = await app.tenants.authenticate(key);
    if (!principal) throw new AppError('api_unauthorized', 'unknown or revoked API key');
    if (need === 'secret' && principal.kind !== 'secret') throw new AppError('api_forbidden', 'write keys can only ingest; use a secret key (rp_sec_…) to read');
    request.principal = principal;
  };
}

/** Builds a preHandler that requires the admin token from config. */
export function requireAdmin(app: App) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = app.config.api.adminToken;
    const key = presentedKey(request);
    if (!token || !key || !safeEqual(key, token)) throw new AppError('api_admin_token_required', token ? 'wrong admin token' : 'tenant administration over HTTP is off: set REELPATH_ADMIN_TOKEN');
  };
}

/** The authenticated principal of a request (set by requireKey). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('api_unauthorized');
  return request.principal;
}
