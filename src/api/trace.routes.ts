import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app/app.js';
import type { AppendInput } from '../modules/trace/index.js';
import { AppError } from '../shared/errors/index.js';
import { principalOf, requireKey } from './auth.js';
import { boundedInt } from './query-params.js';

const tenantOf = (request: FastifyRequest): string => principalOf(request).tenant.id;
const CODE_PARAMS = { type: 'object', properties: { code: { type: 'string', description: 'Batch code: tr_ and 16 base32 characters' } }, required: ['code'] } as const;
const SIZES = {
  type: 'object',
  properties: { from: { type: 'integer', minimum: 0, description: 'Size of the older tree' }, to: { type: 'integer', minimum: 0, description: 'Size of the newer tree (≤ the newest checkpoint)' } },
  required: ['from', 'to'],
} as const;
/** Most entries per append request (as every batch endpoint). */
const MAX_ENTRIES = 5000;

/** The public routes answer any origin: a shop's own site may show the batch page and check it in the browser. */
const publicHeaders = (reply: FastifyReply): FastifyReply => reply.header('access-control-allow-origin', '*');

/**
 * The provenance log: batches, appends with per-entry outcomes, checkpoints, proofs and the audit for
 * secret keys; the batch page and consistency proofs in public (the batch code is the only secret).
 */
export function registerTraceRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');

  server.post<{ Body: { name?: unknown; productId?: unknown } }>('/v1/trace/batches', {
    preHandler: secret,
    schema: { summary: 'Create a product batch: answers its unguessable code (tr_…), printed on the package for the buyer page', tags: ['trace'], body: { type: 'object', properties: { name: { type: 'string' }, productId: { type: 'string' } } } },
  }, async (request, reply) => reply.code(201).send(await app.trace.createBatch(tenantOf(request), { name: request.body?.name, productId: request.body?.productId })));

  server.get<{ Querystring: { limit?: string } }>('/v1/trace/batches', { preHandler: secret, schema: { summary: 'Batches of the tenant, newest first', tags: ['trace'] } },
    async (request) => ({ batches: await app.trace.batches(tenantOf(request), boundedInt(request.query.limit, 1, 1000, 100)) }));

  server.post<{ Params: { code: string }; Body: { entries?: unknown } }>('/v1/trace/batches/:code/entries', {
    preHandler: secret,
    schema: {
      summary: 'Append 1–5000 entries (origin, inspection, certification, logistics, consent_receipt, allocation_policy) to a batch\'s log: per-entry outcomes with leaf indexes; a signed checkpoint per committed batch',
      tags: ['trace'], params: CODE_PARAMS, body: { type: 'object' },
    },
  }, async (request) => {
    const tenant = tenantOf(request);
    const entries = request.body?.entries;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) throw new AppError('api_invalid_request', `entries: an array of 1–${MAX_ENTRIES} { kind, body, at? }`);
    // An unknown code refuses the whole request (404): nothing is appended.
    await app.trace.batch(tenant, request.params.code);
    const items: AppendInput[] = entries.map((e: unknown) => {
      const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
      return { code: request.params.code, kind: o.kind, body: o.body, at: o.at };
    });
    const outcomes = await app.trace.append(tenant, items);
    const accepted = outcomes.filter((o) => o.ok).length;
    return { accepted, rejected: outcomes.length - accepted, outcomes };
  });

  server.get('/v1/trace/checkpoint', { preHandler: secret, schema: { summary: 'The newest signed checkpoint of the tenant\'s log (C2SP signed note), with the key that verifies it', tags: ['trace'] } },
    async (request) => ({ logOrigin: app.trace.originOf(tenantOf(request)), checkpoint: await app.trace.latestCheckpoint(tenantOf(request)), key: await app.trace.publicKey() }));

  server.get<{ Querystring: { index: number; size?: number } }>('/v1/trace/proofs/inclusion', {
    preHandler: secret,
    schema: {
      summary: 'Inclusion proof (RFC 9162 §2.1.3) of one leaf in the tree of `size` leaves (default: the newest checkpoint)', tags: ['trace'],
      querystring: { type: 'object', properties: { index: { type: 'integer', minimum: 0 }, size: { type: 'integer', minimum: 0 } }, required: ['index'] },
    },
  }, async (request) => app.trace.inclusionProof(tenantOf(request), request.query.index, request.query.size));

  server.get<{ Querystring: { from: number; to: number } }>('/v1/trace/proofs/consistency', {
    preHandler: secret, schema: { summary: 'Consistency proof (RFC 9162 §2.1.4) between two sizes of the tenant\'s log', tags: ['trace'], querystring: SIZES },
  }, async (request) => app.trace.consistencyProof(tenantOf(request), request.query.from, request.query.to));

  server.get('/v1/trace/audit', { preHandler: secret, schema: { summary: 'Re-check the tenant\'s stored log: every entry re-hashed, the tree rebuilt against stored subtrees and checkpoints, signatures and consistency', tags: ['trace'] } },
    async (request) => app.trace.audit(tenantOf(request)));

  server.get<{ Params: { code: string } }>('/v1/trace/public/:code', {
    schema: { summary: 'Public batch page data: entries with inclusion proofs, the signed checkpoint and its key (no key needed)', tags: ['trace'], params: CODE_PARAMS, security: [] },
  }, async (request, reply) => publicHeaders(reply).send(await app.trace.publicView(request.params.code)));

  server.get<{ Params: { code: string }; Querystring: { from: number; to: number } }>('/v1/trace/public/:code/consistency', {
    schema: { summary: 'Public consistency proof between two sizes of the log that holds a batch (no key needed)', tags: ['trace'], params: CODE_PARAMS, querystring: SIZES, security: [] },
  }, async (request, reply) => publicHeaders(reply).send(await app.trace.publicConsistency(request.params.code, request.query.from, request.query.to)));
}
