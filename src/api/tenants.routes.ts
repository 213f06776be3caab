import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { principalOf, requireAdmin, requireKey } from './auth.js';

/** Tenant administration (admin token) and a tenant's own keys (secret key). */
export function registerTenantRoutes(server: FastifyInstance, app: App): void {
  server.post<{ Body: { id: string; name?: string } }>('/v1/tenants', {
    preHandler: requireAdmin(app),
    schema: { summary: 'Create a tenant; answers its write key and secret key (shown once)', tags: ['tenants'],
      body: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id'] } },
  }, async (request, reply) => {
    const created = await app.tenants.createTenant(request.body.id, request.body.name);
    void reply.status(201);
    return { tenant: { id: created.tenant.id, name: created.tenant.name }, writeKey: created.writeKey, secretKey: created.secretKey };
  });

  server.get('/v1/tenant', { preHandler: requireKey(app, 'secret'), schema: { summary: 'The tenant of this key and its keys (prefixes only)', tags: ['tenants'] } }, async (request) => {
    const tenant = principalOf(request).tenant;
    const keys = await app.tenants.listKeys(tenant.id);
    return { id: tenant.id, name: tenant.name, keys: keys.map((k) => ({ id: k.id, kind: k.kind, prefix: k.prefix, createdAt: k.createdAt, revokedAt: k.revokedAt })) };
  });

  server.post<{ Body: { kind: 'public' | 'secret' } }>('/v1/keys', {
    preHandler: requireKey(app, 'secret'),
    schema: { summary: 'Create another API key for this tenant', tags: ['tenants'],
      body: { type: 'object', properties: { kind: { enum: ['public', 'secret'] } }, required: ['kind'] } },
  }, async (request, reply) => {
    const key = await app.tenants.createKey(principalOf(request).tenant.id, request.body.kind);
    void reply.status(201);
    return { key, kind: request.body.kind };
  });
}
